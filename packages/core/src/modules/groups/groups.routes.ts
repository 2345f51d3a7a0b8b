import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { ZGroup, ZGroupMember, ZGroupMessage, ZListGroupsQuery, ZListMembersQuery } from './groups.schemas.ts';
import { getGroup, listGroupMembers, listGroupMessages, listGroups } from './list-groups.ts';

export function registerGroupRoutes(app: App): void {
  const tags = ['groups'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups',
      tags,
      summary: 'Customer groups in your data scope',
      request: { query: ZListGroupsQuery },
      responses: { 200: jsonContent(zPage(ZGroup), 'Groups'), ...errorResponses },
    }),
    async (c) => c.json(await listGroups(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}',
      tags,
      summary: 'One group',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZGroup, 'Group'), ...errorResponses },
    }),
    async (c) => c.json(await getGroup(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}/members',
      tags,
      summary: 'Members of a group (current by default)',
      request: { params: ZIdParam, query: ZListMembersQuery },
      responses: { 200: jsonContent(zPage(ZGroupMember), 'Members'), ...errorResponses },
    }),
    async (c) => c.json(await listGroupMembers(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/groups/{id}/messages',
      tags,
      summary: 'Messages in a group, newest first',
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZGroupMessage), 'Messages'), ...errorResponses },
    }),
    async (c) => c.json(await listGroupMessages(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
}
