import { and, eq, lte, sql } from 'drizzle-orm';
import { getTenantChannelKind, simulatorOf } from '../../channels.ts';
import { type Ctx, type Deps, dbOf, systemActor, withActor } from '../../context.ts';
import { LEDGER_TRANSITIONS } from './ledger-states.ts';
import { referralLedger } from './referral.tables.ts';

/**
 * The tenant's "now" for settling: the simulated clock for simulator tenants (their orders carry
 * simulated times, which can run ahead of the wall clock), the process clock otherwise.
 */
export async function referralNow(ctx: Ctx): Promise<Date> {
  const kind = await getTenantChannelKind(ctx.database, dbOf(ctx), ctx.actor.tenantId);
  return kind === 'simulator' ? simulatorOf(ctx).now(ctx.actor.tenantId) : ctx.now();
}

/**
 * Settles the tenant's pending ledger rows whose refund window has ended (`settle_after <= now`):
 * a conditional update (`WHERE state = 'pending'`), so running it twice, or on two workers at once,
 * settles each row once. Rows of one order settle together (batches are whole orders), so a
 * commission and its clawbacks never end up half settled. Returns the number of rows settled.
 * @example
 * const n = await settleReferralCommissions(ctx, { now: new Date('2026-06-01T00:00:00Z') });
 */
export async function settleReferralCommissions(
  ctx: Ctx,
  options: { now?: Date; ordersPerBatch?: number } = {},
): Promise<number> {
  const now = options.now ?? (await referralNow(ctx));
  const tenantId = ctx.actor.tenantId;
  const batch = options.ordersPerBatch ?? 500;
  const due = and(
    eq(referralLedger.tenantId, tenantId),
    eq(referralLedger.state, LEDGER_TRANSITIONS.settle.from),
    lte(referralLedger.settleAfter, now),
  );
  let total = 0;
  // Bounded: each round settles every due row of up to `batch` orders.
  for (let round = 0; round < 1000; round++) {
    const orderIds = dbOf(ctx)
      .selectDistinct({ orderId: referralLedger.orderId })
      .from(referralLedger)
      .where(due)
      .orderBy(referralLedger.orderId)
      .limit(batch);
    const settled = await dbOf(ctx)
      .update(referralLedger)
      .set({ state: LEDGER_TRANSITIONS.settle.to, settledAt: now })
      .where(and(due, sql`${referralLedger.orderId} in (${orderIds})`))
      .returning({ id: referralLedger.id });
    total += settled.length;
    if (settled.length === 0) break;
  }
  return total;
}

/** The settle sweep across tenants (the `referral.settle` job): every tenant with pending rows, at its own clock. */
export async function settleAllReferralCommissions(deps: Deps): Promise<number> {
  const tenants = await deps.db
    .selectDistinct({ tenantId: referralLedger.tenantId })
    .from(referralLedger)
    .where(eq(referralLedger.state, LEDGER_TRANSITIONS.settle.from))
    .limit(10_000);
  let total = 0;
  for (const { tenantId } of tenants) {
    total += await settleReferralCommissions(withActor(deps, systemActor(tenantId)));
  }
  return total;
}
