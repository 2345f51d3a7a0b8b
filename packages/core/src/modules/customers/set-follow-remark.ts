import { REMARK_MAX } from '@pond/channels';
import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { follows } from './customers.tables.ts';

/**
 * Sets the staff member's remark on an active follow in Pond (what `externalcontact/remark` does in
 * WeCom, which sends no callback for it), cut to WeCom's 20 characters. Returns the remark written,
 * or null when the pair is not in relation. Runs in the caller's transaction.
 * @example
 * await setFollowRemark(ctx, { customerId, staffId, remark: '门店扫码-2026-11-23' });
 */
export async function setFollowRemark(
  ctx: Ctx,
  input: { customerId: number; staffId: number; remark: string },
): Promise<string | null> {
  const remark = [...input.remark].slice(0, REMARK_MAX).join('');
  const [row] = await dbOf(ctx)
    .update(follows)
    .set({ remark })
    .where(
      and(
        eq(follows.tenantId, ctx.actor.tenantId),
        eq(follows.customerId, input.customerId),
        eq(follows.staffId, input.staffId),
        isNull(follows.deletedAt),
      ),
    )
    .returning({ remark: follows.remark });
  return row?.remark ?? null;
}
