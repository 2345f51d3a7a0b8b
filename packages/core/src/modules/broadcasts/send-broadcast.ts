import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { broadcastMembers } from './broadcast-audience.ts';
import type { TBroadcast } from './broadcasts.schemas.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { broadcastStartsAt, enqueuePlan } from './plan-broadcast.ts';
import { loadBroadcast, toBroadcast } from './to-broadcast.ts';

/**
 * Sends a draft: `now` plans it at once (or when quiet hours end), `schedule` at its `sendAt`.
 * The audience must not be empty and a scheduled time must lie ahead. The planning job takes the
 * audience snapshot when it runs.
 * @example
 * await sendBroadcast(ctx, id, { when: 'now' });
 */
export async function sendBroadcast(ctx: Ctx, id: number, input: { when?: 'now' | 'schedule' } = {}): Promise<TBroadcast> {
  const b = await loadBroadcast(ctx, id, 'send broadcasts');
  if (b.status !== 'draft') {
    throw new AppError('CONFLICT', `Broadcast ${id} is already ${b.status}. Only a draft can be sent.`);
  }
  const now = ctx.now();
  const when = input.when ?? (b.sendAt ? 'schedule' : 'now');
  if (when === 'schedule') {
    if (!b.sendAt) throw new AppError('VALIDATION', 'sendAt: set a time to schedule the broadcast, or send it now.');
    if (b.sendAt.getTime() < now.getTime() - 60_000) {
      throw new AppError('VALIDATION', 'sendAt: the scheduled time has passed. Pick a time ahead, or send it now.');
    }
  }
  if (!ZContentRef.safeParse(b.content).success) {
    throw new AppError('VALIDATION', 'content: add text, a material or a script before sending.');
  }
  const members = await broadcastMembers(ctx, {
    target: b.target as 'customers' | 'groups',
    audienceId: b.audienceId,
    audience: b.audience,
    groupFilter: b.groupFilter,
  });
  if (members.length === 0) {
    throw new AppError('VALIDATION', 'audience: nobody is in this audience now. Widen the audience before sending.');
  }
  const sendAt = when === 'now' ? now : b.sendAt;
  const runAt = broadcastStartsAt({ ...b, sendAt }, now);
  return inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .update(broadcasts)
      .set({ status: 'scheduled', sendAt, audienceCount: members.length, updatedAt: now })
      .where(and(eq(broadcasts.tenantId, ctx.actor.tenantId), eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
      .returning();
    if (!row) throw new AppError('CONFLICT', `Broadcast ${id} was sent meanwhile; refresh it.`);
    await enqueuePlan(tctx, id, runAt);
    await recordAudit(tctx, {
      action: 'broadcast.send',
      targetType: 'broadcast',
      targetId: id,
      details: { when, runAt: runAt.toISOString(), audience: members.length },
    });
    return toBroadcast(row);
  });
}
