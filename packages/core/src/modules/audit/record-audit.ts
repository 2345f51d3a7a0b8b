import { type Ctx, dbOf } from '../../context.ts';
import { auditLog } from './audit.tables.ts';

/**
 * Appends a sensitive action to the audit log, in the caller's transaction if there is one.
 * @example
 * await recordAudit(ctx, { action: 'tag.delete', targetType: 'tag', targetId: '12', details: { name } });
 */
export async function recordAudit(
  ctx: Ctx,
  entry: { action: string; targetType?: string; targetId?: string | number; details?: Record<string, unknown> },
): Promise<void> {
  await dbOf(ctx)
    .insert(auditLog)
    .values({
      tenantId: ctx.actor.tenantId,
      actorAccountId: ctx.actor.accountId,
      actorName: ctx.actor.name,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      details: entry.details ?? {},
      ip: ctx.actor.ip ?? null,
    });
}
