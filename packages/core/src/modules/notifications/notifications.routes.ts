import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { listNotifications, markNotificationsRead } from './list-notifications.ts';
import { ZListNotificationsQuery, ZMarkRead, ZNotification } from './notifications.schemas.ts';

export function registerNotificationRoutes(app: App): void {
  const tags = ['notifications'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/notifications',
      tags,
      summary: "The tenant's notices for operators, newest first, with the unread count",
      request: { query: ZListNotificationsQuery },
      responses: {
        200: jsonContent(zPage(ZNotification).extend({ unread: z.number().int() }), 'Notices'),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listNotifications(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/notifications/read',
      tags,
      summary: 'Mark notices read (all when no ids are given)',
      request: { body: jsonBody(ZMarkRead) },
      responses: { 200: jsonContent(z.object({ updated: z.number().int() }), 'Marked'), ...errorResponses },
    }),
    async (c) => c.json({ updated: await markNotificationsRead(ctxOf(c), c.req.valid('json').ids) }, 200),
  );
}
