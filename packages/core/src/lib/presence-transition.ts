// The order-independent rule for relations that start and end and may start again: a follow
// (add → delete → re-add) and a group membership (join → leave → re-join). WeCom delivers events
// late, twice and out of order, so each event carries when it happened (`at`) and the row keeps
// when the relation last started and ended; an event older than what the row already knows is
// stale and does not change the present state.

/** What the row knows: when the relation last started, and when it ended (null while it holds). */
export type TPresence = { startedAt: Date; endedAt: Date | null };
export type TPresenceChange = { kind: 'start' | 'end'; at: Date };

export type TPresenceDecision =
  // `current`: this event is now the relation's present state (notify, welcome, count it).
  | { action: 'insert'; next: TPresence; current: boolean }
  | { action: 'update'; next: TPresence; current: boolean }
  | { action: 'none'; current: false };

/**
 * Decides what an event does to a relation's row. Ties go to the later-processed event, except
 * that a repeat of the same kind at the same instant changes nothing.
 * @example
 * decidePresenceTransition({ startedAt: t1, endedAt: t2 }, { kind: 'start', at: t3 }); // re-add: { action: 'update', current: true }
 */
export function decidePresenceTransition(row: TPresence | null, change: TPresenceChange): TPresenceDecision {
  const at = change.at.getTime();
  if (change.kind === 'start') {
    if (!row) return { action: 'insert', next: { startedAt: change.at, endedAt: null }, current: true };
    const started = row.startedAt.getTime();
    if (row.endedAt === null) {
      // A newer start while it holds: it ended in between and we have not heard (yet).
      if (at > started) return { action: 'update', next: { startedAt: change.at, endedAt: null }, current: true };
      return { action: 'none', current: false };
    }
    const ended = row.endedAt.getTime();
    if (at >= ended) return { action: 'update', next: { startedAt: change.at, endedAt: null }, current: true };
    // An older start after its end was seen. If the row was made by that end alone (start = end), this
    // is the start it was missing: keep the real time, stay ended.
    if (started === ended && at < started)
      return { action: 'update', next: { startedAt: change.at, endedAt: row.endedAt }, current: false };
    return { action: 'none', current: false };
  }
  // An end before any start: remember it, so that the late start finds the relation already over.
  if (!row) return { action: 'insert', next: { startedAt: change.at, endedAt: change.at }, current: false };
  const started = row.startedAt.getTime();
  if (row.endedAt === null) {
    if (at >= started) return { action: 'update', next: { startedAt: row.startedAt, endedAt: change.at }, current: true };
    return { action: 'none', current: false };
  }
  // Already ended: a later end means a start in between is missing; keep the latest end.
  if (at > row.endedAt.getTime())
    return { action: 'update', next: { startedAt: row.startedAt, endedAt: change.at }, current: false };
  return { action: 'none', current: false };
}

/** Re-adds implied by the starts and ends seen so far: every end follows a start, so cycles = max(starts, ends). */
export const restartsFromHistory = (starts: number, ends: number) => Math.max(0, Math.max(starts, ends) - 1);
