import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sendAtDate, type TBroadcast, type TCreateBroadcast, ZCreateBroadcast } from './broadcasts.schemas.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { checkBroadcastSpec } from './check-broadcast-spec.ts';
import { toBroadcast } from './to-broadcast.ts';

/**
 * Creates a draft broadcast. Drafts are edited freely; `sendBroadcast` schedules them.
 * @example
 * await createBroadcast(ctx, { name: '周末上新', audience: { tag: '12' }, content: { text: '新品到店' } });
 */
export async function createBroadcast(ctx: Ctx, input: TCreateBroadcast): Promise<TBroadcast> {
  assertRole(ctx.actor, TENANT_WIDE, 'create broadcasts');
  const parsed = ZCreateBroadcast.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Correct it and save again.`,
    );
  }
  const v = parsed.data;
  await checkBroadcastSpec(ctx, { ...v, sendAt: sendAtDate(v.sendAt ?? null) });
  const [row] = await dbOf(ctx)
    .insert(broadcasts)
    .values({
      tenantId: ctx.actor.tenantId,
      name: v.name,
      target: v.target,
      audienceId: v.target === 'customers' ? (v.audienceId ?? null) : null,
      audience: v.target === 'customers' && !v.audienceId ? (v.audience ?? null) : null,
      groupFilter: v.target === 'groups' ? (v.groupFilter ?? null) : null,
      content: v.content as Record<string, unknown>,
      sendAt: sendAtDate(v.sendAt ?? null),
      capPerDay: v.capPerDay,
      capPerWeek: v.capPerWeek,
      quietStart: v.quietStart,
      quietEnd: v.quietEnd,
      timeZone: v.timeZone,
      holdoutPercent: v.holdoutPercent,
      createdByAccountId: ctx.actor.accountId,
    })
    .returning();
  if (!row) throw new AppError('INTERNAL', 'The broadcast was not created. Try again.');
  await recordAudit(ctx, { action: 'broadcast.create', targetType: 'broadcast', targetId: row.id, details: { name: v.name } });
  return toBroadcast(row);
}
