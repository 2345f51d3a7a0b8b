import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { handoverStaff, listHandovers } from './handover-staff.ts';
import { createOrgUnit, listOrgUnits, updateOrgUnit } from './manage-org-units.ts';
import { createStaff, getStaff, listStaff, updateStaff } from './manage-staff.ts';
import {
  ZCreateOrgUnitRequest,
  ZCreateStaffRequest,
  ZHandover,
  ZHandoverRequest,
  ZHandoverResult,
  ZListStaffQuery,
  ZOrgUnit,
  ZStaff,
  ZUpdateOrgUnitRequest,
  ZUpdateStaffRequest,
} from './org.schemas.ts';

export function registerOrgRoutes(app: App): void {
  const tags = ['org'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/org/units',
      tags,
      summary: 'All org units (HQ, regions, stores)',
      responses: { 200: jsonContent(z.object({ items: z.array(ZOrgUnit) }), 'Units'), ...errorResponses },
    }),
    async (c) => c.json(await listOrgUnits(ctxOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/org/units',
      tags,
      summary: 'Create a region or store',
      request: { body: jsonBody(ZCreateOrgUnitRequest) },
      responses: { 201: jsonContent(ZOrgUnit, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createOrgUnit(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/org/units/{id}',
      tags,
      summary: 'Update an org unit',
      request: { params: ZIdParam, body: jsonBody(ZUpdateOrgUnitRequest) },
      responses: { 200: jsonContent(ZOrgUnit, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateOrgUnit(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/staff',
      tags,
      summary: 'Staff (scoped: store managers see their store, guides themselves)',
      request: { query: ZListStaffQuery },
      responses: { 200: jsonContent(zPage(ZStaff), 'Staff'), ...errorResponses },
    }),
    async (c) => c.json(await listStaff(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/staff/{id}',
      tags,
      summary: 'One staff member',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZStaff, 'Staff member'), ...errorResponses },
    }),
    async (c) => c.json(await getStaff(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/staff',
      tags,
      summary: 'Add a staff member',
      request: { body: jsonBody(ZCreateStaffRequest) },
      responses: { 201: jsonContent(ZStaff, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createStaff(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/staff/{id}',
      tags,
      summary: 'Update a staff member (role changes are audited)',
      request: { params: ZIdParam, body: jsonBody(ZUpdateStaffRequest) },
      responses: { 200: jsonContent(ZStaff, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateStaff(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/staff/{id}/handover',
      tags,
      summary: 'Hand over customers and groups to another staff member (离职继承 / 在职继承); audited',
      request: { params: ZIdParam, body: jsonBody(ZHandoverRequest) },
      responses: { 200: jsonContent(ZHandoverResult, 'Moved'), ...errorResponses },
    }),
    async (c) => c.json(await handoverStaff(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/handovers',
      tags,
      summary: 'Handover history, newest first',
      request: { query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZHandover), 'Handovers'), ...errorResponses },
    }),
    async (c) => c.json(await listHandovers(ctxOf(c), c.req.valid('query')), 200),
  );
}
