import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { zPage } from '../../lib/paging.ts';
import { applySopCalendar } from './apply-sop-calendar.ts';
import { deleteSopPlan } from './delete-sop-plan.ts';
import { enrollInJourney } from './enroll-in-journey.ts';
import { getGroupSopCalendar } from './get-group-sop-calendar.ts';
import { getSopProgress } from './get-sop-progress.ts';
import { listSopCalendars } from './list-sop-calendars.ts';
import { listSopJourneys } from './list-sop-journeys.ts';
import { listSopPlans } from './list-sop-plans.ts';
import { createSopCalendar, updateSopCalendar } from './save-sop-calendar.ts';
import { createSopJourney, updateSopJourney } from './save-sop-journey.ts';
import { assertSopEditor } from './sop-scope.ts';
import { shanghaiDate } from './sop-timing.ts';
import {
  ZCreateSopCalendar,
  ZCreateSopJourney,
  ZEnrollRequest,
  ZEnrollResult,
  ZGroupCalendar,
  ZGroupIdParam,
  ZListSopDefinitionsQuery,
  ZListSopPlansQuery,
  ZProgressParams,
  ZRangeQuery,
  ZSopCalendar,
  ZSopJourney,
  ZSopPlanStep,
  ZSopProgress,
  ZUpdateSopCalendar,
  ZUpdateSopJourney,
  ZUpdateSopPlanStep,
} from './sops.schemas.ts';
import { getSopCalendar } from './to-sop-calendar.ts';
import { getSopJourney } from './to-sop-journey.ts';
import { updateSopPlanStep } from './update-sop-plan-step.ts';

/** HTTP routes of the sops module. */
export function registerSopRoutes(app: App): void {
  const tags = ['sops'];

  // ---------- group calendars ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/calendars',
      tags,
      summary: 'Group SOP calendars, newest first',
      request: { query: ZListSopDefinitionsQuery },
      responses: { 200: jsonContent(zPage(ZSopCalendar), 'Calendars'), ...errorResponses },
    }),
    async (c) => c.json(await listSopCalendars(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sops/calendars',
      tags,
      summary: 'Create a group SOP calendar (columns × timeline × items) and apply it to its groups',
      request: { body: jsonBody(ZCreateSopCalendar) },
      responses: { 201: jsonContent(ZSopCalendar, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createSopCalendar(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/calendars/{id}',
      tags,
      summary: 'A group SOP calendar with its items',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZSopCalendar, 'Calendar'), ...errorResponses },
    }),
    async (c) => c.json(await getSopCalendar(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/sops/calendars/{id}',
      tags,
      summary: 'Change a calendar (items replace the list) and re-apply it',
      request: { params: ZIdParam, body: jsonBody(ZUpdateSopCalendar) },
      responses: { 200: jsonContent(ZSopCalendar, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateSopCalendar(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/sops/calendars/{id}',
      tags,
      summary: 'Delete a calendar; its planned steps are cancelled (audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteSopPlan(ctxOf(c), 'calendar', c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sops/calendars/{id}/apply',
      tags,
      summary: 'Apply the calendar to its target groups now (also done daily)',
      request: { params: ZIdParam },
      responses: {
        200: jsonContent(z.object({ planned: z.number().int(), cancelled: z.number().int() }), 'Applied'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const ctx = ctxOf(c);
      assertSopEditor(ctx, 'apply SOP calendars');
      return c.json(await applySopCalendar(ctx, c.req.valid('param').id), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/groups/{groupId}/calendar',
      tags,
      summary: "One group's SOP steps by day (default: this week)",
      request: { params: ZGroupIdParam, query: ZRangeQuery },
      responses: { 200: jsonContent(ZGroupCalendar, 'Calendar view'), ...errorResponses },
    }),
    async (c) => c.json(await getGroupSopCalendar(ctxOf(c), c.req.valid('param').groupId, c.req.valid('query')), 200),
  );

  // ---------- customer journeys ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/journeys',
      tags,
      summary: 'Customer journey SOPs, newest first',
      request: { query: ZListSopDefinitionsQuery },
      responses: { 200: jsonContent(zPage(ZSopJourney), 'Journeys'), ...errorResponses },
    }),
    async (c) => c.json(await listSopJourneys(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sops/journeys',
      tags,
      summary: 'Create a customer journey SOP (steps at day offsets with conditions)',
      request: { body: jsonBody(ZCreateSopJourney) },
      responses: { 201: jsonContent(ZSopJourney, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createSopJourney(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/journeys/{id}',
      tags,
      summary: 'A journey with its steps',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZSopJourney, 'Journey'), ...errorResponses },
    }),
    async (c) => c.json(await getSopJourney(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/sops/journeys/{id}',
      tags,
      summary: 'Change a journey (steps replace the list; new steps apply to new enrolments)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateSopJourney) },
      responses: { 200: jsonContent(ZSopJourney, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateSopJourney(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/sops/journeys/{id}',
      tags,
      summary: 'Delete a journey; its planned steps are cancelled (audited)',
      request: { params: ZIdParam },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      await deleteSopPlan(ctxOf(c), 'journey', c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/sops/journeys/{id}/enrollments',
      tags,
      summary: 'Enrol a customer in a journey (idempotent by sourceKey)',
      request: { params: ZIdParam, body: jsonBody(ZEnrollRequest) },
      responses: { 200: jsonContent(ZEnrollResult, 'Enrolled'), ...errorResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c);
      assertSopEditor(ctx, 'enrol customers in journeys');
      const body = c.req.valid('json');
      const anchorAt = body.anchorAt ? new Date(body.anchorAt) : ctx.now();
      const result = await enrollInJourney(ctx, {
        journeyId: c.req.valid('param').id,
        customerId: body.customerId,
        anchorAt,
        sourceKey: body.sourceKey ?? `manual:${body.customerId}:${shanghaiDate(anchorAt)}`,
      });
      return c.json(result, 200);
    },
  );

  // ---------- plans and progress ----------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/plans',
      tags,
      summary: 'Planned SOP steps in your scope, by due time',
      request: { query: ZListSopPlansQuery },
      responses: { 200: jsonContent(zPage(ZSopPlanStep), 'Plan steps'), ...errorResponses },
    }),
    async (c) => c.json(await listSopPlans(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/sops/plans/{id}',
      tags,
      summary: 'Change the time, title or content of a planned step, or skip it',
      request: { params: ZIdParam, body: jsonBody(ZUpdateSopPlanStep) },
      responses: { 200: jsonContent(ZSopPlanStep, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateSopPlanStep(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sops/{kind}/{id}/progress',
      tags,
      summary: 'Completion per store and per staff member: due, done, overdue, skipped',
      request: { params: ZProgressParams, query: ZRangeQuery },
      responses: { 200: jsonContent(ZSopProgress, 'Progress'), ...errorResponses },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await getSopProgress(ctxOf(c), p.kind, p.id, c.req.valid('query')), 200);
    },
  );
}
