import { createHash } from 'node:crypto';
import { ChannelError } from '@pond/channels';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { referrers } from './referral.tables.ts';
import { type TReferrerRow, wayStaffUserIds } from './referrers.ts';

const sameList = (a: readonly string[] | null, b: readonly string[]) =>
  !!a && a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Puts a customer referrer's contact way back in line with the programme's staff pool (after an
 * operator changed the pool or a pool member resigned): `update_contact_way` with an idempotency
 * key per target list, then the list is recorded. Returns whether it changed anything. Calls the
 * channel: never inside a transaction.
 */
export async function syncReferrerWay(ctx: Ctx, referrer: TReferrerRow): Promise<boolean> {
  if (referrer.kind !== 'customer' || !referrer.wayConfigId) return false;
  let target: string[];
  try {
    target = await wayStaffUserIds(ctx, referrer);
  } catch (error) {
    // An empty pool: the way keeps its last staff rather than pointing at nobody.
    if (error instanceof AppError && error.code === 'CONFLICT') return false;
    throw error;
  }
  if (sameList(referrer.wayStaffUserIds, target)) return false;
  const channel = await ctx.channelFor(ctx.actor.tenantId);
  const digest = createHash('sha256').update(target.join('\n')).digest('hex').slice(0, 16);
  try {
    await channel.updateContactWay({
      tenantId: ctx.actor.tenantId,
      configId: referrer.wayConfigId,
      staffUserIds: target,
      idempotencyKey: `referral:way:${referrer.id}:staff:${digest}`,
    });
  } catch (error) {
    if (error instanceof ChannelError) {
      ctx.log.warn({ referrerId: referrer.id, code: error.code }, 'referral: contact way not updated');
      return false;
    }
    throw error;
  }
  await dbOf(ctx)
    .update(referrers)
    .set({ wayStaffUserIds: target, updatedAt: ctx.now() })
    .where(and(eq(referrers.tenantId, ctx.actor.tenantId), eq(referrers.id, referrer.id)));
  return true;
}

/** Syncs every customer referrer's way of the tenant with the pool (the `referral.sync-ways` sweep). */
export async function syncReferrerWays(ctx: Ctx, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 200;
  let changed = 0;
  let afterId = 0;
  for (;;) {
    const rows = await dbOf(ctx)
      .select()
      .from(referrers)
      .where(
        and(
          eq(referrers.tenantId, ctx.actor.tenantId),
          eq(referrers.kind, 'customer'),
          isNotNull(referrers.wayConfigId),
          gt(referrers.id, afterId),
        ),
      )
      .orderBy(asc(referrers.id))
      .limit(batch);
    for (const row of rows) if (await syncReferrerWay(ctx, row)) changed++;
    if (rows.length < batch) return changed;
    afterId = rows[rows.length - 1]?.id ?? afterId;
  }
}
