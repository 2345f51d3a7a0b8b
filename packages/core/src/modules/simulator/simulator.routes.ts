import { createRoute, z } from '@hono/zod-openapi';
import { ZSimAction } from '@pond/channels';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent } from '../../http/openapi.ts';
import { confirmSimMassTask } from './confirm-mass-task.ts';
import { getSimStatus } from './get-sim-status.ts';
import { listSimLog } from './list-sim-log.ts';
import { performSimAction } from './perform-sim-action.ts';
import {
  ZMassTaskParam,
  ZMassTaskStatus,
  ZSimActionQuery,
  ZSimActionResult,
  ZSimLogItem,
  ZSimLogQuery,
  ZSimStatus,
} from './simulator.schemas.ts';

export function registerSimulatorRoutes(app: App): void {
  const tags = ['simulator'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sim/actions',
      tags,
      summary: 'Make a virtual customer act (add/delete a staff member, join/leave a group, send a message, buy)',
      description:
        'The simulated WeCom turns the action into the callbacks a real corp would send and delivers them to the inbox. `deliver=twice` delivers each callback twice (WeCom retries slow answers); `deliver=late` delivers after `lateBySeconds`, so later actions overtake it. Admins and operators act anywhere, store managers within their store, guides as themselves with their own customers.',
      request: { query: ZSimActionQuery, body: jsonBody(ZSimAction) },
      responses: { 200: jsonContent(ZSimActionResult, 'Done; callbacks delivered or scheduled'), ...errorResponses },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const result = await performSimAction(ctxOf(c), c.req.valid('json'), {
        deliver: query.deliver,
        lateBySeconds: query.lateBySeconds,
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sim/status',
      tags,
      summary: "The simulator's clock, speed and whether it is running",
      responses: { 200: jsonContent(ZSimStatus, 'Status'), ...errorResponses },
    }),
    async (c) => c.json(await getSimStatus(ctxOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sim/log',
      tags,
      summary: 'The virtual chat log, oldest first (poll with afterId to follow it)',
      request: { query: ZSimLogQuery },
      responses: { 200: jsonContent(z.object({ items: z.array(ZSimLogItem) }), 'Chat lines'), ...errorResponses },
    }),
    async (c) => c.json(await listSimLog(ctxOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sim/mass-tasks/{msgId}/confirm',
      tags,
      summary: 'Confirm a mass task as the staff member it was given to',
      request: { params: ZMassTaskParam },
      responses: { 200: jsonContent(ZMassTaskStatus, 'The task and its per-target results'), ...errorResponses },
    }),
    async (c) => c.json(await confirmSimMassTask(ctxOf(c), c.req.valid('param').msgId), 200),
  );
}
