/**
 * The per-corp outbound queue: every client of a corp shares it, so Pond never hammers WeCom.
 * Limits from 访问频率限制 (https://developer.work.weixin.qq.com/document/path/90312): per corp, a
 * single API at most 10,000 calls/minute (150,000/hour); concurrency is capped separately (45033
 * "api concurrent out of limit"; e.g. mark_tag allows 5 at once, per WeCom's answer in the
 * developer community), so the default cap is 5 calls in flight per corp.
 */

export type TRateQueueLimits = {
  /** Calls in flight at once for the corp (default 5). */
  concurrency: number;
  /** Calls started per API path in any 60 s window (default 10,000, WeCom's per-corp limit). */
  perMinute: number;
};

export const DEFAULT_QUEUE_LIMITS: TRateQueueLimits = { concurrency: 5, perMinute: 10_000 };

type Waiter = { path: string; start: () => void };

/** A FIFO queue with a concurrency cap and a per-path calls-per-minute budget. */
export type RateQueue = {
  /** Runs `fn` when the queue lets it; resolves/rejects with its result. */
  run: <T>(path: string, fn: () => Promise<T>) => Promise<T>;
  /** Calls waiting, and calls in flight (for tests and logs). */
  stats: () => { waiting: number; active: number };
  limits: TRateQueueLimits;
};

/**
 * A new queue (use `corpQueue` to share one per corp).
 * @example
 * const q = createRateQueue({ concurrency: 2, perMinute: 100 });
 * await q.run('externalcontact/get', () => fetch(url));
 */
export function createRateQueue(limits: TRateQueueLimits, now: () => number = Date.now): RateQueue {
  const waiting: Waiter[] = [];
  // Start times of recent calls per path (the last minute).
  const started = new Map<string, number[]>();
  let active = 0;
  let timer: NodeJS.Timeout | null = null;

  function budgetWaitMs(path: string): number {
    const t = now();
    const list = started.get(path) ?? [];
    while (list.length > 0 && (list[0] ?? 0) <= t - 60_000) list.shift();
    started.set(path, list);
    if (list.length < limits.perMinute) return 0;
    return (list[0] ?? t) + 60_000 - t;
  }

  function pump() {
    while (active < limits.concurrency && waiting.length > 0) {
      const head = waiting[0] as Waiter;
      const wait = budgetWaitMs(head.path);
      if (wait > 0) {
        // Strict FIFO: the head waits for its budget and everything behind it waits too.
        if (!timer)
          timer = setTimeout(() => {
            timer = null;
            pump();
          }, wait);
        return;
      }
      waiting.shift();
      active++;
      started.get(head.path)?.push(now());
      head.start();
    }
  }

  return {
    limits,
    stats: () => ({ waiting: waiting.length, active }),
    run<T>(path: string, fn: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          path,
          start: () => {
            fn()
              .then(resolve, reject)
              .finally(() => {
                active--;
                pump();
              });
          },
        });
        pump();
      });
    },
  };
}

// Module-level: every client of a corp in this process shares its queue.
const queues = new Map<string, RateQueue>();

/**
 * The shared queue of a corp; created with `limits` on first use (later `limits` are ignored
 * unless `replace` is set, which tests use).
 * @example
 * const q = corpQueue('ww123', { concurrency: 5, perMinute: 10_000 });
 */
export function corpQueue(corpId: string, limits: Partial<TRateQueueLimits> = {}, replace = false): RateQueue {
  const existing = queues.get(corpId);
  if (existing && !replace) return existing;
  const queue = createRateQueue({ ...DEFAULT_QUEUE_LIMITS, ...limits });
  queues.set(corpId, queue);
  return queue;
}
