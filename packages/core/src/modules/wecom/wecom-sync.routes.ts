import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { getWecomStatsStatus } from './stats/get-wecom-stats-status.ts';
import { listWecomStaffStats } from './stats/list-wecom-staff-stats.ts';
import { pullWecomStats } from './stats/pull-wecom-stats.ts';
import { cancelWecomSync } from './sync/cancel-wecom-sync.ts';
import { getWecomSyncRun } from './sync/get-wecom-sync-run.ts';
import { listWecomSyncRuns } from './sync/list-wecom-sync-runs.ts';
import { startWecomSync } from './sync/start-wecom-sync.ts';
import {
  ZListWecomStaffStatsQuery,
  ZListWecomSyncRunsQuery,
  ZPullWecomStats,
  ZPullWecomStatsResult,
  ZStartWecomSync,
  ZWecomStaffDayStat,
  ZWecomStatsStatus,
  ZWecomSyncRun,
} from './sync/wecom-sync.schemas.ts';

/** HTTP routes of the WeCom import/reconcile runs and the daily statistics (HQ admins). */
export function registerWecomSyncRoutes(app: App): void {
  const tags = ['wecom'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wecom/sync',
      tags,
      summary: 'Start an import or reconcile of staff, tags, customers and groups from WeCom (409 when one runs)',
      request: { body: jsonBody(ZStartWecomSync) },
      responses: { 202: jsonContent(ZWecomSyncRun, 'Started'), ...errorResponses },
    }),
    async (c) => c.json(await startWecomSync(ctxOf(c), c.req.valid('json')), 202),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/sync-runs',
      tags,
      summary: 'WeCom sync runs, newest first',
      request: { query: ZListWecomSyncRunsQuery },
      responses: { 200: jsonContent(zPage(ZWecomSyncRun), 'Runs'), ...errorResponses },
    }),
    async (c) => c.json(await listWecomSyncRuns(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/sync-runs/{id}',
      tags,
      summary: 'One WeCom sync run: phase, progress and counts',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZWecomSyncRun, 'Run'), ...errorResponses },
    }),
    async (c) => c.json(await getWecomSyncRun(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wecom/sync-runs/{id}/cancel',
      tags,
      summary: 'Cancel a running WeCom sync (what it committed stays)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZWecomSyncRun, 'Cancelled'), ...errorResponses },
    }),
    async (c) => c.json(await cancelWecomSync(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wecom/stats/pull',
      tags,
      summary: 'Pull WeCom daily statistics for a range of up to 30 days (up to yesterday)',
      request: { body: jsonBody(ZPullWecomStats) },
      responses: { 200: jsonContent(ZPullWecomStatsResult, 'Pulled'), ...errorResponses },
    }),
    async (c) => c.json(await pullWecomStats(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/stats/staff',
      tags,
      summary: 'Staff daily statistics pulled from WeCom',
      request: { query: ZListWecomStaffStatsQuery },
      responses: { 200: jsonContent(zPage(ZWecomStaffDayStat), 'Statistics'), ...errorResponses },
    }),
    async (c) => c.json(await listWecomStaffStats(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/stats/status',
      tags,
      summary: 'When WeCom statistics were last pulled, and the latest day they cover',
      responses: { 200: jsonContent(ZWecomStatsStatus, 'Status'), ...errorResponses },
    }),
    async (c) => c.json(await getWecomStatsStatus(ctxOf(c)), 200),
  );
}
