import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { sendAtDate, type TBroadcast, type TUpdateBroadcast, ZUpdateBroadcast } from './broadcasts.schemas.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { checkBroadcastSpec } from './check-broadcast-spec.ts';
import { loadBroadcast, toBroadcast } from './to-broadcast.ts';

/** Changes a draft; anything past draft is fixed (cancel a scheduled one and copy it instead). */
export async function updateBroadcast(ctx: Ctx, id: number, input: TUpdateBroadcast): Promise<TBroadcast> {
  const current = await loadBroadcast(ctx, id, 'edit broadcasts');
  if (current.status !== 'draft') {
    throw new AppError(
      'CONFLICT',
      `Broadcast ${id} is ${current.status}; only drafts can be edited. Cancel it and create a new one.`,
    );
  }
  const parsed = ZUpdateBroadcast.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Correct it and save again.`,
    );
  }
  const v = parsed.data;
  const target = v.target ?? (current.target as 'customers' | 'groups');
  const audienceId = v.audienceId !== undefined ? v.audienceId : current.audienceId;
  const audience = v.audience !== undefined ? v.audience : current.audience;
  const groupFilter = v.groupFilter !== undefined ? v.groupFilter : current.groupFilter;
  const merged = {
    target,
    audienceId: target === 'customers' ? audienceId : null,
    audience: target === 'customers' && !audienceId ? audience : null,
    groupFilter: target === 'groups' ? groupFilter : null,
    capPerDay: v.capPerDay ?? current.capPerDay,
    capPerWeek: v.capPerWeek ?? current.capPerWeek,
    sendAt: v.sendAt !== undefined ? sendAtDate(v.sendAt) : current.sendAt,
  };
  await checkBroadcastSpec(ctx, merged);
  const [row] = await dbOf(ctx)
    .update(broadcasts)
    .set({
      ...merged,
      name: v.name ?? current.name,
      content: (v.content as Record<string, unknown> | undefined) ?? current.content,
      quietStart: v.quietStart ?? current.quietStart,
      quietEnd: v.quietEnd ?? current.quietEnd,
      timeZone: v.timeZone ?? current.timeZone,
      holdoutPercent: v.holdoutPercent ?? current.holdoutPercent,
      groupFilter: merged.groupFilter as Record<string, unknown> | null,
      audience: merged.audience as Record<string, unknown> | null,
      updatedAt: ctx.now(),
    })
    .where(and(eq(broadcasts.tenantId, ctx.actor.tenantId), eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
    .returning();
  if (!row) throw new AppError('CONFLICT', `Broadcast ${id} was sent meanwhile; refresh it.`);
  return toBroadcast(row);
}
