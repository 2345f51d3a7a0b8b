import { describe, expect, it } from 'vitest';
import { decidePresenceTransition, restartsFromHistory, type TPresence, type TPresenceChange } from './presence-transition.ts';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const start = (s: number): TPresenceChange => ({ kind: 'start', at: t(s) });
const end = (s: number): TPresenceChange => ({ kind: 'end', at: t(s) });
const holding = (s: number): TPresence => ({ startedAt: t(s), endedAt: null });
const ended = (s: number, e: number): TPresence => ({ startedAt: t(s), endedAt: t(e) });

describe('decidePresenceTransition', () => {
  const cases: [string, TPresence | null, TPresenceChange, string, TPresence | null, boolean][] = [
    // name, row, change, action, next, current
    ['first start', null, start(10), 'insert', holding(10), true],
    ['end before any start is remembered, not current', null, end(20), 'insert', ended(20, 20), false],
    ['end after start', holding(10), end(20), 'update', ended(10, 20), true],
    ['end at the same instant as the start', holding(10), end(10), 'update', ended(10, 10), true],
    ['stale end older than the current start', holding(30), end(20), 'none', null, false],
    ['re-start after an end', ended(10, 20), start(30), 'update', holding(30), true],
    ['newer start while holding: missed end', holding(10), start(30), 'update', holding(30), true],
    ['repeat of the same start', holding(10), start(10), 'none', null, false],
    ['older start while holding', holding(30), start(10), 'none', null, false],
    ['late start after its end: fills the start time', ended(20, 20), start(10), 'update', ended(10, 20), false],
    ['old start after a full cycle is stale', ended(10, 20), start(5), 'none', null, false],
    ['later end while ended keeps the latest end', ended(10, 20), end(40), 'update', ended(10, 40), false],
    ['older end while ended', ended(10, 20), end(15), 'none', null, false],
  ];
  it.each(cases)('%s', (_name, row, change, action, next, current) => {
    const decision = decidePresenceTransition(row, change);
    expect(decision.action).toBe(action);
    expect(decision.current).toBe(current);
    if (decision.action !== 'none') expect(decision.next).toEqual(next);
  });

  it('ends in the same state whatever order add, delete, re-add, delete arrive in', () => {
    const events = [start(10), end(20), start(30), end(40)];
    const permutations = (xs: TPresenceChange[]): TPresenceChange[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of permutations(events)) {
      let row: TPresence | null = null;
      for (const change of order) {
        const d = decidePresenceTransition(row, change);
        if (d.action !== 'none') row = d.next;
      }
      expect(row?.endedAt, order.map((c) => `${c.kind}@${c.at.getUTCSeconds()}`).join(' ')).toEqual(t(40));
    }
  });
});

describe('restartsFromHistory', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
    [1, 1, 0],
    [2, 1, 1],
    [1, 2, 1],
    [3, 3, 2],
  ])('%i starts, %i ends → %i restarts', (starts, ends, expected) => {
    expect(restartsFromHistory(starts, ends)).toBe(expected);
  });
});
