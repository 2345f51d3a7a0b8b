import { createRoute, z } from '@hono/zod-openapi';
import { type App, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { tagCustomer, untagCustomer } from '../tags/tag-customer.ts';
import { ZTagCustomerRequest } from '../tags/tags.schemas.ts';
import {
  ZCreateCustomerFieldRequest,
  ZCreateCustomerRequest,
  ZCustomerDetail,
  ZCustomerField,
  ZCustomerListItem,
  ZListCustomersQuery,
  ZTimelineEvent,
  ZUpdateCustomerRequest,
} from './customers.schemas.ts';
import { getCustomer, listCustomerTimeline } from './get-customer.ts';
import { listCustomers } from './list-customers.ts';
import { createCustomerField, listCustomerFields } from './manage-customer-fields.ts';
import { createCustomer, updateCustomer } from './save-customer.ts';

export function registerCustomerRoutes(app: App): void {
  const tags = ['customers'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customers',
      tags,
      summary: 'Customers in your data scope, filtered by text, tags (all of), store and staff',
      request: { query: ZListCustomersQuery },
      responses: { 200: jsonContent(zPage(ZCustomerListItem), 'Customers, newest first'), ...errorResponses },
    }),
    async (c) => c.json(await listCustomers(ctxOf(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/customers',
      tags,
      summary: 'Create a customer',
      request: { body: jsonBody(ZCreateCustomerRequest) },
      responses: { 201: jsonContent(ZCustomerDetail, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createCustomer(ctxOf(c), c.req.valid('json')), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customers/{id}',
      tags,
      summary: 'One customer with follows, groups and tags',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCustomerDetail, 'Customer'), ...errorResponses },
    }),
    async (c) => c.json(await getCustomer(ctxOf(c), c.req.valid('param').id), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/customers/{id}',
      tags,
      summary: 'Update a customer',
      request: { params: ZIdParam, body: jsonBody(ZUpdateCustomerRequest) },
      responses: { 200: jsonContent(ZCustomerDetail, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateCustomer(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customers/{id}/timeline',
      tags,
      summary: "The customer's timeline, newest first",
      request: { params: ZIdParam, query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZTimelineEvent), 'Events'), ...errorResponses },
    }),
    async (c) => c.json(await listCustomerTimeline(ctxOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/customers/{id}/tags',
      tags,
      summary: 'Add tags to a customer',
      request: { params: ZIdParam, body: jsonBody(ZTagCustomerRequest) },
      responses: { 200: jsonContent(z.object({ added: z.array(z.number().int()) }), 'Tags newly added'), ...errorResponses },
    }),
    async (c) => c.json({ added: await tagCustomer(ctxOf(c), c.req.valid('param').id, c.req.valid('json').tagIds) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/customers/{id}/tags/{tagId}',
      tags,
      summary: 'Remove a tag from a customer',
      request: {
        params: ZIdParam.extend({
          tagId: z.coerce
            .number()
            .int()
            .positive()
            .max(Number.MAX_SAFE_INTEGER)
            .openapi({ param: { name: 'tagId', in: 'path' } }),
        }),
      },
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      const { id, tagId } = c.req.valid('param');
      await untagCustomer(ctxOf(c), id, tagId);
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/customer-fields',
      tags,
      summary: 'Custom field definitions',
      responses: { 200: jsonContent(z.object({ items: z.array(ZCustomerField) }), 'Fields'), ...errorResponses },
    }),
    async (c) => c.json(await listCustomerFields(ctxOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/customer-fields',
      tags,
      summary: 'Define a custom field',
      request: { body: jsonBody(ZCreateCustomerFieldRequest) },
      responses: { 201: jsonContent(ZCustomerField, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createCustomerField(ctxOf(c), c.req.valid('json')), 201),
  );
}
