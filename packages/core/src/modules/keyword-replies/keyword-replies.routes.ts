import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { createKeywordRule } from './create-keyword-rule.ts';
import { deleteKeywordRule } from './delete-keyword-rule.ts';
import { getKeywordRule } from './get-keyword-rule.ts';
import {
  ZCreateKeywordRule,
  ZKeywordHit,
  ZKeywordRule,
  ZListKeywordHitsQuery,
  ZListKeywordRulesQuery,
  ZTestKeywordRequest,
  ZTestKeywordResult,
  ZUpdateKeywordRule,
} from './keyword-replies.schemas.ts';
import { listKeywordHits } from './list-keyword-hits.ts';
import { listKeywordRules } from './list-keyword-rules.ts';
import { testKeywordMessage } from './test-keyword-message.ts';
import { updateKeywordRule } from './update-keyword-rule.ts';

/** HTTP routes of the keyword-replies module. */
export function registerKeywordReplyRoutes(app: App): void {
  const tags = ['keyword-replies'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/keyword-replies',
      tags,
      summary: 'Auto-reply rules, highest priority first',
      request: { query: ZListKeywordRulesQuery },
      responses: { 200: jsonContent(zPage(ZKeywordRule), 'Rules'), ...errorResponses },
    }),
    async (c) => c.json(await listKeywordRules(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/keyword-replies',
      tags,
      summary: 'Create an auto-reply rule (matches from the next message)',
      request: { body: jsonBody(ZCreateKeywordRule) },
      responses: { 201: jsonContent(ZKeywordRule, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createKeywordRule(ctxOf(c), c.req.valid('json')), 201),
  );
  // Declared before /{id} so that "test" is never read as an id.
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/keyword-replies/test',
      tags,
      summary: 'Which rule would answer a message, and why the other matching rules would not',
      request: { body: jsonBody(ZTestKeywordRequest) },
      responses: { 200: jsonContent(ZTestKeywordResult, 'Verdict'), ...errorResponses },
    }),
    async (c) => c.json(await testKeywordMessage(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/keyword-replies/{id}',
      tags,
      summary: 'An auto-reply rule',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZKeywordRule, 'Rule'), ...errorResponses },
    }),
    async (c) => c.json(await getKeywordRule(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/keyword-replies/{id}',
      tags,
      summary: 'Change an auto-reply rule (any subset of fields; the automaton follows at once)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateKeywordRule) },
      responses: { 200: jsonContent(ZKeywordRule, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateKeywordRule(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/keyword-replies/{id}',
      tags,
      summary: 'Delete an auto-reply rule and its hit log (audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteKeywordRule(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/keyword-replies/{id}/hits',
      tags,
      summary: "A rule's hits: replied, held back by its cooldown or outside its hours, newest first",
      request: { params: ZIdParam, query: ZListKeywordHitsQuery },
      responses: { 200: jsonContent(zPage(ZKeywordHit), 'Hits'), ...errorResponses },
    }),
    async (c) => c.json(await listKeywordHits(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
}
