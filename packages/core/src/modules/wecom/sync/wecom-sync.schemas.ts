import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../../lib/paging.ts';

export const SYNC_KINDS = ['import', 'reconcile'] as const;
export const SYNC_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;

export const ZStartWecomSync = z.object({ kind: z.enum(SYNC_KINDS).openapi({ example: 'import' }) }).openapi('StartWecomSync');
export type TStartWecomSync = z.infer<typeof ZStartWecomSync>;

const ZCount = z.object({
  seen: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
});

export const ZWecomSyncRun = z
  .object({
    id: z.number().int(),
    kind: z.enum(SYNC_KINDS),
    status: z.enum(SYNC_STATUSES),
    // 'staff' | 'tags' | 'customers' | 'groups' | 'done'
    phase: z.string(),
    // Where the phase stands (progress within the phase: done/total where known).
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
    counts: z.record(z.string(), ZCount),
    attempts: z.number().int(),
    error: z.string().nullable(),
    startedBy: z.number().int().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('WecomSyncRun');
export type TWecomSyncRun = z.infer<typeof ZWecomSyncRun>;

export const ZListWecomSyncRunsQuery = ZPageQuery;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-01.');

export const ZPullWecomStats = z
  .object({ from: ZDay.openapi({ example: '2026-03-01' }), to: ZDay.openapi({ example: '2026-03-07' }) })
  .openapi('PullWecomStats');
export type TPullWecomStats = z.infer<typeof ZPullWecomStats>;

export const ZPullWecomStatsResult = z
  .object({
    from: z.string(),
    to: z.string(),
    staffRows: z.number().int(),
    groupRows: z.number().int(),
    // Rows whose numbers changed (a re-pull of the same days changes none).
    changed: z.number().int(),
    pulledAt: z.string(),
  })
  .openapi('PullWecomStatsResult');
export type TPullWecomStatsResult = z.infer<typeof ZPullWecomStatsResult>;

export const ZListWecomStaffStatsQuery = ZPageQuery.extend({ from: ZDay, to: ZDay });
export type TListWecomStaffStatsQuery = z.infer<typeof ZListWecomStaffStatsQuery>;

export const ZWecomStaffDayStat = z
  .object({
    day: z.string(),
    staffUserId: z.string(),
    newApplyCnt: z.number().int(),
    newContactCnt: z.number().int(),
    chatCnt: z.number().int(),
    messageCnt: z.number().int(),
    replyPercentage: z.number().nullable(),
    avgReplyTime: z.number().nullable(),
    negativeFeedbackCnt: z.number().int(),
    pulledAt: z.string(),
  })
  .openapi('WecomStaffDayStat');
export type TWecomStaffDayStat = z.infer<typeof ZWecomStaffDayStat>;

export const ZWecomStatsStatus = z
  .object({ lastPulledAt: z.string().nullable(), lastDay: z.string().nullable() })
  .openapi('WecomStatsStatus');
