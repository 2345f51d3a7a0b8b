import { createRoute } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { requireAutomation, toAutomation } from './automation-queries.ts';
import {
  ZAutomation,
  ZAutomationRun,
  ZCreateAutomation,
  ZDryRunRequest,
  ZDryRunResult,
  ZListAutomationsQuery,
  ZListRunsQuery,
  ZUpdateAutomation,
} from './automations.schemas.ts';
import { createAutomation } from './create-automation.ts';
import { deleteAutomation } from './delete-automation.ts';
import { dryRunAutomation } from './dry-run-automation.ts';
import { listAutomationRuns } from './list-automation-runs.ts';
import { listAutomations } from './list-automations.ts';
import { updateAutomation } from './update-automation.ts';

/** HTTP routes of the automations module: rules CRUD, enable/disable, runs log, dry run. */
export function registerAutomationRoutes(app: App): void {
  const tags = ['automations'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/automations',
      tags,
      summary: 'Automation rules, newest first, with run counts',
      request: { query: ZListAutomationsQuery },
      responses: { 200: jsonContent(zPage(ZAutomation), 'Rules'), ...errorResponses },
    }),
    async (c) => c.json(await listAutomations(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/automations',
      tags,
      summary: 'Create a rule: trigger → conditions → actions (off unless enabled)',
      request: { body: jsonBody(ZCreateAutomation) },
      responses: { 201: jsonContent(ZAutomation, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createAutomation(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/automations/{id}',
      tags,
      summary: 'One rule',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZAutomation, 'Rule'), ...errorResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c);
      assertRole(ctx.actor, TENANT_WIDE, 'see automation rules');
      return c.json(await toAutomation(ctx, await requireAutomation(ctx, c.req.valid('param').id)), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/automations/{id}',
      tags,
      summary: 'Change a rule (any subset of its fields)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateAutomation) },
      responses: { 200: jsonContent(ZAutomation, 'Changed'), ...errorResponses },
    }),
    async (c) => c.json(await updateAutomation(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/automations/{id}',
      tags,
      summary: 'Delete a rule (its waiting runs stop)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteAutomation(ctxOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/automations/{id}/${verb}`,
        tags,
        summary: enabled ? 'Turn a rule on' : 'Turn a rule off (waiting runs stop at their next step)',
        request: { params: ZIdParam },
        responses: { 200: jsonContent(ZAutomation, 'Rule'), ...errorResponses },
      }),
      async (c) => c.json(await updateAutomation(ctxOf(c), c.req.valid('param').id, { enabled }), 200),
    );
  }
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/automations/{id}/runs',
      tags,
      summary: "A rule's runs, newest first (filter by status or customer)",
      request: { params: ZIdParam, query: ZListRunsQuery },
      responses: { 200: jsonContent(zPage(ZAutomationRun), 'Runs'), ...errorResponses },
    }),
    async (c) => c.json(await listAutomationRuns(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/automations/{id}/dry-run',
      tags,
      summary: 'Would the rule run for this customer now, and what would it do (changes nothing)',
      request: { params: ZIdParam, body: jsonBody(ZDryRunRequest) },
      responses: { 200: jsonContent(ZDryRunResult, 'Verdict'), ...errorResponses },
    }),
    async (c) => c.json(await dryRunAutomation(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
