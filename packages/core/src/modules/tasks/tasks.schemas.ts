import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { GUIDE_TASK_KINDS } from './create-guide-task.ts';
import { GUIDE_TASK_STATUSES } from './task-rules.ts';

export const ZGuideTask = z
  .object({
    id: z.number().int(),
    staffId: z.number().int(),
    staffName: z.string(),
    storeId: z.number().int().nullable(),
    storeName: z.string().nullable(),
    kind: z.enum(GUIDE_TASK_KINDS),
    title: z.string(),
    body: z.string().nullable(),
    customerId: z.number().int().nullable(),
    customerName: z.string().nullable(),
    groupId: z.number().int().nullable(),
    groupName: z.string().nullable(),
    // A TContentRef to send (text, material ids, script id), if the task is about sending something.
    content: z.record(z.string(), z.unknown()).nullable(),
    sourceKey: z.string(),
    dueAt: z.string(),
    status: z.enum(GUIDE_TASK_STATUSES),
    // Open and past its due time.
    overdue: z.boolean(),
    note: z.string().nullable(),
    completedAt: z.string().nullable(),
    // Until when a done/skipped task can be reopened (null when it cannot).
    reopenUntil: z.string().nullable(),
    remindedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('GuideTask');
export type TGuideTask = z.infer<typeof ZGuideTask>;

const isoDate = z.string().datetime({ offset: true });

export const ZListGuideTasksQuery = ZPageQuery.extend({
  storeId: z.coerce.number().int().positive().optional(),
  staffId: z.coerce.number().int().positive().optional(),
  kind: z.enum(GUIDE_TASK_KINDS).optional(),
  // 'overdue' = open and past due.
  status: z.enum([...GUIDE_TASK_STATUSES, 'overdue']).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  dueFrom: isoDate.optional().openapi({ description: 'Due at or after (ISO time)' }),
  dueTo: isoDate.optional().openapi({ description: 'Due before (ISO time)' }),
});
export type TListGuideTasksQuery = z.infer<typeof ZListGuideTasksQuery>;

export const ZCreateManualTask = z
  .object({
    staffId: z.number().int().positive(),
    title: z.string().trim().min(1).max(200),
    body: z.string().max(4000).optional(),
    customerId: z.number().int().positive().optional(),
    content: ZContentRef.optional(),
    dueAt: isoDate,
    kind: z.enum(['manual', 'follow_up']).default('manual'),
  })
  .openapi('CreateManualTask');
export type TCreateManualTask = z.input<typeof ZCreateManualTask>;

export const ZCompleteTask = z.object({ note: z.string().trim().max(500).optional() }).openapi('CompleteTask');
export const ZSkipTask = z.object({ reason: z.string().trim().min(1).max(500) }).openapi('SkipTask');

export const ZBulkTaskAction = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(200),
    action: z.enum(['complete', 'skip']),
    // The note (complete) or the reason (skip, required).
    note: z.string().trim().max(500).optional(),
  })
  .openapi('BulkTaskAction');
export type TBulkTaskAction = z.infer<typeof ZBulkTaskAction>;

export const ZBulkTaskResult = z
  .object({
    changed: z.array(z.number().int()),
    unchanged: z.array(z.number().int()),
    // Tasks that are not open (or not found in your scope), with the reason.
    refused: z.array(z.object({ id: z.number().int(), reason: z.string() })),
  })
  .openapi('BulkTaskResult');

export const ZTaskStatsQuery = z.object({
  from: isoDate.openapi({ description: 'Tasks due at or after (ISO time)' }),
  to: isoDate.openapi({ description: 'Tasks due before (ISO time)' }),
  storeId: z.coerce.number().int().positive().optional(),
});
export type TTaskStatsQuery = z.infer<typeof ZTaskStatsQuery>;

const ZTaskCounts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  skipped: z.number().int(),
  expired: z.number().int(),
  // Open and past due now.
  overdue: z.number().int(),
  // Open and not yet due: not counted in the completion rate.
  pending: z.number().int(),
  // done ÷ (total − pending).
  completionRate: z.number(),
});
export type TTaskCounts = z.infer<typeof ZTaskCounts>;

export const ZTaskStats = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: ZTaskCounts,
    byStore: z.array(ZTaskCounts.extend({ storeId: z.number().int().nullable(), storeName: z.string().nullable() })),
    byStaff: z.array(
      ZTaskCounts.extend({
        staffId: z.number().int(),
        staffName: z.string(),
        storeId: z.number().int().nullable(),
        storeName: z.string().nullable(),
      }),
    ),
  })
  .openapi('GuideTaskStats');
export type TTaskStats = z.infer<typeof ZTaskStats>;
