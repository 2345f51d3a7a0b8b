// Pure rules of the WeCom sync: phases, page sizes, counts, staleness. No I/O here.

/** The phases of a sync run, in order; `done` is the end. */
export const SYNC_PHASES = ['staff', 'tags', 'customers', 'groups', 'done'] as const;
export type TSyncPhase = (typeof SYNC_PHASES)[number];

/** What a run counts, per kind of thing (staff, tags, customers, follows, groups, members). */
export type TSyncCount = { seen: number; created: number; updated: number; unchanged: number; removed: number };
export type TSyncCounts = Record<string, TSyncCount>;
/** The outcome of one upsert. */
export type TUpsertOutcome = 'created' | 'updated' | 'unchanged';

// batch/get_by_user takes at most 100 userids per call and returns at most 100 per page.
// https://developer.work.weixin.qq.com/document/path/92994 (批量获取客户详情)
export const BATCH_USERIDS_MAX = 100;
export const BATCH_PAGE_LIMIT = 100;
// groupchat/list: limit 1–1000. https://developer.work.weixin.qq.com/document/path/92120 (获取客户群列表)
export const GROUP_LIST_LIMIT = 100;
// Staff fetched with user/get per committed page.
export const STAFF_PAGE_SIZE = 50;
/** A running run not updated for this long has lost its job; the sweep picks it up again. */
export const STALE_RUN_MS = 2 * 60_000;
/** A run failing this many times in a row is marked failed instead of retried. */
export const MAX_RUN_ATTEMPTS = 8;

export const emptyCount = (): TSyncCount => ({ seen: 0, created: 0, updated: 0, unchanged: 0, removed: 0 });

/**
 * Adds a page's counts to the run's, without mutating either.
 * @example
 * addCounts({ staff: { seen: 1, created: 1, updated: 0, unchanged: 0, removed: 0 } }, { staff: { seen: 2 } });
 */
export function addCounts(total: TSyncCounts, page: Record<string, Partial<TSyncCount>>): TSyncCounts {
  const out: TSyncCounts = {};
  for (const [k, v] of Object.entries(total)) out[k] = { ...v };
  for (const [k, v] of Object.entries(page)) {
    const cur = out[k] ?? emptyCount();
    out[k] = {
      seen: cur.seen + (v.seen ?? 0),
      created: cur.created + (v.created ?? 0),
      updated: cur.updated + (v.updated ?? 0),
      unchanged: cur.unchanged + (v.unchanged ?? 0),
      removed: cur.removed + (v.removed ?? 0),
    };
  }
  return out;
}

/**
 * Tallies upsert outcomes into a count (`seen` is the number of outcomes).
 * @example
 * tally(['created', 'unchanged']); // { seen: 2, created: 1, updated: 0, unchanged: 1, removed: 0 }
 */
export function tally(outcomes: readonly TUpsertOutcome[], removed = 0): TSyncCount {
  const c = emptyCount();
  for (const o of outcomes) {
    c.seen++;
    c[o]++;
  }
  c.removed = removed;
  return c;
}

/**
 * The phase after `phase`.
 * @example
 * nextPhase('tags'); // 'customers'
 */
export function nextPhase(phase: TSyncPhase): TSyncPhase {
  const i = SYNC_PHASES.indexOf(phase);
  return SYNC_PHASES[Math.min(i + 1, SYNC_PHASES.length - 1)] ?? 'done';
}

/**
 * Splits a list into chunks of at most `size`.
 * @example
 * chunk([1, 2, 3], 2); // [[1, 2], [3]]
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * True when a running run has not moved for longer than `STALE_RUN_MS` (its job vanished).
 * @example
 * isStaleRun({ status: 'running', updatedAt: new Date(0) }, new Date(200_000)); // true
 */
export function isStaleRun(run: { status: string; updatedAt: Date }, now: Date): boolean {
  return run.status === 'running' && now.getTime() - run.updatedAt.getTime() > STALE_RUN_MS;
}

/**
 * Decides what a failure of a run's job does: retry later (the queue backs off) or fail the run.
 * @example
 * decideRunFailure({ retryable: true, attempts: 1 }); // 'retry'
 */
export function decideRunFailure(input: { retryable: boolean; attempts: number }): 'retry' | 'fail' {
  if (!input.retryable) return 'fail';
  return input.attempts >= MAX_RUN_ATTEMPTS ? 'fail' : 'retry';
}

/**
 * Seconds since the epoch (as WeCom sends them) to a Date; null for missing or zero.
 * @example
 * fromUnixSeconds(1700000000); // 2023-11-14T22:13:20.000Z
 */
export function fromUnixSeconds(value: number | string | undefined | null): Date | null {
  const n = typeof value === 'string' ? Number(value) : value;
  if (n === undefined || n === null || !Number.isFinite(n) || n <= 0) return null;
  return new Date(n * 1000);
}

/**
 * True when two values differ for an upsert: `undefined` in `next` means "not reported, keep".
 * @example
 * differs('a', undefined); // false
 */
export function differs<T>(current: T | null, next: T | null | undefined): boolean {
  if (next === undefined) return false;
  return (current ?? null) !== (next ?? null);
}
