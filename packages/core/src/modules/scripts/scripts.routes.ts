import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import {
  createScriptCategory,
  deleteScriptCategory,
  listScriptCategories,
  updateScriptCategory,
} from './manage-script-categories.ts';
import { createScript, deleteScript, getScript, listScripts, updateScript } from './manage-scripts.ts';
import { markScriptUsed, renderScript } from './render-script.ts';
import {
  ZCreateScriptCategoryRequest,
  ZCreateScriptRequest,
  ZListScriptsQuery,
  ZRenderedScript,
  ZRenderScriptRequest,
  ZScript,
  ZScriptCategory,
  ZUpdateScriptCategoryRequest,
  ZUpdateScriptRequest,
} from './scripts.schemas.ts';

/** HTTP routes of the scripts module (话术库). */
export function registerScriptRoutes(app: App): void {
  const tags = ['scripts'];

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/script-categories',
      tags,
      summary: 'Script categories with their script counts (the built-in ones are created on first use)',
      responses: { 200: jsonContent(z.object({ items: z.array(ZScriptCategory) }), 'Categories'), ...errorResponses },
    }),
    async (c) => c.json(await listScriptCategories(ctxOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/script-categories',
      tags,
      summary: 'Add a category',
      request: { body: jsonBody(ZCreateScriptCategoryRequest) },
      responses: { 201: jsonContent(ZScriptCategory, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createScriptCategory(ctxOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/script-categories/{id}',
      tags,
      summary: 'Rename or reorder a category',
      request: { params: ZIdParam, body: jsonBody(ZUpdateScriptCategoryRequest) },
      responses: { 200: jsonContent(ZScriptCategory, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateScriptCategory(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/script-categories/{id}',
      tags,
      summary: 'Delete a category without scripts (409 when it has some)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteScriptCategory(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/scripts',
      tags,
      summary: 'Scripts: search title, body and tags; filter by category (guides see enabled scripts only)',
      request: { query: ZListScriptsQuery },
      responses: { 200: jsonContent(zPage(ZScript), 'A page of scripts'), ...errorResponses },
    }),
    async (c) => c.json(await listScripts(ctxOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/scripts',
      tags,
      summary: 'Create a script (400 listing the allowed variables when the body uses another)',
      request: { body: jsonBody(ZCreateScriptRequest) },
      responses: { 201: jsonContent(ZScript, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createScript(ctxOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/scripts/{id}',
      tags,
      summary: 'One script',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZScript, 'The script'), ...errorResponses },
    }),
    async (c) => c.json(await getScript(ctxOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/scripts/{id}',
      tags,
      summary: 'Change a script',
      request: { params: ZIdParam, body: jsonBody(ZUpdateScriptRequest) },
      responses: { 200: jsonContent(ZScript, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateScript(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/scripts/{id}',
      tags,
      summary: 'Delete a script (audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteScript(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/scripts/{id}/render',
      tags,
      summary: 'The script’s text with the variables filled for a customer in your scope',
      request: { params: ZIdParam, body: jsonBody(ZRenderScriptRequest) },
      responses: { 200: jsonContent(ZRenderedScript, 'Rendered'), ...errorResponses },
    }),
    async (c) => c.json(await renderScript(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/scripts/{id}/used',
      tags,
      summary: 'Count one send of the script (the workbench calls it after the guide sends)',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(z.object({ usageCount: z.number().int() }), 'The new count'), ...errorResponses },
    }),
    async (c) => c.json(await markScriptUsed(ctxOf(c), c.req.valid('param').id), 200),
  );
}
