import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { createTag, createTagGroup, deleteTag, deleteTagGroup, listTagGroups, updateTag, updateTagGroup } from './manage-tags.ts';
import {
  ZCreateTagGroupRequest,
  ZCreateTagRequest,
  ZTag,
  ZTagGroup,
  ZUpdateTagGroupRequest,
  ZUpdateTagRequest,
} from './tags.schemas.ts';

export function registerTagRoutes(app: App): void {
  const tags = ['tags'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tag-groups',
      tags,
      summary: 'Tag groups with their tags and customer counts',
      request: { query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZTagGroup), 'Tag groups'), ...errorResponses },
    }),
    async (c) => c.json(await listTagGroups(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tag-groups',
      tags,
      summary: 'Create a tag group (optionally with tags)',
      request: { body: jsonBody(ZCreateTagGroupRequest) },
      responses: { 201: jsonContent(ZTagGroup, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createTagGroup(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/tag-groups/{id}',
      tags,
      summary: 'Rename or reorder a tag group',
      request: { params: ZIdParam, body: jsonBody(ZUpdateTagGroupRequest) },
      responses: { 200: jsonContent(ZTagGroup, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateTagGroup(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/tag-groups/{id}',
      tags,
      summary: 'Delete a tag group and its tags (removes them from customers; audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteTagGroup(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tags',
      tags,
      summary: 'Create a tag in a group',
      request: { body: jsonBody(ZCreateTagRequest) },
      responses: { 201: jsonContent(ZTag, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createTag(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/tags/{id}',
      tags,
      summary: 'Rename or reorder a tag',
      request: { params: ZIdParam, body: jsonBody(ZUpdateTagRequest) },
      responses: { 200: jsonContent(ZTag, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateTag(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/tags/{id}',
      tags,
      summary: 'Delete a tag (removes it from every customer; audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteTag(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
