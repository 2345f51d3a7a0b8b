import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZContentRef } from '../materials/content-ref.ts';

export const MOMENT_TARGET_KINDS = ['all', 'stores', 'staff'] as const;
export const MOMENT_STATUSES = ['sending', 'running', 'done', 'failed'] as const;
/** Pond stops following a moments task this long after it was created. */
export const MOMENT_TRACK_DAYS = 3;

const ZId = z.number().int().positive();

export const ZCreateMomentTask = z
  .object({
    title: z.string().trim().min(1).max(64),
    // Text plus up to 9 images, or one video, or one link (WeCom's rule; checked once resolved).
    content: ZContentRef,
    targetKind: z.enum(MOMENT_TARGET_KINDS),
    storeIds: z.array(ZId).max(500).default([]),
    staffIds: z.array(ZId).max(2000).default([]),
  })
  .openapi('CreateMomentTask');
export type TCreateMomentTask = z.input<typeof ZCreateMomentTask>;

export const ZMomentTask = z
  .object({
    id: z.number().int(),
    title: z.string(),
    content: z.record(z.string(), z.unknown()),
    targetKind: z.enum(MOMENT_TARGET_KINDS),
    storeIds: z.array(z.number().int()),
    staffIds: z.array(z.number().int()),
    status: z.enum(MOMENT_STATUSES),
    momentId: z.string().nullable(),
    staffCount: z.number().int(),
    publishedCount: z.number().int(),
    error: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastSyncedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('MomentTask');
export type TMomentTask = z.infer<typeof ZMomentTask>;

export const ZMomentTaskStaff = z.object({
  staffId: z.number().int(),
  name: z.string().nullable(),
  storeId: z.number().int().nullable(),
  storeName: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  guideTaskId: z.number().int().nullable(),
});
export type TMomentTaskStaff = z.infer<typeof ZMomentTaskStaff>;

export const ZMomentTaskDetail = ZMomentTask.extend({ staff: z.array(ZMomentTaskStaff) }).openapi('MomentTaskDetail');
export type TMomentTaskDetail = z.infer<typeof ZMomentTaskDetail>;

export const ZListMomentTasksQuery = ZPageQuery.extend({ status: z.enum(MOMENT_STATUSES).optional() });
export type TListMomentTasksQuery = z.infer<typeof ZListMomentTasksQuery>;
