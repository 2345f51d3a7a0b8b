import { createRoute } from '@hono/zod-openapi';
import { type App, CUSTOMER_TOKEN_HEADER, ctxOf, publicCtx } from '../../http/app-env.ts';
import { notModified, pngContent, sendImage } from '../../http/image-response.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { notFound } from '../../lib/errors.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { readCustomerToken } from '../links/customer-token.ts';
import { resolveShortLink } from '../links/short-links.ts';
import { createGroupCode } from './create-group-code.ts';
import { deleteGroupCode } from './delete-group-code.ts';
import { getGroupCode, listGroupCodeOpenings, listGroupCodes } from './get-group-code.ts';
import { getGroupCodeStats } from './get-group-code-stats.ts';
import {
  ZCreateGroupCodeRequest,
  ZGroupCode,
  ZGroupCodeDetail,
  ZGroupCodeLanding,
  ZGroupCodePreview,
  ZGroupCodeStats,
  ZGroupOpening,
  ZLandingParams,
  ZLandingQuery,
  ZListGroupCodesQuery,
  ZSetPoolRequest,
  ZSimulateJoinsRequest,
  ZSimulateJoinsResult,
  ZStatsQuery,
  ZUpdateGroupCodeRequest,
} from './group-codes.schemas.ts';
import { previewGroupCode } from './preview-group-code.ts';
import { renderGroupCodePoster } from './render-group-code-poster.ts';
import { getGroupCodeLanding } from './route-group-code.ts';
import { setGroupCodePool } from './set-group-code-pool.ts';
import { simulateGroupCodeJoins } from './simulate-group-code-joins.ts';
import { updateGroupCode } from './update-group-code.ts';

export function registerGroupCodeRoutes(app: App): void {
  const tags = ['group-codes'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/group-codes',
      tags,
      summary: 'Group live codes (HQ roles: all; store managers: their store’s), newest first',
      request: { query: ZListGroupCodesQuery },
      responses: { 200: jsonContent(zPage(ZGroupCode), 'Group codes'), ...errorResponses },
    }),
    async (c) => c.json(await listGroupCodes(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/group-codes',
      tags,
      summary: 'Create a group live code with its permanent link and starting pool',
      request: { body: jsonBody(ZCreateGroupCodeRequest) },
      responses: { 201: jsonContent(ZGroupCodeDetail, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createGroupCode(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/group-codes/{id}',
      tags,
      summary: 'One group code with its pool (members, seats held, cap, the join way each group leads)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZGroupCodeDetail, 'Group code'), ...errorResponses },
    }),
    async (c) => c.json(await getGroupCode(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/group-codes/{id}',
      tags,
      summary: 'Change a group code’s settings (rule, cap, auto-open, owners, texts, status)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateGroupCodeRequest) },
      responses: { 200: jsonContent(ZGroupCodeDetail, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateGroupCode(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/group-codes/{id}',
      tags,
      summary: 'Delete a group code and its join ways (the groups stay; audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteGroupCode(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/group-codes/{id}/pool',
      tags,
      summary: 'Set the pool: the groups, in routing order (adds, removes and reorders in one call)',
      request: { params: ZIdParam, body: jsonBody(ZSetPoolRequest) },
      responses: { 200: jsonContent(ZGroupCodeDetail, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await setGroupCodePool(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/group-codes/{id}/stats',
      tags,
      summary: 'Visits, joins, leaves and groups opened per day (Asia/Shanghai), and members per group now',
      request: { params: ZIdParam, query: ZStatsQuery },
      responses: { 200: jsonContent(ZGroupCodeStats, 'Statistics'), ...errorResponses },
    }),
    async (c) => c.json(await getGroupCodeStats(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/group-codes/{id}/openings',
      tags,
      summary: 'Groups the code opened automatically (or failed to), newest first',
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZGroupOpening), 'Openings'), ...errorResponses },
    }),
    async (c) => c.json(await listGroupCodeOpenings(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/group-codes/{id}/preview',
      tags,
      summary: 'What the landing would show now, without holding a seat',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZGroupCodePreview, 'Preview'), ...errorResponses },
    }),
    async (c) => c.json(await previewGroupCode(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/group-codes/{id}/poster.png',
      tags,
      summary: "The code's poster (PNG): its name and the QR of its permanent link",
      request: { params: ZIdParam },
      responses: { 200: pngContent('The poster'), 304: notModified, ...errorResponses },
    }),
    async (c) => sendImage(c, await renderGroupCodePoster(ctxOf(c), c.req.valid('param').id), 'private, no-cache'),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/group-codes/{id}/simulate',
      tags,
      summary: 'Simulator tenants: new virtual customers open the landing and join through the code',
      request: { params: ZIdParam, body: jsonBody(ZSimulateJoinsRequest) },
      responses: { 200: jsonContent(ZSimulateJoinsResult, 'Done'), ...errorResponses },
    }),
    async (c) => c.json(await simulateGroupCodeJoins(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/group-codes/{slug}',
      tags: ['h5'],
      summary:
        'The group code landing (no session): routes the visitor to a group with room now, holds a seat for them and returns that group and the QR of its join way; status "paused" or "full" when it cannot. 404 for an unknown link.',
      request: { params: ZLandingParams, query: ZLandingQuery },
      responses: { 200: jsonContent(ZGroupCodeLanding, 'Landing'), ...errorResponses },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const link = await resolveShortLink(c.var.deps, slug, 'group_code');
      if (!link) throw notFound('Group code link', slug);
      // A customer token is optional here; one for another tenant (or a forged one) is ignored.
      const who = readCustomerToken(c.var.deps, c.req.header(CUSTOMER_TOKEN_HEADER) ?? c.req.query('t'));
      const customerId = who && who.tenantId === link.tenantId ? who.customerId : null;
      const landing = await getGroupCodeLanding(publicCtx(c, link.tenantId), {
        codeId: link.refId,
        customerId,
        visitorKey: c.req.valid('query').v ?? null,
      });
      return c.json(landing, 200);
    },
  );
}
