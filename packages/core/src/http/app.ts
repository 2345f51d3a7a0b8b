import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import type { Deps } from '../context.ts';
import { randomToken } from '../lib/crypto.ts';
import { AppError } from '../lib/errors.ts';
import { clientIp, SESSION_COOKIE } from '../modules/access/access.routes.ts';
import { resolveSession } from '../modules/access/resolve-session.ts';
import { LINK_PATHS } from '../modules/links/link-kinds.ts';
import { type App, createRouter } from './app-env.ts';
import { jsonContent } from './openapi.ts';
import { registerAllRoutes } from './routes.ts';

// Routes that answer without a session.
// `/api/public/…` serves customers' H5 pages and QR landing pages: each route finds its tenant from a
// short link or a signed customer token, never from a session.
// WeCom's callback URL: public, and it limits its own body (64 KiB) while reading it from the socket.
const WECOM_CALLBACK = /^\/api\/channels\/wecom\/[^/]+\/callback$/;
const PUBLIC = [
  /^\/api\/health$/,
  /^\/api\/auth\/login$/,
  /^\/api\/openapi\.json$/,
  /^\/api\/docs(\/.*)?$/,
  /^\/api\/public\//,
  // WeCom posts callbacks without a session; the route checks WeCom's signature instead.
  WECOM_CALLBACK,
];
// Upload routes may carry files; everything else is small JSON.
const LARGE_BODY = [/^\/api\/customers\/import$/, /^\/api\/poster-images$/, /^\/api\/materials\/upload$/];

// Request ids only need to be unique in the logs: a random prefix per process and a counter
// (a random id per request cost a getrandom call on every request at a thousand a second).
const REQUEST_ID_PREFIX = randomToken(6);
let requestCounter = 0;
const nextRequestId = () => `${REQUEST_ID_PREFIX}${(++requestCounter).toString(36)}`;

export type CreateAppOptions = {
  /** Built console files (apps/console/dist); served at `/` when present. */
  consoleDir?: string;
  /** Built H5 files (apps/h5/dist, built with base `/h5/`); served at `/h5/` and the short-link paths. */
  h5Dir?: string;
};

/**
 * The HTTP application: `/api` (REST + OpenAPI), the docs page and the console.
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/api/health');
 */
export function createApp(deps: Deps, options: CreateAppOptions = {}): App {
  const app = createRouter();

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || nextRequestId();
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('log', deps.log.child({ requestId }));
    c.header('x-request-id', requestId);
    await next();
  });

  app.use('/api/*', async (c, next) => {
    if (WECOM_CALLBACK.test(c.req.path)) return next();
    const limit = LARGE_BODY.some((r) => r.test(c.req.path)) ? 20 * 1024 * 1024 : 1024 * 1024;
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `The request body is over ${limit / 1024 / 1024} MB. Send less at once.`);
      },
    })(c, next);
  });

  app.use('/api/*', async (c, next) => {
    if (PUBLIC.some((r) => r.test(c.req.path))) return next();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resolveSession(deps, token) : null;
    if (!session) throw new AppError('UNAUTHENTICATED', 'You are not logged in, or your session expired. Log in again.');
    c.set('actor', { ...session.actor, ip: clientIp(c) });
    c.set('me', session.me);
    c.set('log', c.var.log.child({ tenantId: session.actor.tenantId, accountId: session.actor.accountId }));
    await next();
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      summary: 'Liveness and database kind',
      responses: {
        200: jsonContent(z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }), 'Healthy'),
      },
    }),
    async (c) => {
      await deps.database.executeSql('select 1');
      return c.json({ status: 'ok' as const, database: deps.database.kind }, 200);
    },
  );

  registerAllRoutes(app);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Pond API',
      version: '0.1.0',
      description:
        'Pond (鱼塘) private-domain operations. Errors: `{ "error": { "code", "message", "details" } }`. Lists: `page`, `pageSize` ≤ 200 → `{ items, total, page, pageSize }`. Auth: the `pond_session` cookie from `POST /api/auth/login`.',
    },
  });

  const swaggerDir = getAbsoluteFSPath();
  app.get('/api/docs', (c) =>
    c.html(`<!doctype html><html><head><meta charset="utf-8"><title>Pond API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script></body></html>`),
  );
  app.get('/api/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const allowed = ['swagger-ui.css', 'swagger-ui-bundle.js'];
    if (!allowed.includes(file)) throw new AppError('NOT_FOUND', 'No such docs asset.');
    const type = file.endsWith('.css') ? 'text/css' : 'application/javascript';
    return c.body(readFileSync(join(swaggerDir, file)), 200, { 'content-type': type, 'cache-control': 'max-age=86400' });
  });

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', 'No such API route. See /api/docs for the list.');
  });

  const h5Dir = options.h5Dir;
  if (h5Dir && existsSync(join(h5Dir, 'index.html'))) {
    const h5Index = readFileSync(join(h5Dir, 'index.html'), 'utf8');
    app.use('/h5/assets/*', serveStatic({ root: h5Dir, rewriteRequestPath: (p) => p.replace(/^\/h5/, '') }));
    // Short links (`/j/<slug>`, …) and every H5 route open the H5 single-page app.
    const h5Paths = ['/h5', '/h5/*', ...Object.values(LINK_PATHS).map((p) => `/${p}/*`)];
    for (const path of h5Paths) app.get(path, (c) => c.html(h5Index));
  }

  const consoleDir = options.consoleDir;
  if (consoleDir && existsSync(join(consoleDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: consoleDir }));
    const index = readFileSync(join(consoleDir, 'index.html'), 'utf8');
    // The console is a single-page app: unknown paths get index.html.
    app.get('*', (c) => c.html(index));
  }

  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code =
        status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 401
            ? 'UNAUTHENTICATED'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : 'VALIDATION';
      // A 415 comes from a route whose body has another type (JSON to an upload, or the reverse).
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.slice(0, 80) || 'none';
      const message =
        status === 413
          ? 'The request body is too large. Send less at once.'
          : status === 415
            ? `This route does not take a body of Content-Type ${contentType}. Send what /api/docs lists for it: JSON with Content-Type: application/json, or a file upload as multipart/form-data.`
            : `${err.message || 'Malformed request'}. Send valid JSON with Content-Type: application/json.`;
      return c.json({ error: { code, message } }, status >= 500 ? 400 : status);
    }
    c.var.log?.error({ err }, 'unhandled error');
    return c.json(
      {
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong on our side. Try again; if it persists, tell your admin the request id.',
          details: { requestId: c.var.requestId },
        },
      },
      500,
    );
  });

  return app;
}
