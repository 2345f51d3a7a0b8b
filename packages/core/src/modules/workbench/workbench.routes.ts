import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { ZMaterial } from '../materials/materials.schemas.ts';
import { ZScript } from '../scripts/scripts.schemas.ts';
import { addCustomerNote } from './add-customer-note.ts';
import { getGuideStats } from './get-guide-stats.ts';
import { getWorkbenchCustomer } from './get-workbench-customer.ts';
import { getWorkbenchToday } from './get-workbench-today.ts';
import { listWorkbenchMaterials, listWorkbenchScripts } from './list-workbench-content.ts';
import { listWorkbenchCustomers } from './list-workbench-customers.ts';
import { quickTagCustomer } from './quick-tag-customer.ts';
import { resolveChatContext } from './resolve-chat-context.ts';
import { sendToCustomer } from './send-to-customer.ts';
import {
  ZContextQuery,
  ZNoteRequest,
  ZPreviewQuery,
  ZQuickTags,
  ZQuickTagsResult,
  ZWorkbenchContext,
  ZWorkbenchCustomer,
  ZWorkbenchCustomerDetail,
  ZWorkbenchCustomersQuery,
  ZWorkbenchMaterialsQuery,
  ZWorkbenchScriptsQuery,
  ZWorkbenchSend,
  ZWorkbenchSendResult,
  ZWorkbenchStats,
  ZWorkbenchToday,
} from './workbench.schemas.ts';

/**
 * HTTP routes of the guide workbench (the H5 sidebar): a guide's own day, customers and numbers.
 * Store managers and HQ may preview a guide's reads with `?staffId=`; writes are the guide's own.
 */
export function registerWorkbenchRoutes(app: App): void {
  const tags = ['workbench'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/today',
      tags,
      summary: "Today's tasks, grouped (SOP steps, follow-ups, broadcasts to confirm, moments), with counts",
      request: { query: ZPreviewQuery },
      responses: { 200: jsonContent(ZWorkbenchToday, 'Today'), ...errorResponses },
    }),
    async (c) => c.json(await getWorkbenchToday(ctxOf(c), c.req.valid('query').staffId), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/customers',
      tags,
      summary: "The guide's customers, by name, remark, phone or its last 4 digits; newest add first",
      request: { query: ZWorkbenchCustomersQuery },
      responses: { 200: jsonContent(zPage(ZWorkbenchCustomer), 'Customers'), ...errorResponses },
    }),
    async (c) => c.json(await listWorkbenchCustomers(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/customers/{id}',
      tags,
      summary: 'One of the guide’s customers: tags, follows, groups, last 10 orders, last 30 events, open tasks',
      request: { params: ZIdParam, query: ZPreviewQuery },
      responses: { 200: jsonContent(ZWorkbenchCustomerDetail, 'Customer'), ...errorResponses },
    }),
    async (c) => c.json(await getWorkbenchCustomer(ctxOf(c), c.req.valid('param').id, c.req.valid('query').staffId), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/workbench/customers/{id}/tags',
      tags,
      summary: 'Quick tagging: add and remove tags; synced tags are marked on the channel through the outbox',
      request: { params: ZIdParam, body: jsonBody(ZQuickTags) },
      responses: { 200: jsonContent(ZQuickTagsResult, 'Tags now'), ...errorResponses },
    }),
    async (c) => c.json(await quickTagCustomer(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/workbench/customers/{id}/notes',
      tags,
      summary: "A note on the customer's timeline, signed by the guide",
      request: { params: ZIdParam, body: jsonBody(ZNoteRequest) },
      responses: { 201: jsonContent(z.object({ at: z.string() }), 'Noted'), ...errorResponses },
    }),
    async (c) => c.json(await addCustomerNote(ctxOf(c), c.req.valid('param').id, c.req.valid('json').text), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/workbench/send',
      tags,
      summary: 'Send content to a customer as a private message from the guide (once per requestId)',
      request: { body: jsonBody(ZWorkbenchSend) },
      responses: { 200: jsonContent(ZWorkbenchSendResult, 'Queued'), ...errorResponses },
    }),
    async (c) => c.json(await sendToCustomer(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/stats',
      tags,
      summary: "The guide's own numbers: customers, adds/deletes this week, task completion, this month's orders",
      request: { query: ZPreviewQuery },
      responses: { 200: jsonContent(ZWorkbenchStats, 'Stats'), ...errorResponses },
    }),
    async (c) => c.json(await getGuideStats(ctxOf(c), c.req.valid('query').staffId), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/context',
      tags,
      summary: 'The customer of the current WeCom chat (from getCurExternalContact)',
      request: { query: ZContextQuery },
      responses: { 200: jsonContent(ZWorkbenchContext, 'Customer'), ...errorResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await resolveChatContext(ctxOf(c), q.externalUserId, q.staffId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/scripts',
      tags,
      summary: 'Scripts to send (enabled only, most used first)',
      request: { query: ZWorkbenchScriptsQuery },
      responses: { 200: jsonContent(zPage(ZScript), 'Scripts'), ...errorResponses },
    }),
    async (c) => c.json(await listWorkbenchScripts(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/workbench/materials',
      tags,
      summary: 'Materials to send, by text and type',
      request: { query: ZWorkbenchMaterialsQuery },
      responses: { 200: jsonContent(zPage(ZMaterial), 'Materials'), ...errorResponses },
    }),
    async (c) => c.json(await listWorkbenchMaterials(ctxOf(c), c.req.valid('query')), 200),
  );
}
