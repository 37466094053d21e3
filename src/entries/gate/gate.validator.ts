export async function validateGate(): Promise<{ result: boolean; errorMessage?: string }> {
  return { result: false, errorMessage: 'The AI Pilot graduation gate is not available in this version yet.' };
}
