import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import {
  ZAudience,
  ZAudiencePreview,
  ZCreateAudienceRequest,
  ZListAudiencesQuery,
  ZPreviewAudienceRequest,
  ZUpdateAudienceRequest,
} from './audiences.schemas.ts';
import { createAudience } from './create-audience.ts';
import { deleteAudience } from './delete-audience.ts';
import { getAudience } from './get-audience.ts';
import { listAudiences } from './list-audiences.ts';
import { previewAudience } from './preview-audience.ts';
import { updateAudience } from './update-audience.ts';

/** HTTP routes of the audiences module. */
export function registerAudienceRoutes(app: App): void {
  const tags = ['audiences'];
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/audiences/preview',
      tags,
      summary: 'Count an audience expression in your data scope, with up to 20 of its customers',
      request: { body: jsonBody(ZPreviewAudienceRequest) },
      responses: { 200: jsonContent(ZAudiencePreview, 'Count and sample'), ...errorResponses },
    }),
    async (c) => c.json(await previewAudience(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audiences',
      tags,
      summary: 'Saved audiences by name, each with its count in your scope',
      request: { query: ZListAudiencesQuery },
      responses: { 200: jsonContent(zPage(ZAudience), 'Audiences'), ...errorResponses },
    }),
    async (c) => c.json(await listAudiences(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/audiences',
      tags,
      summary: 'Save an audience (name unique in the brand; not for guides)',
      request: { body: jsonBody(ZCreateAudienceRequest) },
      responses: { 201: jsonContent(ZAudience, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createAudience(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audiences/{id}',
      tags,
      summary: 'A saved audience with its count in your scope',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZAudience, 'Audience'), ...errorResponses },
    }),
    async (c) => c.json(await getAudience(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/audiences/{id}',
      tags,
      summary: 'Rename a saved audience or change its expression (not for guides)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateAudienceRequest) },
      responses: { 200: jsonContent(ZAudience, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateAudience(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/audiences/{id}',
      tags,
      summary: 'Delete a saved audience (audited; not for guides)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteAudience(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
