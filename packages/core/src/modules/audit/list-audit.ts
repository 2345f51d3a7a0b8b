import { z } from '@hono/zod-openapi';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import { auditLog } from './audit.tables.ts';

export const ZListAuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  action: z.string().max(64).optional(),
});

export const ZAuditEntry = z
  .object({
    id: z.number().int(),
    actorAccountId: z.number().int().nullable(),
    actorName: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AuditEntry');
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

/** The audit log, newest first. Admins only. */
export async function listAudit(ctx: Ctx, query: z.infer<typeof ZListAuditQuery>): Promise<TPage<TAuditEntry>> {
  assertRole(ctx.actor, ['admin'], 'read the audit log');
  const where: SQL[] = [eq(auditLog.tenantId, ctx.actor.tenantId)];
  if (query.action) where.push(eq(auditLog.action, query.action));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(and(...where));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return {
    items: rows.map((r) => ({
      id: r.id,
      actorAccountId: r.actorAccountId,
      actorName: r.actorName,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      ip: r.ip,
      createdAt: r.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
