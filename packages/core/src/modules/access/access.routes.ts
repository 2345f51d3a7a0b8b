import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type App, type AppEnv, ctxOf } from '../../http/app-env.ts';
import { errorResponses, jsonBody, jsonContent, noContent, ZIdParam } from '../../http/openapi.ts';
import { ZPageQuery, zPage } from '../../lib/paging.ts';
import { ZAccount, ZCreateAccountRequest, ZLoginRequest, ZMe, ZUpdateAccountRequest } from './access.schemas.ts';
import { login, SESSION_TTL_MS } from './login.ts';
import { createAccount, listAccounts, updateAccount } from './manage-accounts.ts';
import { logout } from './resolve-session.ts';

export const SESSION_COOKIE = 'pond_session';

/** The client address; behind a proxy, put it in front with X-Forwarded-For handling there. */
export function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return c.req.header('x-test-ip') ?? 'local';
  }
}

export function registerAccessRoutes(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/login',
      tags: ['auth'],
      summary: 'Log in; sets an HTTP-only session cookie',
      request: { body: jsonBody(ZLoginRequest) },
      responses: { 200: jsonContent(ZMe, 'Logged in'), ...errorResponses },
    }),
    async (c) => {
      const { token, me } = await login(c.var.deps, { ...c.req.valid('json'), ip: clientIp(c) });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return c.json(me, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/auth/logout',
      tags: ['auth'],
      summary: 'Log out (ends the session)',
      responses: { 204: noContent, ...errorResponses },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await logout(c.var.deps, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      tags: ['auth'],
      summary: 'The logged-in account and its tenant',
      responses: { 200: jsonContent(ZMe, 'Me'), ...errorResponses },
    }),
    async (c) => c.json(c.var.me, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/accounts',
      tags: ['accounts'],
      summary: 'Console accounts (admins)',
      request: { query: ZPageQuery },
      responses: { 200: jsonContent(zPage(ZAccount), 'Accounts'), ...errorResponses },
    }),
    async (c) => c.json(await listAccounts(ctxOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/accounts',
      tags: ['accounts'],
      summary: 'Create a console account (admins)',
      request: { body: jsonBody(ZCreateAccountRequest) },
      responses: { 201: jsonContent(ZAccount, 'Created'), ...errorResponses },
    }),
    async (c) => c.json(await createAccount(ctxOf(c), c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/accounts/{id}',
      tags: ['accounts'],
      summary: 'Update an account; role changes are audited',
      request: { params: ZIdParam, body: jsonBody(ZUpdateAccountRequest) },
      responses: { 200: jsonContent(ZAccount, 'Updated'), ...errorResponses },
    }),
    async (c) => c.json(await updateAccount(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
