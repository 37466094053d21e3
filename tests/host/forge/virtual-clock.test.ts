// The bench's virtual clock: sleeps cost their full time, parallel sleeps overlap, sequential ones add up, and time
// moves only when all work waits on the clock.
import { VirtualClock } from '../../../host/forge/virtual-clock';

it('adds up sleeps in sequence and overlaps sleeps in parallel', async () => {
  const clock = new VirtualClock(0);
  for (let i = 0; i < 3; i += 1) await clock.sleep(300);
  expect(clock.now()).toBe(900);
  await Promise.all(Array.from({ length: 10 }, (_, i) => clock.sleep(200 + i * 10)));
  expect(clock.now()).toBe(900 + 290);
});

it('wakes sleepers in time order, each seeing the time it asked for', async () => {
  const clock = new VirtualClock(1000);
  const woke: Array<[string, number]> = [];
  const chain = async (name: string, steps: number[]) => {
    for (const ms of steps) {
      await clock.sleep(ms);
      woke.push([name, clock.now()]);
    }
  };
  await Promise.all([chain('a', [300, 300]), chain('b', [250, 100, 100])]);
  expect(woke).toEqual([
    ['b', 1250],
    ['a', 1300],
    ['b', 1350],
    ['b', 1450],
    ['a', 1600],
  ]);
});

it('never lets work between two sleeps cost less than the sleeps: time only moves forward to wake-ups', async () => {
  const clock = new VirtualClock(0);
  const busy = async () => {
    await clock.sleep(100);
    // Work spread over several turns of the event loop before the next call.
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    await clock.sleep(100);
    return clock.now();
  };
  const other = clock.sleep(150).then(() => clock.now());
  // Work spread over turns of the event loop may see the clock move on to another sleeper's wake-up (150) before its
  // next sleep begins: that is counted against it (250), never for it (less than 200).
  const [a, b] = await Promise.all([busy(), other]);
  expect(b).toBe(150);
  expect([200, 250]).toContain(a);
});
