import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOnSchedule,
  localClock,
  routeLiveCode,
  type TLiveCodeRouteConfig,
  type TLiveCodeSchedule,
} from '../route-live-code.ts';

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const schedule: fc.Arbitrary<TLiveCodeSchedule> = fc.record({
  weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  windows: fc.array(fc.record({ start: hhmm, end: fc.oneof(hhmm, fc.constant('24:00')) }), { minLength: 1, maxLength: 3 }),
});
const staffId = fc.integer({ min: 1, max: 8 });
const cap = fc.option(fc.integer({ min: 1, max: 6 }), { nil: null });

const routeConfig: fc.Arbitrary<TLiveCodeRouteConfig> = fc.record({
  pool: fc.uniqueArray(
    fc.record({
      staffId,
      weight: fc.integer({ min: 1, max: 4 }),
      dailyCap: cap,
      schedule: fc.option(schedule, { nil: null }),
    }),
    { minLength: 1, maxLength: 6, selector: (m) => m.staffId },
  ),
  schedule: fc.option(schedule, { nil: null }),
  dailyCap: cap,
  backupStaffIds: fc.uniqueArray(staffId, { maxLength: 3 }),
});
const states = fc.dictionary(
  staffId.map(String),
  fc.constantFrom('active', 'active', 'active', 'resigned', 'inactive', 'missing'),
);
const counts = fc.dictionary(staffId.map(String), fc.integer({ min: 0, max: 8 }));
// Any minute of two years, so every weekday, midnight and the time zone edges come up.
const now = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:00Z'), noInvalidDate: true });

describe('routeLiveCode (property)', () => {
  it('never lists a capped, resigned or (when someone is on duty) off-schedule member, and never nobody', () => {
    fc.assert(
      fc.property(
        routeConfig,
        states,
        counts,
        now,
        fc.array(staffId, { maxLength: 3 }),
        (config, rawStates, rawCounts, at, current) => {
          const staff = new Map(
            Object.entries(rawStates)
              .filter(([, s]) => s !== 'missing')
              .map(([id, status]) => [Number(id), { status }]),
          );
          const todayAdds = new Map(Object.entries(rawCounts).map(([id, n]) => [Number(id), n]));
          const result = routeLiveCode({ config, staff, todayAdds, now: at, current });

          const clock = localClock(at);
          const active = (id: number) => staff.get(id)?.status === 'active';
          const member = (id: number) => config.pool.find((m) => m.staffId === id);
          const capOf = (id: number) => member(id)?.dailyCap ?? config.dailyCap;
          const capped = (id: number) => {
            const c = capOf(id);
            return c !== null && c !== undefined && (todayAdds.get(id) ?? 0) >= c;
          };
          const onSchedule = (id: number) => {
            const s = member(id)?.schedule ?? config.schedule;
            return !s || isOnSchedule(s, clock);
          };
          const poolOnDuty = config.pool.filter((m) => active(m.staffId) && onSchedule(m.staffId) && !capped(m.staffId));
          const backupsFree = config.backupStaffIds.filter((id) => active(id) && !capped(id));

          expect(result.staffIds.length).toBeGreaterThan(0);
          expect(new Set(result.staffIds).size).toBe(result.staffIds.length);
          if (poolOnDuty.length > 0) {
            expect(result.mode).toBe('pool');
            for (const id of result.staffIds) {
              expect(poolOnDuty.some((m) => m.staffId === id)).toBe(true);
            }
          } else if (backupsFree.length > 0) {
            expect(result.mode).toBe('backup');
            expect(result.staffIds).toEqual(backupsFree);
          } else {
            expect(result.mode).toBe('fallback');
          }
          if (poolOnDuty.length > 0 || backupsFree.length > 0) {
            for (const id of result.staffIds) {
              expect(active(id)).toBe(true);
              expect(capped(id)).toBe(false);
            }
          }
          const anyoneActive = [...config.pool.map((m) => m.staffId), ...config.backupStaffIds].some(active);
          if (anyoneActive) for (const id of result.staffIds) expect(active(id)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
