import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { listOrders } from './list-orders.ts';
import { ZListOrdersQuery, ZOrder } from './orders.schemas.ts';

export function registerOrderRoutes(app: App): void {
  const tags = ['orders'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/orders',
      tags,
      summary: 'Orders of the customers in your scope, newest first',
      request: { query: ZListOrdersQuery },
      responses: { 200: jsonContent(zPage(ZOrder), 'Orders'), ...errorResponses },
    }),
    async (c) => c.json(await listOrders(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customers/{id}/orders',
      tags,
      summary: "A customer's orders, newest first",
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZOrder), 'Orders'), ...errorResponses },
    }),
    async (c) => c.json(await listOrders(ctxOf(c), { ...c.req.valid('query'), customerId: c.req.valid('param').id }), 200),
  );
}
