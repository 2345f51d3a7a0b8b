// Property: whatever the order of adds, deletions (inside or outside the window) and redeliveries,
// no tier is ever granted twice, and each participant's count equals the distinct new friends
// first added through their code and not deleted within the window.
import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { rewardGrants } from '../../rewards/rewards.tables.ts';
import { applyFissionAdd } from '../apply-fission-add.ts';
import { applyFissionDelete } from '../apply-fission-delete.ts';
import { fissionCampaigns, fissionParticipants, fissionTierGrants } from '../fission.tables.ts';

let w: TestWorld;
let sys: Ctx;
beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  // Progress messages are enqueued (never sent here): the queue must accept jobs.
  await w.deps.queue.start();
  sys = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const HOUR = 3_600_000;
const T0 = new Date('2026-03-10T00:00:00Z').getTime();
const TIERS = [1, 2, 4].map((invites, i) => ({
  invites,
  reward: { kind: 'points' as const, amount: 10 * (i + 1), name: `${10 * (i + 1)} 积分` },
}));
const FRIENDS = 6;

type TOp =
  | { kind: 'add'; friend: number; participant: number }
  | { kind: 'delete'; friend: number; within: boolean; by: 'customer' | 'staff' }
  | { kind: 'redeliver' };

const opArb: fc.Arbitrary<TOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), friend: fc.nat(FRIENDS - 1), participant: fc.nat(1) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      friend: fc.nat(FRIENDS - 1),
      within: fc.boolean(),
      by: fc.constantFrom('customer' as const, 'staff' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'redeliver' as const }) },
);

let run = 0;
const tx = <T>(fn: (ctx: Ctx) => Promise<T>) => w.deps.db.transaction((t) => fn({ ...sys, tx: t }));

describe('fission counting (property)', () => {
  it('never grants a tier twice and counts distinct new friends not deleted within the window', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        run++;
        const [campaign] = await w.deps.db
          .insert(fissionCampaigns)
          .values({
            tenantId: w.tenantId,
            name: `性质测试 ${run}`,
            startsAt: new Date(T0 - 24 * HOUR),
            endsAt: new Date(T0 + 60 * 24 * HOUR),
            goal: 4,
            tiers: TIERS,
            staffIds: [w.ids.guide1],
            status: 'active',
          })
          .returning();
        if (!campaign) throw new Error('campaign not written');
        const participants = await w.deps.db
          .insert(fissionParticipants)
          .values([w.ids.c1, w.ids.c2].map((customerId) => ({ tenantId: w.tenantId, campaignId: campaign.id, customerId })))
          .returning();
        // Friends are customer ids of this run only, so "new to the brand" is the model's to decide.
        const friendId = (f: number) => 1_000_000 + run * 100 + f;
        const model = {
          everAdded: new Set<number>(),
          active: new Map<number, { at: number }>(),
          counted: new Map<number, { participant: number; at: number; revoked: boolean }>(),
          count: [0, 0],
          reachedMax: [0, 0],
        };
        let clock = T0;
        let lastAdd: Parameters<typeof applyFissionAdd>[1] | null = null;
        let inbox = run * 10_000;
        for (const op of ops) {
          clock += HOUR;
          if (op.kind === 'add') {
            if (model.active.has(op.friend)) continue; // already a friend: WeCom sends no second add
            const participant = participants[op.participant];
            if (!participant) throw new Error('participant missing');
            const newCustomer = !model.everAdded.has(op.friend);
            model.everAdded.add(op.friend);
            model.active.set(op.friend, { at: clock });
            if (newCustomer) {
              model.counted.set(op.friend, { participant: op.participant, at: clock, revoked: false });
              const n = (model.count[op.participant] ?? 0) + 1;
              model.count[op.participant] = n;
              model.reachedMax[op.participant] = Math.max(model.reachedMax[op.participant] ?? 0, n);
            }
            lastAdd = {
              type: 'customer.added',
              customerId: friendId(op.friend),
              staffId: w.ids.guide1,
              state: `fi${campaign.id}.${participant.id}`,
              readd: !newCustomer,
              newCustomer,
              inboxEventId: ++inbox,
              at: new Date(clock),
            };
            const event = lastAdd;
            await tx((ctx) => applyFissionAdd(ctx, event));
          } else if (op.kind === 'delete') {
            if (!model.active.has(op.friend)) continue;
            model.active.delete(op.friend);
            const claim = model.counted.get(op.friend);
            // Inside: an hour after the counted add; outside: past the 72 h window.
            const at = claim ? claim.at + (op.within ? HOUR : 73 * HOUR) : clock;
            if (claim && !claim.revoked && op.within) {
              claim.revoked = true;
              model.count[claim.participant] = (model.count[claim.participant] ?? 0) - 1;
            }
            await tx((ctx) =>
              applyFissionDelete(ctx, { customerId: friendId(op.friend), staffId: w.ids.guide1, at: new Date(at), by: op.by }),
            );
          } else if (lastAdd) {
            const event = lastAdd;
            await tx((ctx) => applyFissionAdd(ctx, event));
          }
        }

        const rows = await w.deps.db
          .select()
          .from(fissionParticipants)
          .where(and(eq(fissionParticipants.tenantId, w.tenantId), eq(fissionParticipants.campaignId, campaign.id)));
        const grants = await w.deps.db
          .select()
          .from(rewardGrants)
          .where(
            and(
              eq(rewardGrants.tenantId, w.tenantId),
              eq(rewardGrants.source, 'fission'),
              eq(rewardGrants.sourceId, campaign.id),
            ),
          );
        const tierRows = await w.deps.db
          .select()
          .from(fissionTierGrants)
          .where(
            and(
              eq(fissionTierGrants.tenantId, w.tenantId),
              inArray(
                fissionTierGrants.participantId,
                participants.map((p) => p.id),
              ),
            ),
          );
        participants.forEach((p, i) => {
          const row = rows.find((r) => r.id === p.id);
          expect(row?.invitedCount).toBe(model.count[i]);
          const mine = grants.filter((g) => g.customerId === p.customerId);
          // One grant per tier ever reached, never two.
          const reached = TIERS.filter((t) => t.invites <= (model.reachedMax[i] ?? 0)).length;
          expect(mine).toHaveLength(reached);
          expect(new Set(mine.map((g) => g.idempotencyKey)).size).toBe(mine.length);
          expect(tierRows.filter((t) => t.participantId === p.id)).toHaveLength(reached);
          // Grants above the standing count were flagged (never silently kept or clawed back).
          for (const g of mine) {
            const tier = Number(g.idempotencyKey.split(':').pop());
            const threshold = TIERS[tier - 1]?.invites ?? 0;
            if (threshold > (model.count[i] ?? 0)) expect(g.status).toBe('flagged');
          }
        });
      }),
      { numRuns: 30 },
    );
  });
});
