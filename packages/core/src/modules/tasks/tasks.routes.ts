import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { bulkChangeTasks } from './bulk-change-tasks.ts';
import { completeGuideTask, reopenGuideTask, skipGuideTask } from './change-task-status.ts';
import { createManualTask } from './create-manual-task.ts';
import { getGuideTask } from './get-guide-task.ts';
import { getTaskStats } from './get-task-stats.ts';
import { listGuideTasks } from './list-guide-tasks.ts';
import {
  ZBulkTaskAction,
  ZBulkTaskResult,
  ZCompleteTask,
  ZCreateManualTask,
  ZGuideTask,
  ZListGuideTasksQuery,
  ZSkipTask,
  ZTaskStats,
  ZTaskStatsQuery,
} from './tasks.schemas.ts';

/** HTTP routes of the tasks module. */
export function registerGuideTaskRoutes(app: App): void {
  const tags = ['tasks'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tasks',
      tags,
      summary: 'Guide tasks in your scope (guides: their own), earliest due first',
      request: { query: ZListGuideTasksQuery },
      responses: { 200: jsonContent(zPage(ZGuideTask), 'Tasks'), ...errorResponses },
    }),
    async (c) => c.json(await listGuideTasks(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tasks',
      tags,
      summary: 'Give a staff member a task by hand (managers: staff of their store)',
      request: { body: jsonBody(ZCreateManualTask) },
      responses: { 201: jsonContent(ZGuideTask, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createManualTask(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tasks/stats',
      tags,
      summary: 'Completion per store and per staff member of the tasks due in [from, to)',
      description: 'completionRate = done ÷ (total − pending); pending = open and not yet due; overdue = open and past due now.',
      request: { query: ZTaskStatsQuery },
      responses: { 200: jsonContent(ZTaskStats, 'Stats'), ...errorResponses },
    }),
    async (c) => c.json(await getTaskStats(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tasks/bulk',
      tags,
      summary: 'Complete or skip many tasks (managers and HQ); each task moves on its own',
      request: { body: jsonBody(ZBulkTaskAction) },
      responses: { 200: jsonContent(ZBulkTaskResult, 'Result'), ...errorResponses },
    }),
    async (c) => c.json(await bulkChangeTasks(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tasks/{id}',
      tags,
      summary: 'A task',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZGuideTask, 'Task'), ...errorResponses },
    }),
    async (c) => c.json(await getGuideTask(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tasks/{id}/complete',
      tags,
      summary: 'Mark a task done',
      description:
        'Completing a task that is already done answers 200 with the task unchanged (a double tap is harmless); a skipped or expired task answers 409.',
      request: { params: ZIdParam, body: jsonBody(ZCompleteTask) },
      responses: { 200: jsonContent(ZGuideTask, 'Done'), ...errorResponses },
    }),
    async (c) => c.json((await completeGuideTask(ctxOf(c), c.req.valid('param').id, c.req.valid('json').note)).task, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tasks/{id}/skip',
      tags,
      summary: 'Skip a task, with a reason',
      request: { params: ZIdParam, body: jsonBody(ZSkipTask) },
      responses: { 200: jsonContent(ZGuideTask, 'Skipped'), ...errorResponses },
    }),
    async (c) => c.json((await skipGuideTask(ctxOf(c), c.req.valid('param').id, c.req.valid('json').reason)).task, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tasks/{id}/reopen',
      tags,
      summary: 'Undo a completion or skip (within 10 minutes)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZGuideTask, 'Reopened'), ...errorResponses },
    }),
    async (c) => c.json((await reopenGuideTask(ctxOf(c), c.req.valid('param').id)).task, 200),
  );
}
