import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import type { REWARD_SOURCES, TRewardSpec } from './rewards.schemas.ts';
import { rewardGrants } from './rewards.tables.ts';

export type TGrantRewardInput = {
  /** One grant per key, ever: e.g. `fission:3:participant:17:tier:2`. */
  idempotencyKey: string;
  customerId: number;
  reward: TRewardSpec;
  source: (typeof REWARD_SOURCES)[number];
  sourceId?: number | null;
};

export type TGrantRewardResult = { grantId: number; created: boolean; status: string };

/**
 * Grants a reward once per idempotency key: a second call with the same key (a retried job, a
 * duplicated event, two racing workers) returns the first grant and changes nothing. The grant
 * goes on the customer's timeline. Runs in the caller's transaction.
 * @example
 * await grantReward(ctx, { idempotencyKey: `checkin:${campaignId}:${customerId}:day:7`, customerId, reward: { kind: 'points', amount: 50, name: '50 积分' }, source: 'checkin', sourceId: campaignId });
 */
export async function grantReward(ctx: Ctx, input: TGrantRewardInput): Promise<TGrantRewardResult> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const [created] = await db
      .insert(rewardGrants)
      .values({
        tenantId,
        idempotencyKey: input.idempotencyKey,
        customerId: input.customerId,
        kind: input.reward.kind,
        amount: input.reward.amount,
        name: input.reward.name,
        source: input.source,
        sourceId: input.sourceId ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: rewardGrants.id, status: rewardGrants.status });
    if (created) {
      await appendCustomerEvents(tctx, [
        {
          customerId: input.customerId,
          type: 'reward.granted',
          data: {
            grantId: created.id,
            kind: input.reward.kind,
            amount: input.reward.amount,
            name: input.reward.name,
            source: input.source,
          },
        },
      ]);
      return { grantId: created.id, created: true, status: created.status };
    }
    const [existing] = await db
      .select({ id: rewardGrants.id, status: rewardGrants.status })
      .from(rewardGrants)
      .where(and(eq(rewardGrants.tenantId, tenantId), eq(rewardGrants.idempotencyKey, input.idempotencyKey)));
    if (!existing) throw new Error(`Reward ${input.idempotencyKey} was neither written nor found.`);
    return { grantId: existing.id, created: false, status: existing.status };
  });
}
