import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Ctx } from '../../context.ts';
import { type App, type AppEnv, ctxOf, publicCtx } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { AppError } from '../../lib/errors.ts';
import { zPage } from '../../lib/paging.ts';
import { resolveShortLink } from '../links/short-links.ts';
import { getStoreCode, listStoreCodes } from './get-store-code.ts';
import { listStoreCodeCities, listStoreCodeStores } from './list-public-stores.ts';
import { parseLocation } from './parse-location.ts';
import { previewStoreCode, resolveStoreCodeLanding } from './resolve-store-code.ts';
import { createStoreCode, deleteStoreCode, updateStoreCode } from './save-store-code.ts';
import { getStoreCodeStats } from './store-code-stats.ts';
import {
  ZCreateStoreCodeRequest,
  ZListStoreCodesQuery,
  ZLocationQuery,
  ZPublicCities,
  ZPublicLandingQuery,
  ZPublicStore,
  ZPublicStoresQuery,
  ZSlugParam,
  ZStoreCode,
  ZStoreCodeDetail,
  ZStoreCodeLanding,
  ZStoreCodePreview,
  ZStoreCodeStats,
  ZStoreCodeStatsQuery,
  ZUpdateStoreCodeRequest,
} from './store-codes.schemas.ts';

/** The tenant and store code a public slug opens; 404 for unknown slugs and other kinds of link. */
async function storeCodeOfSlug(c: Context<AppEnv>, slug: string): Promise<{ ctx: Ctx; codeId: number }> {
  const link = await resolveShortLink(c.var.deps, slug, 'store_code');
  if (!link) throw new AppError('NOT_FOUND', 'This store code does not exist. Scan the code in the store again.');
  return { ctx: publicCtx(c, link.tenantId), codeId: link.refId };
}

export function registerStoreCodeRoutes(app: App): void {
  const tags = ['store-codes'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/store-codes',
      tags,
      summary: 'Store codes (门店活码), newest first',
      request: { query: ZListStoreCodesQuery },
      responses: { 200: jsonContent(zPage(ZStoreCode), 'Store codes'), ...errorResponses },
    }),
    async (c) => c.json(await listStoreCodes(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/store-codes',
      tags,
      summary: 'Create a store code: radius, fallback store, participating stores, per-store targets',
      request: { body: jsonBody(ZCreateStoreCodeRequest) },
      responses: { 201: jsonContent(ZStoreCodeDetail, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createStoreCode(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/store-codes/{id}',
      tags,
      summary: 'A store code with its per-store targets',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZStoreCodeDetail, 'Store code'), ...errorResponses },
    }),
    async (c) => c.json(await getStoreCode(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/store-codes/{id}',
      tags,
      summary: 'Change a store code (targets, when given, replace all per-store targets)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateStoreCodeRequest) },
      responses: { 200: jsonContent(ZStoreCodeDetail, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateStoreCode(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/store-codes/{id}',
      tags,
      summary: 'Retire a store code (its QR then answers "no longer in use")',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteStoreCode(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/store-codes/{id}/preview',
      tags,
      summary: 'Where the code routes a customer at lat/lng (or without a location); logs nothing',
      request: { params: ZIdParam, query: ZLocationQuery },
      responses: { 200: jsonContent(ZStoreCodePreview, 'Routing preview'), ...errorResponses },
    }),
    async (c) => {
      const { lat, lng } = c.req.valid('query');
      return c.json(await previewStoreCode(ctxOf(c), c.req.valid('param').id, parseLocation(lat, lng)), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/store-codes/{id}/stats',
      tags,
      summary: 'Scans of a store code by reason, by store and by day (tenant time zone)',
      request: { params: ZIdParam, query: ZStoreCodeStatsQuery },
      responses: { 200: jsonContent(ZStoreCodeStats, 'Statistics'), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getStoreCodeStats(ctxOf(c), c.req.valid('param').id, {
          days: c.req.valid('query').days,
          timeZone: c.var.me?.tenant.timezone ?? 'Asia/Shanghai',
        }),
        200,
      ),
  );

  // Customers' landing page (`/s/<slug>`): no session; the slug names the tenant.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/store-codes/{slug}',
      tags: ['h5'],
      summary: 'Route a customer to a store by location (lat/lng, WGS-84) or by their pick (storeId)',
      request: { params: ZSlugParam, query: ZPublicLandingQuery },
      responses: { 200: jsonContent(ZStoreCodeLanding, 'The routed store and what to scan'), ...errorResponses },
    }),
    async (c) => {
      const { ctx, codeId } = await storeCodeOfSlug(c, c.req.valid('param').slug);
      return c.json(await resolveStoreCodeLanding(ctx, codeId, c.req.valid('query')), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/store-codes/{slug}/cities',
      tags: ['h5'],
      summary: "The cities of a store code's open stores, for the store picker",
      request: { params: ZSlugParam },
      responses: { 200: jsonContent(ZPublicCities, 'Cities'), ...errorResponses },
    }),
    async (c) => {
      const { ctx, codeId } = await storeCodeOfSlug(c, c.req.valid('param').slug);
      return c.json(await listStoreCodeCities(ctx, codeId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/public/store-codes/{slug}/stores',
      tags: ['h5'],
      summary: "A store code's open stores (optionally of one city), for the store picker",
      request: { params: ZSlugParam, query: ZPublicStoresQuery },
      responses: { 200: jsonContent(zPage(ZPublicStore), 'Stores'), ...errorResponses },
    }),
    async (c) => {
      const { ctx, codeId } = await storeCodeOfSlug(c, c.req.valid('param').slug);
      return c.json(await listStoreCodeStores(ctx, codeId, c.req.valid('query')), 200);
    },
  );
}
