export async function onPilotIssue(event: unknown): Promise<void> {
  console.warn('Workstream seeding is not available in this version yet', typeof event);
}
