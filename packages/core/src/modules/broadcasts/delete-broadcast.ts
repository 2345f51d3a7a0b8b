import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { loadBroadcast } from './to-broadcast.ts';

/** Deletes a draft (nothing was planned for it). Anything else is cancelled, not deleted. */
export async function deleteBroadcast(ctx: Ctx, id: number): Promise<void> {
  const current = await loadBroadcast(ctx, id, 'delete broadcasts');
  if (current.status !== 'draft') {
    throw new AppError('CONFLICT', `Broadcast ${id} is ${current.status}; only drafts can be deleted. Cancel it instead.`);
  }
  await inTransaction(ctx, async (tctx) => {
    const gone = await dbOf(tctx)
      .delete(broadcasts)
      .where(and(eq(broadcasts.tenantId, ctx.actor.tenantId), eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
      .returning({ id: broadcasts.id });
    if (gone.length === 0) throw new AppError('CONFLICT', `Broadcast ${id} was sent meanwhile; refresh it.`);
    await recordAudit(tctx, {
      action: 'broadcast.delete',
      targetType: 'broadcast',
      targetId: id,
      details: { name: current.name },
    });
  });
}
