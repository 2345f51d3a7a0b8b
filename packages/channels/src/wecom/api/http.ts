import { z } from 'zod';
import { backoffDelayMs, DEFAULT_RETRY, sleep, type TRetryOptions } from './backoff.ts';
import { translateWecomErrcode, WecomApiError, wecomErrorFor } from './errors.ts';
import type { RateQueue } from './rate-queue.ts';
import { cachedToken, dropToken } from './token-cache.ts';

/**
 * The transport under every WeCom call: access token, per-corp queue, timeout, retries.
 * - errcode 40014/42001/41001 → the token is dropped, a new one fetched, the call retried once.
 * - errcode -1/45009/45033 → full-jitter backoff and retry (≤ `retry.maxTries` tries), then
 *   RATE_LIMITED / UNAVAILABLE. WeCom's 全局错误码 (path/90313) advises ≤ 3 retries for -1.
 * - timeouts, network errors and HTTP 5xx → retried only for calls marked `idempotent` (a write
 *   whose answer was lost may have been carried out; WeCom has no idempotency key), then UNAVAILABLE.
 * The secret and the access token are only ever in the URL's query string: error messages name
 * the API path, never the URL.
 */

export type TWecomHttpOptions = {
  corpId: string;
  secret: string;
  /** e.g. https://qyapi.weixin.qq.com/cgi-bin (no trailing slash needed). */
  baseUrl: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs: number;
  now: () => number;
  retry: TRetryOptions;
  queue: RateQueue;
  /** For tests: the jitter source. */
  random?: () => number;
};

export type TCallSpec<T> = {
  /** Path under the base URL, e.g. 'externalcontact/get'. */
  path: string;
  method: 'GET' | 'POST';
  query?: Record<string, string | number | undefined>;
  /** JSON body (POST), or a multipart form (uploads). */
  body?: unknown;
  form?: FormData;
  response: z.ZodType<T>;
  /** Reads, and writes that are safe to repeat: transport failures are retried. */
  idempotent: boolean;
  /** false only for gettoken itself. */
  auth?: boolean;
};

export type WecomHttp = {
  call: <T>(spec: TCallSpec<T>) => Promise<T>;
  /** The current access token (cached, single-flight). */
  token: () => Promise<string>;
  corpId: string;
};

const ZTokenResponse = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

const ZEnvelope = z.looseObject({ errcode: z.number().int().optional(), errmsg: z.string().optional() });

/** What went wrong with a response body: `field: message` of the first zod issue. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const field = issue.path.length > 0 ? issue.path.join('.') : '(body)';
  return `${field}: ${issue.message}`;
}

type Sent = { ok: true; json: Record<string, unknown> } | { ok: false; error: WecomApiError };

/**
 * A transport for one (corp, secret).
 * @example
 * const http = createWecomHttp({ corpId, secret, baseUrl, timeoutMs: 10_000, now: Date.now, retry: DEFAULT_RETRY, queue: corpQueue(corpId) });
 * const user = await http.call({ path: 'user/get', method: 'GET', query: { userid: 'zhangsan' }, response: ZUser, idempotent: true });
 */
export function createWecomHttp(options: TWecomHttpOptions): WecomHttp {
  const base = options.baseUrl.replace(/\/+$/, '');
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const random = options.random ?? Math.random;

  async function send(path: string, spec: TCallSpec<unknown>, token: string | null): Promise<Sent> {
    const url = new URL(`${base}/${path}`);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    if (token !== null) url.searchParams.set('access_token', token);
    if (spec.auth === false) {
      url.searchParams.set('corpid', options.corpId);
      url.searchParams.set('corpsecret', options.secret);
    }
    const init: RequestInit = { method: spec.method };
    if (spec.form) init.body = spec.form;
    else if (spec.body !== undefined) {
      init.body = JSON.stringify(spec.body);
      init.headers = { 'content-type': 'application/json; charset=utf-8' };
    }
    return options.queue.run(path, async (): Promise<Sent> => {
      let res: Response;
      let text: string;
      // The clock starts when the call leaves the queue, and the timer goes with the answer:
      // `AbortSignal.timeout` would keep a timer and its listeners alive for the whole timeout
      // after every call, which at hundreds of calls a second costs the event loop real time.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), options.timeoutMs);
      try {
        res = await fetch(url, { ...init, signal: controller.signal });
        text = await res.text();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        const message = timedOut
          ? `WeCom ${path}: no answer within ${options.timeoutMs} ms; retry later.`
          : `WeCom ${path}: network error (${error instanceof Error ? error.message.replace(/(access_token|corpsecret)=[^&\s]+/g, '$1=…') : 'unknown'}); check the server can reach ${new URL(base).host}.`;
        return { ok: false, error: new WecomApiError('UNAVAILABLE', message, { path }) };
      } finally {
        clearTimeout(timer);
      }
      if (res.status >= 500)
        return {
          ok: false,
          error: new WecomApiError('UNAVAILABLE', `WeCom ${path}: HTTP ${res.status}; WeCom is having trouble, retry later.`, {
            path,
          }),
        };
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return {
          ok: false,
          error: new WecomApiError('UNAVAILABLE', `WeCom ${path}: HTTP ${res.status} with a body that is not JSON.`, { path }),
        };
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json))
        return {
          ok: false,
          error: new WecomApiError('UNAVAILABLE', `WeCom ${path}: the answer is not a JSON object.`, { path }),
        };
      return { ok: true, json: json as Record<string, unknown> };
    });
  }

  async function call<T>(spec: TCallSpec<T>): Promise<T> {
    const auth = spec.auth !== false;
    let tokenRetried = false;
    let failures = 0;
    for (;;) {
      const token = auth ? await getToken() : null;
      const sent = await send(spec.path, spec as TCallSpec<unknown>, token);
      let error: WecomApiError;
      if (sent.ok) {
        const envelope = ZEnvelope.safeParse(sent.json);
        const errcode = envelope.success ? (envelope.data.errcode ?? 0) : 0;
        if (!envelope.success)
          throw new WecomApiError(
            'UNAVAILABLE',
            `WeCom ${spec.path}: unexpected errcode/errmsg: ${describeIssue(envelope.error)}`,
            {
              path: spec.path,
            },
          );
        if (errcode === 0) {
          const { errcode: _c, errmsg: _m, ...rest } = sent.json;
          const parsed = spec.response.safeParse(rest);
          if (!parsed.success)
            throw new WecomApiError(
              'UNAVAILABLE',
              `WeCom ${spec.path}: the answer does not match the documented shape (${describeIssue(parsed.error)}).`,
              { path: spec.path },
            );
          return parsed.data;
        }
        const rule = translateWecomErrcode(errcode);
        error = wecomErrorFor(spec.path, errcode, envelope.data.errmsg);
        if (rule.retry === 'token' && auth && token !== null && !tokenRetried) {
          tokenRetried = true;
          dropToken(options.corpId, options.secret, base, token);
          continue;
        }
        if (rule.retry !== 'backoff') throw error;
      } else {
        error = sent.error;
        if (!spec.idempotent) throw error;
      }
      failures++;
      if (failures >= retry.maxTries) throw error;
      await sleep(backoffDelayMs(failures - 1, retry, random));
    }
  }

  async function fetchToken(): Promise<{ token: string; expiresInSec: number }> {
    const res = await call({ path: 'gettoken', method: 'GET', response: ZTokenResponse, idempotent: true, auth: false });
    return { token: res.access_token, expiresInSec: res.expires_in };
  }

  function getToken(): Promise<string> {
    return cachedToken(options.corpId, options.secret, base, options.now, fetchToken);
  }

  return { call, token: getToken, corpId: options.corpId };
}
