import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonContent } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { listAudit, ZAuditEntry, ZListAuditQuery } from './list-audit.ts';

export function registerAuditRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['audit'],
      summary: 'The audit log of sensitive actions (admins)',
      request: { query: ZListAuditQuery },
      responses: { 200: jsonContent(zPage(ZAuditEntry), 'Audit entries, newest first'), ...errorResponses },
    }),
    async (c) => c.json(await listAudit(ctxOf(c), c.req.valid('query')), 200),
  );
}
