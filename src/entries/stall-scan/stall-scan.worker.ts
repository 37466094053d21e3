import Resolver from '@forge/resolver';

const worker = new Resolver();
worker.define('scan-page', async () => {
  console.warn('The stall scan is not available in this version yet');
});
export const stallScanWorker = worker.getDefinitions();
