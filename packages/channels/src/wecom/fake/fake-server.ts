import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeApiError, type FakeClock, type FakeConfig, type FakeRequest, type FakeRoutes } from './fake-core.ts';
import type { FakeWecomState } from './fake-state.ts';

/**
 * The HTTP side of the fake: routing, access tokens, call counting, rate limits, injected failures
 * and latency. Documents:
 * - 获取access_token https://developer.work.weixin.qq.com/document/path/91039 (GET gettoken?corpid&corpsecret →
 *   access_token, expires_in 7200; 40013 bad corpid, 40001 bad secret, 41002/41004 missing)
 * - 全局错误码 https://developer.work.weixin.qq.com/document/path/90313 (40014 invalid token, 42001 expired,
 *   41001 missing token, 45009 api freq out of limit, 48001 api unauthorized)
 */

export type FakeFailure = { errcode: number; errmsg?: string } | 'timeout' | 'http500';

type TokenRecord = { corpId: string; secret: string; expiresAtMs: number };

export type FakeHttp = {
  server: Server;
  baseUrl: string;
  tokens: Map<string, TokenRecord>;
  calls: Map<string, number>;
  failures: Map<string, FakeFailure[]>;
  latencyMs: { value: number };
  // Request times (ms) in the current rate window, per corp.
  rateWindow: number[];
  close(): Promise<void>;
};

const BODY_LIMIT = 20 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Normalises `/cgi-bin/externalcontact/list`, `cgi-bin/…` or `externalcontact/list` to `externalcontact/list`. */
export function normalisePath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/^cgi-bin\//, '')
    .replace(/\?.*$/, '');
}

export async function startFakeHttp(input: {
  corpId: string;
  secrets: Record<string, string>;
  state: () => FakeWecomState;
  config: FakeConfig;
  clock: FakeClock;
  routes: FakeRoutes;
  port?: number;
}): Promise<FakeHttp> {
  const tokens = new Map<string, TokenRecord>();
  const calls = new Map<string, number>();
  const failures = new Map<string, FakeFailure[]>();
  const latencyMs = { value: 0 };
  const rateWindow: number[] = [];
  // Requests held by an injected 'timeout': answered (with 504) only when the server closes.
  const hanging = new Set<ServerResponse>();

  function issueToken(secret: string): { access_token: string; expires_in: number } {
    const access_token = randomBytes(32).toString('base64url');
    tokens.set(access_token, { corpId: input.corpId, secret, expiresAtMs: input.clock.now() + input.config.tokenTtlSec * 1000 });
    return { access_token, expires_in: input.config.tokenTtlSec };
  }

  function checkToken(query: URLSearchParams) {
    const token = query.get('access_token');
    if (!token) throw new FakeApiError(41001, 'access_token missing');
    const record = tokens.get(token);
    if (!record) throw new FakeApiError(40014, 'invalid access_token');
    if (record.expiresAtMs <= input.clock.now()) throw new FakeApiError(42001, 'access_token expired');
  }

  function gettoken(query: URLSearchParams) {
    const corpid = query.get('corpid');
    const secret = query.get('corpsecret');
    if (!corpid) throw new FakeApiError(41002, 'corpid missing');
    if (!secret) throw new FakeApiError(41004, 'corpsecret missing');
    if (corpid !== input.corpId) throw new FakeApiError(40013, 'invalid corpid');
    if (!Object.values(input.secrets).includes(secret)) throw new FakeApiError(40001, 'invalid credential: the secret is wrong');
    return issueToken(secret);
  }

  function checkRate() {
    const limit = input.config.rateLimitPerMinute;
    if (limit === null) return;
    const now = input.clock.now();
    while (rateWindow.length > 0 && (rateWindow[0] ?? 0) <= now - 60_000) rateWindow.shift();
    if (rateWindow.length >= limit) throw new FakeApiError(45009, 'api freq out of limit');
    rateWindow.push(now);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake-wecom.local');
    const path = normalisePath(url.pathname);
    calls.set(path, (calls.get(path) ?? 0) + 1);
    const raw = await readBody(req);
    if (latencyMs.value > 0) await sleep(latencyMs.value);

    const queue = failures.get(path);
    const failure = queue?.shift();
    if (queue && queue.length === 0) failures.delete(path);
    if (failure === 'timeout') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (failure === 'http500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>500 Internal Server Error</body></html>');
      return;
    }
    if (failure) {
      send(res, 200, { errcode: failure.errcode, errmsg: failure.errmsg ?? `injected failure ${failure.errcode}` });
      return;
    }

    if (!url.pathname.startsWith('/cgi-bin/')) {
      send(res, 404, { errcode: 48001, errmsg: `api unauthorized: unknown path ${url.pathname}` });
      return;
    }
    if (path === 'gettoken') {
      send(res, 200, { errcode: 0, errmsg: 'ok', ...gettoken(url.searchParams) });
      return;
    }
    const route = input.routes[path];
    // An unknown cgi-bin path: WeCom answers with an errcode, not an HTTP error.
    if (!route) {
      send(res, 200, { errcode: 48001, errmsg: `api unauthorized: ${path} is not an API of this server` });
      return;
    }
    if (route.auth === 'token') checkToken(url.searchParams);
    checkRate();
    let body: Record<string, unknown> = {};
    if (req.method === 'POST' && raw.length > 0 && !path.startsWith('media/')) {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        // WeCom: 47001 data format error (the body is not JSON).
        throw new FakeApiError(47001, 'data format error: the body is not a JSON object');
      }
    }
    if (req.method !== route.method && !(route.method === 'GET' && req.method === 'POST')) {
      throw new FakeApiError(43002, `require ${route.method} method`);
    }
    const fakeReq: FakeRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      state: input.state(),
      config: input.config,
      now: input.clock.now(),
    };
    if (path.startsWith('media/')) fakeReq.body = { __size: raw.length };
    const result = await route.handler(fakeReq);
    send(res, 200, { errcode: 0, errmsg: 'ok', ...result });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof FakeApiError) send(res, 200, { errcode: error.errcode, errmsg: error.message });
      else send(res, 200, { errcode: -1, errmsg: `system busy: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}/cgi-bin`,
    tokens,
    calls,
    failures,
    latencyMs,
    rateWindow,
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
