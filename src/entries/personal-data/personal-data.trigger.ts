// Weekly scheduled trigger: report the account ids the app stores and erase the closed ones.
import { reportPersonalData } from '../../use-cases/personal-data.use-case';

export async function personalDataReport(): Promise<void> {
  const run = await reportPersonalData(new Date());
  console.log(
    `Personal data: reported ${run.reported} account(s); ${run.closed.length} closed, erased from ${run.erasedKeys.length} stored value(s)` +
      (run.failedKeys.length ? `; could not erase from ${run.failedKeys.join(', ')} (retried next week)` : ''),
  );
}
