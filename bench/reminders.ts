// Reminder figures over the demo data: how many notify calls the daily run makes the first time reminders run
// (as on the first day after they ship: no reminder remembered yet), and on a second run the same day (must be 0).
import { seedDemoData } from '../host/demo-data';
import { LocalHost } from '../host/host';

type Report = (name: string, value: number | string, unit: string) => void;

const NOTIFY = /^POST \/rest\/api\/3\/issue\/[^/]+\/notify$/;

export async function reminderFigures(report: Report): Promise<void> {
  const host = new LocalHost({ dataDir: null, msPerRetrySecond: 5 });
  try {
    await seedDemoData(host);
    // The demo's own daily run already reminded; forget that, as if reminders had just been deployed.
    for (const key of Object.keys(host.kvs.state)) if (key.startsWith('reminder:')) delete host.kvs.state[key];
    const notifyCalls = () => host.faults.calls.filter((c) => NOTIFY.test(c)).length;
    for (const run of ['first', 'second'] as const) {
      const before = notifyCalls();
      host.jira.catchUpSearch();
      await host.runner.runScheduledTrigger('daily-stall-scan');
      await host.runner.idle();
      report(`reminders_${run}_run_notifications`, notifyCalls() - before, 'calls');
    }
  } finally {
    await host.close();
  }
}
