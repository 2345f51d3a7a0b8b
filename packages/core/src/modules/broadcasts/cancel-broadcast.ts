import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TBroadcast } from './broadcasts.schemas.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { loadBroadcast, toBroadcast } from './to-broadcast.ts';

/**
 * Cancels a scheduled broadcast before it is planned. Once planning has begun the mass tasks are
 * (being) created in WeCom, where only staff can withdraw them, so it cannot be cancelled here.
 */
export async function cancelBroadcast(ctx: Ctx, id: number): Promise<TBroadcast> {
  const b = await loadBroadcast(ctx, id, 'cancel broadcasts');
  if (b.status !== 'scheduled' && b.status !== 'draft') {
    throw new AppError(
      'CONFLICT',
      `Broadcast ${id} is ${b.status}; only a draft or scheduled broadcast can be cancelled. Its tasks are already with the staff.`,
    );
  }
  const now = ctx.now();
  return inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .update(broadcasts)
      .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
      .where(
        and(
          eq(broadcasts.tenantId, ctx.actor.tenantId),
          eq(broadcasts.id, id),
          inArray(broadcasts.status, ['draft', 'scheduled']),
        ),
      )
      .returning();
    if (!row) throw new AppError('CONFLICT', `Broadcast ${id} started planning meanwhile and can no longer be cancelled.`);
    await recordAudit(tctx, { action: 'broadcast.cancel', targetType: 'broadcast', targetId: id, details: { name: b.name } });
    return toBroadcast(row);
  });
}
