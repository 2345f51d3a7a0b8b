import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import {
  ZBroadcast,
  ZBroadcastPreview,
  ZBroadcastRecipient,
  ZBroadcastStats,
  ZBroadcastTask,
  ZCreateBroadcast,
  ZListBroadcastsQuery,
  ZListRecipientsQuery,
  ZPreviewBroadcast,
  ZSendBroadcast,
  ZUpdateBroadcast,
} from './broadcasts.schemas.ts';
import { cancelBroadcast } from './cancel-broadcast.ts';
import { createBroadcast } from './create-broadcast.ts';
import { deleteBroadcast } from './delete-broadcast.ts';
import { getBroadcastStats } from './get-broadcast-stats.ts';
import { listBroadcastRecipients } from './list-broadcast-recipients.ts';
import { listBroadcastTasks } from './list-broadcast-tasks.ts';
import { listBroadcasts } from './list-broadcasts.ts';
import { previewBroadcast } from './preview-broadcast.ts';
import { refreshBroadcastResults } from './refresh-broadcast-results.ts';
import { sendBroadcast } from './send-broadcast.ts';
import { loadBroadcast, toBroadcast } from './to-broadcast.ts';
import { updateBroadcast } from './update-broadcast.ts';

/** HTTP routes of the broadcasts module (admin and operator). */
export function registerBroadcastRoutes(app: App): void {
  const tags = ['broadcasts'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/broadcasts',
      tags,
      summary: 'Broadcasts, newest first',
      request: { query: ZListBroadcastsQuery },
      responses: { 200: jsonContent(zPage(ZBroadcast), 'Broadcasts'), ...errorResponses },
    }),
    async (c) => c.json(await listBroadcasts(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/broadcasts',
      tags,
      summary: 'Create a draft broadcast',
      request: { body: jsonBody(ZCreateBroadcast) },
      responses: { 201: jsonContent(ZBroadcast, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createBroadcast(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/broadcasts/preview',
      tags,
      summary: 'Reach after caps: audience, minus not friends, capped and held out, per store; when it would start',
      request: { body: jsonBody(ZPreviewBroadcast.extend({ broadcastId: z.number().int().positive().optional() })) },
      responses: { 200: jsonContent(ZBroadcastPreview, 'Preview'), ...errorResponses },
    }),
    async (c) => c.json(await previewBroadcast(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/broadcasts/{id}',
      tags,
      summary: 'A broadcast',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZBroadcast, 'Broadcast'), ...errorResponses },
    }),
    async (c) => c.json(toBroadcast(await loadBroadcast(ctxOf(c), c.req.valid('param').id, 'see broadcasts')), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/broadcasts/{id}',
      tags,
      summary: 'Change a draft',
      request: { params: ZIdParam, body: jsonBody(ZUpdateBroadcast) },
      responses: { 200: jsonContent(ZBroadcast, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateBroadcast(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/broadcasts/{id}',
      tags,
      summary: 'Delete a draft',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteBroadcast(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/broadcasts/{id}/send',
      tags,
      summary: 'Send a draft now or at its scheduled time (quiet hours defer it)',
      request: { params: ZIdParam, body: jsonBody(ZSendBroadcast) },
      responses: { 200: jsonContent(ZBroadcast, 'Scheduled'), ...errorResponses },
    }),
    async (c) => c.json(await sendBroadcast(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/broadcasts/{id}/cancel',
      tags,
      summary: 'Cancel a draft or scheduled broadcast before it is planned',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZBroadcast, 'Cancelled'), ...errorResponses },
    }),
    async (c) => c.json(await cancelBroadcast(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/broadcasts/{id}/stats',
      tags,
      summary: 'Recipients by status, per store and per staff member',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZBroadcastStats, 'Stats'), ...errorResponses },
    }),
    async (c) => c.json(await getBroadcastStats(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/broadcasts/{id}/recipients',
      tags,
      summary: 'Recipients of a broadcast, by id, filtered by status, store or staff member',
      request: { params: ZIdParam, query: ZListRecipientsQuery },
      responses: { 200: jsonContent(zPage(ZBroadcastRecipient), 'Recipients'), ...errorResponses },
    }),
    async (c) => c.json(await listBroadcastRecipients(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/broadcasts/{id}/tasks',
      tags,
      summary: 'Mass tasks of a broadcast (one per staff member and chunk), with their WeCom msgid',
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZBroadcastTask), 'Tasks'), ...errorResponses },
    }),
    async (c) => c.json(await listBroadcastTasks(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/broadcasts/{id}/results',
      tags,
      summary: 'Collect the results of a sending broadcast now (instead of at the next minute)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(z.object({ queued: z.boolean() }), 'Queued'), ...errorResponses },
    }),
    async (c) => c.json(await refreshBroadcastResults(ctxOf(c), c.req.valid('param').id), 200),
  );
}
