import { setTimeout as sleep } from 'node:timers/promises';

// The callback intake is "busy" while at least this many events arrived in the current or the
// previous window (≈ 100 a second): a burst, such as a mass scan of a live code.
const WINDOW_MS = 250;
const BUSY_PER_WINDOW = 25;
// While the intake is busy a background job is followed by a pause this many times as long as
// itself (the jobs get at most a quarter of the event loop), but never longer than MAX_PAUSE_MS.
const PAUSE_FACTOR = 3;
const MAX_PAUSE_MS = 500;

let windowStart = 0;
let current = 0;
let previous = 0;
// Background jobs run one after another while the intake is busy.
let gate: Promise<unknown> = Promise.resolve();

function roll(now: number): void {
  if (now - windowStart < WINDOW_MS) return;
  previous = now - windowStart < 2 * WINDOW_MS ? current : 0;
  current = 0;
  windowStart = now;
}

/** Counts events taken in by this process's callback intake (`ingestRawEventGrouped`). */
export function noteIntake(count = 1): void {
  roll(Date.now());
  current += count;
}

/** Whether this process is taking in a burst of callbacks right now. */
export function intakeBusy(now = Date.now()): boolean {
  roll(now);
  return current >= BUSY_PER_WINDOW || previous >= BUSY_PER_WINDOW;
}

/**
 * Wraps a background job so that, while callbacks pour into the same process, jobs run one at a
 * time and each is followed by a pause three times as long as itself (at most 500 ms): the jobs
 * get at most about a quarter of the event loop and a callback's `success` is not held up behind
 * them. The events
 * the jobs would process are already stored, so they lose nothing by waiting; outside a burst
 * jobs run as they come. For `queue.startWorkers({ around })` in a process that serves callbacks.
 * @example
 * await deps.queue.startWorkers({ pollingIntervalSeconds: 1, around: giveWayToIntake });
 */
export function giveWayToIntake<T>(run: () => Promise<T>): Promise<T> {
  if (!intakeBusy()) return run();
  const turn = gate.then(async () => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      if (intakeBusy()) await sleep(Math.min((performance.now() - started) * PAUSE_FACTOR, MAX_PAUSE_MS));
    }
  });
  gate = turn.catch(() => undefined);
  return turn;
}
