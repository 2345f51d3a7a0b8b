import { and, count, eq, like } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { rewardGrants } from '../../rewards/rewards.tables.ts';
import { checkIn } from '../check-in.ts';
import { addDays } from '../checkin-days.ts';
import type { TMissedDayRule } from '../checkin-rules.ts';
import { checkinParticipants } from '../checkins.tables.ts';
import { createCheckinCampaign } from '../create-checkin-campaign.ts';
import { makeUpCheckin } from '../make-up-checkin.ts';
import { startCheckinCampaign } from '../start-checkin-campaign.ts';

// Random sequences of check-ins — repeated, redelivered (the same check-in several times at once)
// and from both sources — against a naive model of the streak, and the milestone rewards granted
// at most once each.

let w: TestWorld;
let clock = new Date('2026-04-20T10:00:00+08:00');
beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
});
afterAll(async () => {
  await w?.cleanup();
});

const START = '2026-05-01';
const DAYS = 10;
const milestones = [
  { kind: 'streak' as const, days: 3, reward: { kind: 'points' as const, amount: 30, name: '30 积分' } },
  { kind: 'total' as const, days: 5, reward: { kind: 'coupon' as const, amount: 500, name: '5 元券' } },
  { kind: 'streak' as const, days: 7, reward: { kind: 'gift' as const, amount: 0, name: '定制杯' } },
];
const operator: Actor = { ...systemActor(0), role: 'operator', name: 'operator', accountId: null };

function naive(filled: Set<number>, today: number) {
  let longest = 0;
  for (const d of filled) {
    let n = 0;
    while (filled.has(d + n)) n++;
    longest = Math.max(longest, n);
  }
  let current = 0;
  for (let d = filled.has(today) ? today : today - 1; d >= 0 && filled.has(d); d--) current++;
  const reached = milestones.flatMap((m, i) => ((m.kind === 'streak' ? longest : filled.size) >= m.days ? [i] : []));
  return { current, longest, total: filled.size, reached };
}

describe('check-in streaks and rewards on the database (property)', () => {
  it('match a naive model, and each milestone reward is granted at most once', async () => {
    const ctx = () => withActor(w.deps, { ...operator, tenantId: w.tenantId });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<TMissedDayRule>('reset', 'makeup'),
        // Each step: a day, how many copies arrive at once (redeliveries, double taps), and the source.
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: DAYS - 1 }),
            copies: fc.integer({ min: 1, max: 3 }),
            source: fc.constantFrom<'h5' | 'keyword'>('h5', 'keyword'),
          }),
          { minLength: 1, maxLength: 14 },
        ),
        async (rule, steps) => {
          clock = new Date('2026-04-20T10:00:00+08:00');
          const campaign = await createCheckinCampaign(ctx(), {
            name: 'property',
            days: DAYS,
            startDate: START,
            missedDayRule: rule,
            milestones,
          });
          await startCheckinCampaign(ctx(), campaign.id);
          // Time only moves forward: the steps in day order, repeats included.
          const ordered = [...steps].sort((x, y) => x.day - y.day);
          const filled = new Set<number>();
          for (const step of ordered) {
            const at = new Date(`${addDays(START, step.day)}T12:00:00+08:00`);
            clock = at;
            const results = await Promise.all(
              Array.from({ length: step.copies }, () =>
                checkIn(withActor(w.deps, systemActor(w.tenantId)), {
                  campaignId: campaign.id,
                  customerId: w.ids.c1,
                  source: step.source,
                  at,
                }),
              ),
            );
            const counted = results.filter((r) => r.ok && r.result.outcome === 'checked_in').length;
            expect(counted).toBe(filled.has(step.day) ? 0 : 1);
            filled.add(step.day);
          }
          const today = ordered.at(-1)?.day ?? 0;
          // Under the make-up rule, two cards spent at once on the earliest missed days: at most one counts.
          if (rule === 'makeup') {
            const missed = Array.from({ length: today }, (_, d) => d).filter((d) => !filled.has(d));
            const tries = await Promise.all(
              missed.slice(0, 2).map((d) =>
                makeUpCheckin(withActor(w.deps, systemActor(w.tenantId)), {
                  campaignId: campaign.id,
                  customerId: w.ids.c1,
                  day: addDays(START, d),
                }),
              ),
            );
            const made = tries.filter((t) => t.ok);
            expect(made).toHaveLength(missed.length > 0 ? 1 : 0);
            for (const t of made) if (t.ok) filled.add(t.result.number - 1);
          }
          const want = naive(filled, today);
          const [row] = await w.deps.db
            .select()
            .from(checkinParticipants)
            .where(and(eq(checkinParticipants.campaignId, campaign.id), eq(checkinParticipants.customerId, w.ids.c1)));
          expect({ longest: row?.longestStreak, total: row?.totalDays, reached: row?.milestonesReached }).toEqual({
            longest: want.longest,
            total: want.total,
            reached: want.reached.length,
          });
          const last = await checkIn(withActor(w.deps, systemActor(w.tenantId)), {
            campaignId: campaign.id,
            customerId: w.ids.c1,
            source: 'h5',
            at: new Date(`${addDays(START, today)}T23:00:00+08:00`),
          });
          expect(last.ok && last.result.outcome).toBe('already');
          expect(last.ok && last.result.currentStreak).toBe(want.current);
          const grants = await w.deps.db
            .select({ key: rewardGrants.idempotencyKey, n: count() })
            .from(rewardGrants)
            .where(like(rewardGrants.idempotencyKey, `checkin:${campaign.id}:%`))
            .groupBy(rewardGrants.idempotencyKey);
          expect(grants.every((g) => g.n === 1)).toBe(true);
          expect(grants.map((g) => g.key).sort()).toEqual(
            want.reached.map((i) => `checkin:${campaign.id}:${w.ids.c1}:m:${i}`).sort(),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
