import { settingsInputs } from '../../contract/schemas';
import { defineSurface } from '../../adapters/resolver-kit';
import { notAvailableYet } from '../../adapters/errors';

export const settingsResolver = defineSurface(settingsInputs, {
  'settings/load': async () => Promise.reject(notAvailableYet('Project settings')),
  'settings/setup': async () => Promise.reject(notAvailableYet('Project setup')),
  'settings/save': async () => Promise.reject(notAvailableYet('Saving settings')),
  'settings/preview-gate': async () => Promise.reject(notAvailableYet('The gate preview')),
});
