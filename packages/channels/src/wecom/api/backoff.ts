/** Retry settings for busy / rate-limited / failed WeCom calls. */
export type TRetryOptions = {
  /** First backoff step in ms (default 200). */
  baseMs: number;
  /** Largest wait in ms (default 5,000). */
  capMs: number;
  /** Total tries including the first (default 4). */
  maxTries: number;
};

export const DEFAULT_RETRY: TRetryOptions = { baseMs: 200, capMs: 5000, maxTries: 4 };

/**
 * "Full jitter" backoff: a random wait between 0 and min(cap, base · 2^attempt) (pure given `random`).
 * `attempt` is 0 for the wait after the first failure.
 * @example
 * backoffDelayMs(2, { baseMs: 200, capMs: 5000 }, () => 0.5) // 400
 */
export function backoffDelayMs(attempt: number, options: Pick<TRetryOptions, 'baseMs' | 'capMs'>, random = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
