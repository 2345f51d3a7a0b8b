import { message } from 'antd';
import { i18n } from './i18n/index.ts';

/** An error answered by the API (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, msg: string, details?: unknown) {
    super(msg);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type TQuery = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export type TRequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: TQuery;
  /** A plain value is sent as JSON; FormData is sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  /** Do not toast the error (the caller shows it itself). */
  silent?: boolean;
  /** A 401 is an expected answer here (login form, the first /api/me): do not redirect. */
  allowUnauthenticated?: boolean;
};

type TErrorNotifier = (key: string, text: string) => void;
type TUnauthorizedHandler = () => void;

// The app swaps these for context-aware versions (antd App message, router navigation) at mount.
let notifyError: TErrorNotifier = (key, text) => {
  void message.error({ key, content: text });
};
let onUnauthorized: TUnauthorizedHandler = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

export const setErrorNotifier = (fn: TErrorNotifier) => {
  notifyError = fn;
};
export const setUnauthorizedHandler = (fn: TUnauthorizedHandler) => {
  onUnauthorized = fn;
};

/** Builds `/api/x?a=1&b=2,3`, leaving out empty values. */
export const buildUrl = (path: string, query?: TQuery): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) params.set(k, v.join(','));
      continue;
    }
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

/** The text shown for an error: our own translation of the code when there is one, else the server's words. */
export const errorText = (err: unknown): string => {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    if (i18n.exists(key)) return i18n.t(key);
    // Codes whose server message names the exact problem: keep it, behind a translated lead-in.
    const prefix = `errors.prefixes.${err.code}`;
    if (err.message && i18n.exists(prefix)) {
      return i18n.t('errors.withDetail', { prefix: i18n.t(prefix), message: err.message });
    }
    return err.message || i18n.t('errors.UNKNOWN');
  }
  if (err instanceof Error && err.message) return err.message;
  return i18n.t('errors.UNKNOWN');
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const toApiError = async (res: Response): Promise<ApiError> => {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall through to a generic error.
  }
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    return new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : `HTTP_${res.status}`,
      typeof e.message === 'string' ? e.message : res.statusText,
      e.details,
    );
  }
  const code = res.status === 401 ? 'UNAUTHENTICATED' : res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`;
  return new ApiError(res.status, code, res.statusText || i18n.t('errors.UNKNOWN'));
};

const send = async (path: string, opts: TRequestOptions): Promise<Response> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    const e = new ApiError(0, 'NETWORK', i18n.t('errors.NETWORK'));
    if (!opts.silent) notifyError(e.code, errorText(e));
    throw e;
  }
  if (res.ok) return res;
  const e = await toApiError(res);
  if (res.status === 401 && !opts.allowUnauthenticated) {
    notifyError('UNAUTHENTICATED', i18n.t('errors.SESSION_EXPIRED'));
    onUnauthorized();
    throw e;
  }
  if (!opts.silent) notifyError(e.code, errorText(e));
  throw e;
};

/** Calls the API and returns its JSON answer (`undefined` for 204). */
export const api = async <T>(path: string, opts: TRequestOptions = {}): Promise<T> => {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

const filenameFrom = (res: Response, fallback: string): string => {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
};

/** Downloads a file answer (export, template) through fetch so errors show like any other. */
export const apiDownload = async (path: string, query: TQuery, fallbackName: string): Promise<void> => {
  const res = await send(path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameFrom(res, fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
