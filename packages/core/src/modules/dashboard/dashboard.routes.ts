import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonContent } from '../../http/openapi.ts';
import { getDashboardSummary, ZDashboardSummary } from './get-dashboard-summary.ts';

export function registerDashboardRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/dashboard/summary',
      tags: ['dashboard'],
      summary: 'Home page numbers in your data scope (GMV, AOV, repurchase … per PRODUCT.md definitions)',
      responses: { 200: jsonContent(ZDashboardSummary, 'Summary'), ...errorResponses },
    }),
    async (c) => c.json(await getDashboardSummary(ctxOf(c)), 200),
  );
}
