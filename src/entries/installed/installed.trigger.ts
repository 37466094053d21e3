export async function onInstalled(): Promise<void> {
  console.warn('Install-time setup is not available in this version yet');
}
