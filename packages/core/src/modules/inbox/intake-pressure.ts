import { setTimeout as sleep } from 'node:timers/promises';

// The callback intake is "busy" while at least this many events arrived in the current or the
// previous window (≈ 100 a second): a burst, such as a mass scan of a live code.
const WINDOW_MS = 250;
const BUSY_PER_WINDOW = 25;
// While the intake is busy a background job is followed by a pause this many times as long as
// itself (the jobs get at most a quarter of the event loop), but never longer than MAX_PAUSE_MS.
const PAUSE_FACTOR = 3;
const MAX_PAUSE_MS = 500;

// The counts live in shared memory so that a worker thread of the same process (`pond start` on
// PostgreSQL runs its jobs in one) sees the intake of the HTTP thread: [window number, events in
// that window, events in the one before]. Only the thread that takes callbacks writes.
let counts = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
// Background jobs run one after another while the intake is busy.
let gate: Promise<unknown> = Promise.resolve();

// Window numbers wrapped to 32 bits (compared for equality and succession only).
const windowOf = (now: number) => Math.floor(now / WINDOW_MS) | 0;
const next = (w: number) => (w + 1) | 0;

/**
 * The shared memory behind `noteIntake` and `intakeBusy`: pass it to a worker thread, which calls
 * `shareIntakeCounts` with it before starting its jobs.
 * @example
 * new Worker(url, { workerData: { intake: intakeCounts() } });
 */
export function intakeCounts(): SharedArrayBuffer {
  return counts.buffer as SharedArrayBuffer;
}

/** Makes this thread read (and write) the intake counts of another thread. */
export function shareIntakeCounts(buffer: SharedArrayBuffer): void {
  counts = new Int32Array(buffer);
}

/** Counts events taken in by this process's callback intake (`ingestRawEventGrouped`). */
export function noteIntake(count = 1): void {
  const w = windowOf(Date.now());
  const last = Atomics.load(counts, 0);
  if (w !== last) {
    Atomics.store(counts, 2, w === next(last) ? Atomics.load(counts, 1) : 0);
    Atomics.store(counts, 1, 0);
    Atomics.store(counts, 0, w);
  }
  Atomics.add(counts, 1, count);
}

/** Whether this process is taking in a burst of callbacks right now. */
export function intakeBusy(now = Date.now()): boolean {
  const w = windowOf(now);
  const last = Atomics.load(counts, 0);
  if (w === last) return Atomics.load(counts, 1) >= BUSY_PER_WINDOW || Atomics.load(counts, 2) >= BUSY_PER_WINDOW;
  // Nothing noted yet in this window: the previous window is the last one noted, if it is adjacent.
  return w === next(last) && Atomics.load(counts, 1) >= BUSY_PER_WINDOW;
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
