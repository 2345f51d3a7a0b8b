import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import { createMomentTask } from './create-moment-task.ts';
import { getMomentTask } from './get-moment-task.ts';
import { listMomentTasks } from './list-moment-tasks.ts';
import { ZCreateMomentTask, ZListMomentTasksQuery, ZMomentTask, ZMomentTaskDetail } from './moments.schemas.ts';
import { syncMomentTask } from './sync-moment-tasks.ts';

/** HTTP routes of the moments module. */
export function registerMomentRoutes(app: App): void {
  const tags = ['moments'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/moments',
      tags,
      summary: 'Moments tasks (朋友圈), newest first',
      request: { query: ZListMomentTasksQuery },
      responses: { 200: jsonContent(zPage(ZMomentTask), 'Moments tasks'), ...errorResponses },
    }),
    async (c) => c.json(await listMomentTasks(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/moments',
      tags,
      summary: 'Create a moments task for staff (all, by store, or listed); each gets a guide task',
      request: { body: jsonBody(ZCreateMomentTask) },
      responses: { 201: jsonContent(ZMomentTaskDetail, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createMomentTask(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/moments/{id}',
      tags,
      summary: 'A moments task with each staff member published or not',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZMomentTaskDetail, 'Moments task'), ...errorResponses },
    }),
    async (c) => c.json(await getMomentTask(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/moments/{id}/sync',
      tags,
      summary: 'Pull who has published now (also done every 5 minutes)',
      request: { params: ZIdParam },
      responses: {
        200: jsonContent(z.object({ status: z.string(), publishedCount: z.number().int() }), 'Synced'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = ctxOf(c);
      assertRole(ctx.actor, ['admin', 'operator'], 'refresh moments tasks');
      return c.json(await syncMomentTask(ctx, c.req.valid('param').id), 200);
    },
  );
}
