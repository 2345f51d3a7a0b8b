import type { IncomingMessage } from 'node:http';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type App, type AppEnv, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent } from '../../http/openapi.ts';
import { getWecomConnection } from './get-wecom-connection.ts';
import { listWecomCallbacks } from './list-wecom-callbacks.ts';
import { readLimitedBody, readLimitedNodeBody } from './read-limited-body.ts';
import { receiveWecomCallback } from './receive-wecom-callback.ts';
import { saveWecomConnection } from './save-wecom-connection.ts';
import { setWecomActive } from './set-wecom-active.ts';
import { signSidebarPage } from './sign-sidebar-page.ts';
import { testWecomConnection } from './test-wecom-connection.ts';
import {
  ZSaveWecomConnection,
  ZSidebarSignatureQuery,
  ZSidebarSignatures,
  ZWecomCallbacks,
  ZWecomCallbacksQuery,
  ZWecomConnection,
  ZWecomTestReport,
} from './wecom.schemas.ts';

export const WECOM_CALLBACK_PATH = '/api/channels/wecom/:tenant/callback';

/** HTTP routes of the WeCom connection (admin console) and WeCom's callback URL (public). */
export function registerWecomRoutes(app: App): void {
  const tags = ['wecom'];
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/connection',
      tags,
      summary: 'The WeCom connection (secrets masked) and the callback URL to paste into WeCom',
      responses: { 200: jsonContent(ZWecomConnection, 'Connection'), ...errorResponses },
    }),
    async (c) => c.json(await getWecomConnection(ctxOf(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/wecom/connection',
      tags,
      summary: 'Save the WeCom connection (admins); omitted secrets keep the stored ones',
      request: { body: jsonBody(ZSaveWecomConnection) },
      responses: { 200: jsonContent(ZWecomConnection, 'Saved'), ...errorResponses },
    }),
    async (c) => c.json(await saveWecomConnection(ctxOf(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/wecom/connection/test',
      tags,
      summary: 'Test the connection step by step (token, staff list, one staff member, app token)',
      responses: { 200: jsonContent(ZWecomTestReport, 'Report (ok or the failing step)'), ...errorResponses },
    }),
    async (c) => c.json(await testWecomConnection(ctxOf(c)), 200),
  );
  for (const [action, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/wecom/connection/${action}`,
        tags,
        summary: active
          ? 'Serve this tenant through WeCom (needs a passing test of the saved connection)'
          : 'Serve this tenant through the simulator again',
        responses: { 200: jsonContent(ZWecomConnection, 'Switched'), ...errorResponses },
      }),
      async (c) => c.json(await setWecomActive(ctxOf(c), active), 200),
    );
  }
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/callbacks',
      tags,
      summary: 'The latest WeCom callbacks received (inbox status) and the latest refused ones',
      request: { query: ZWecomCallbacksQuery },
      responses: { 200: jsonContent(ZWecomCallbacks, 'Callbacks'), ...errorResponses },
    }),
    async (c) => c.json(await listWecomCallbacks(ctxOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/wecom/sidebar-signature',
      tags,
      summary: "JS-SDK signatures (wx.config and wx.agentConfig) for the workbench page inside WeCom's sidebar",
      request: { query: ZSidebarSignatureQuery },
      responses: { 200: jsonContent(ZSidebarSignatures, 'Signatures'), ...errorResponses },
    }),
    async (c) => c.json(await signSidebarPage(ctxOf(c), c.req.valid('query').url), 200),
  );

  // WeCom's callback URL: public (WeCom signs it), plain text answers, XML bodies.
  const receive = (method: 'GET' | 'POST') => async (c: Context<AppEnv>) => {
    const { text } = await receiveWecomCallback(c.var.deps, {
      tenantSlug: c.req.param('tenant') ?? '',
      method,
      query: c.req.query(),
      // Behind @hono/node-server the Node request is at hand; app.request() in tests has only the web one.
      readBody: (max) => {
        const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
        return incoming ? readLimitedNodeBody(incoming, max) : readLimitedBody(c.req.raw, max);
      },
    });
    return c.text(text, 200);
  };
  app.get(WECOM_CALLBACK_PATH, receive('GET'));
  app.post(WECOM_CALLBACK_PATH, receive('POST'));
  const callbackDoc = {
    path: '/api/channels/wecom/{tenant}/callback',
    tags,
    request: {
      params: z.object({ tenant: z.string().openapi({ param: { name: 'tenant', in: 'path' }, example: 'acme' }) }),
      query: z.object({ msg_signature: z.string(), timestamp: z.string(), nonce: z.string(), echostr: z.string().optional() }),
    },
  };
  app.openAPIRegistry.registerPath({
    ...callbackDoc,
    method: 'get',
    summary: "WeCom's URL check: answers the decrypted echostr (public, signed by WeCom)",
    responses: { 200: { description: 'The echostr, text/plain' }, ...errorResponses },
  });
  app.openAPIRegistry.registerPath({
    ...callbackDoc,
    method: 'post',
    summary: 'A WeCom event (encrypted XML ≤ 64 KiB): stored in the inbox, then `success`',
    responses: { 200: { description: '`success`, text/plain' }, 413: errorResponses[400], ...errorResponses },
  });
}
