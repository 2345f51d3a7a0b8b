import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

/**
 * A moments task (朋友圈任务): a post staff members publish from their WeCom app. Sent as one
 * `moment` outbox action (add_moment_task); who published is pulled by the `moments.sync` job.
 */
export const momentTasks = pgTable(
  'moment_tasks',
  {
    tenantId: tenantId(),
    id: identityId(),
    title: text('title').notNull(),
    // A TContentRef: text plus up to 9 images, or one video, or one link (WeCom's rule).
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    // 'all' | 'stores' | 'staff'
    targetKind: text('target_kind').notNull(),
    targetStoreIds: jsonb('target_store_ids').$type<number[]>().notNull().default([]),
    targetStaffIds: jsonb('target_staff_ids').$type<number[]>().notNull().default([]),
    // 'sending' (outbox action pending) | 'running' (staff publishing) | 'done' (stopped tracking) | 'failed'
    status: text('status').notNull().default('sending'),
    // The channel's moment id, once the outbox action is sent.
    momentId: text('moment_id'),
    staffCount: integer('staff_count').notNull().default(0),
    publishedCount: integer('published_count').notNull().default(0),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    lastSyncedAt: ts('last_synced_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('moment_tasks_open_idx').on(t.createdAt).where(sql`${t.status} in ('sending', 'running')`),
  ],
);

/** One row per target staff member of a moments task: published or not, and their guide task. */
export const momentTaskStaff = pgTable(
  'moment_task_staff',
  {
    tenantId: tenantId(),
    id: identityId(),
    taskId: ref('task_id').notNull(),
    staffId: ref('staff_id').notNull(),
    staffUserId: text('staff_user_id').notNull(),
    storeId: ref('store_id'),
    published: boolean('published').notNull().default(false),
    // When Pond first saw it published (the channel reports a flag, not a time).
    publishedAt: ts('published_at'),
    guideTaskId: ref('guide_task_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('moment_task_staff_uq').on(t.tenantId, t.taskId, t.staffId)],
);
