// Success messages through the host's flags; outside the Forge iframe (tests, local host) the bridge may refuse.
import { showFlag } from '@forge/bridge';

let counter = 0;

export function flagSuccess(title: string, description?: string): void {
  counter += 1;
  try {
    showFlag({ id: `p2p-${Date.now()}-${counter}`, title, description, type: 'success', isAutoDismiss: true });
  } catch {
    // A missing flag is cosmetic: the saved state is already on screen.
  }
}
