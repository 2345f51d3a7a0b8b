import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { sweepCutoffs } from './task-rules.ts';
import { guideTasks } from './tasks.tables.ts';

const t = guideTasks;

/**
 * `tasks.expire`: open tasks more than `expireAfterDays` past due become `expired` (across
 * tenants, at most `limit` per run; the next run takes the rest).
 */
export async function expireGuideTasks(deps: Deps, options: { limit?: number; expireAfterDays?: number } = {}) {
  const { expireBefore } = sweepCutoffs(deps.now(), options.expireAfterDays);
  const before = expireBefore.toISOString();
  const limit = options.limit ?? 5000;
  const rows = await deps.db
    .update(t)
    .set({ status: 'expired', completedAt: deps.now() })
    .where(
      and(
        eq(t.status, 'open'),
        sql`(${t.tenantId}, ${t.id}) in (select tenant_id, id from ${t} where status = 'open' and due_at < ${before}::timestamptz order by due_at limit ${limit})`,
      ),
    )
    .returning({ id: t.id });
  return { expired: rows.length };
}

/**
 * `tasks.remind`: open tasks 30 minutes past due that were never reminded get one reminder —
 * `reminded_at` is set once (a conditional update, so two workers cannot both remind), and the
 * workbench shows them on top as overdue.
 */
export async function remindGuideTasks(deps: Deps, options: { limit?: number } = {}) {
  const now = deps.now();
  const { remindBefore, expireBefore } = sweepCutoffs(now);
  const limit = options.limit ?? 5000;
  const rows = await deps.db
    .update(t)
    .set({ remindedAt: now })
    .where(
      and(
        eq(t.status, 'open'),
        isNull(t.remindedAt),
        sql`(${t.tenantId}, ${t.id}) in (select tenant_id, id from ${t} where status = 'open' and reminded_at is null and due_at < ${remindBefore.toISOString()}::timestamptz and due_at >= ${expireBefore.toISOString()}::timestamptz order by due_at limit ${limit})`,
      ),
    )
    .returning({ tenantId: t.tenantId, id: t.id, staffId: t.staffId });
  return { reminded: rows.length, tasks: rows };
}
