import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/**
 * A guide task (导购任务): something a staff member should do by a time — an SOP step to send, a
 * follow-up, a broadcast to confirm in the WeCom app, a moments post. The guide workbench lists
 * them; SOPs, automations, broadcasts and moments create them through `createGuideTask`.
 */
export const guideTasks = pgTable(
  'guide_tasks',
  {
    tenantId: tenantId(),
    id: identityId(),
    staffId: ref('staff_id').notNull(),
    // 'sop_step' | 'follow_up' | 'broadcast_confirm' | 'moment' | 'automation' | 'manual'
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    // What the task is about, if one customer or group.
    customerId: ref('customer_id'),
    groupId: ref('group_id'),
    // Content to send (a TContentRef, see materials/content-ref.ts), if any.
    content: jsonb('content').$type<Record<string, unknown> | null>(),
    // What made it, unique per tenant (e.g. `sop_step:<id>`, `broadcast:<id>:staff:<id>`), so a
    // retried producer makes one task, never two.
    sourceKey: text('source_key').notNull(),
    dueAt: ts('due_at').notNull(),
    // 'open' | 'done' | 'skipped' | 'expired'
    status: text('status').notNull().default('open'),
    note: text('note'),
    completedAt: ts('completed_at'),
    completedByAccountId: ref('completed_by_account_id'),
    // Last reminder sent for this task (at most one per reminder window).
    remindedAt: ts('reminded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('guide_tasks_source_uq').on(t.tenantId, t.sourceKey),
    index('guide_tasks_staff_idx').on(t.tenantId, t.staffId, t.status, t.dueAt),
    index('guide_tasks_open_due_idx').on(t.tenantId, t.dueAt).where(sql`${t.status} = 'open'`),
  ],
);
