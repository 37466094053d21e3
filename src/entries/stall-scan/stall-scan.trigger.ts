export async function stallScan(): Promise<void> {
  console.warn('The stall scan is not available in this version yet');
}
