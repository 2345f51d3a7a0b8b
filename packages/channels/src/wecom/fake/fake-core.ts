import type { FakeWecomState } from './fake-state.ts';

/**
 * What every handler of the fake server sees, and the error it throws. Errcodes are WeCom's, from
 * 全局错误码 https://developer.work.weixin.qq.com/document/path/90313 unless a handler cites another
 * document.
 */

/** A WeCom error answer: `{ errcode, errmsg }` with HTTP 200, like WeCom. */
export class FakeApiError extends Error {
  readonly errcode: number;
  constructor(errcode: number, errmsg: string) {
    super(errmsg);
    this.name = 'FakeApiError';
    this.errcode = errcode;
  }
}

/** The clock of the fake: real time plus an offset tests can move (`control.advance(ms)`). */
export type FakeClock = { now(): number; advance(ms: number): void; set(ms: number): void };

export function createFakeClock(): FakeClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (ms) => {
      offset = ms - Date.now();
    },
  };
}

/** Behaviour knobs tests can change at run time. */
export type FakeConfig = {
  // access_token lifetime in seconds (gettoken expires_in), 7200 like WeCom.
  tokenTtlSec: number;
  // Calls per minute per corp before 45009; null = unlimited.
  rateLimitPerMinute: number | null;
  // Mass messages a customer may receive per calendar month before status 3; null = days of the month.
  monthlyMassLimit: number | null;
  // Robot webhook messages per minute per key (群机器人配置说明: 20 条/分钟).
  robotPerMinute: number;
};

export type FakeRequest = {
  method: string;
  // The path after /cgi-bin/, e.g. `externalcontact/list`.
  path: string;
  query: URLSearchParams;
  // The parsed JSON body (POST), or {} for GET.
  body: Record<string, unknown>;
  state: FakeWecomState;
  config: FakeConfig;
  // Milliseconds since the epoch, from the fake clock.
  now: number;
};

export type FakeHandler = (req: FakeRequest) => Record<string, unknown> | Promise<Record<string, unknown>>;

export type FakeRoute = {
  method: 'GET' | 'POST';
  // 'token': needs a valid access_token; 'none': gettoken itself; 'key': robot webhook key.
  auth: 'token' | 'none' | 'key';
  handler: FakeHandler;
};

export type FakeRoutes = Record<string, FakeRoute>;

// ---------- parameter helpers (throw the documented "invalid parameter" errors) ----------

/** Unix seconds of the request. */
export function nowSec(req: FakeRequest): number {
  return Math.floor(req.now / 1000);
}

// A field of the JSON body, else of the query string (GET APIs take their parameters there).
function raw(req: FakeRequest, field: string): unknown {
  return req.body[field] ?? req.query.get(field) ?? undefined;
}

/** A required non-empty string field of the body (or query for GET), else 40058 (不合法的参数). */
export function reqStr(req: FakeRequest, field: string, missingCode = 40058): string {
  const value = raw(req, field);
  if (typeof value !== 'string' || value.length === 0)
    throw new FakeApiError(missingCode, `invalid parameter: ${field} is required and must be a non-empty string`);
  return value;
}

export function optStr(req: FakeRequest, field: string): string | undefined {
  const value = raw(req, field);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FakeApiError(40058, `invalid parameter: ${field} must be a string`);
  return value;
}

export function optNum(req: FakeRequest, field: string): number | undefined {
  const given = raw(req, field);
  if (given === undefined || given === null) return undefined;
  const value = typeof given === 'string' ? Number(given) : given;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new FakeApiError(40058, `invalid parameter: ${field} must be a number`);
  return value;
}

export function optBool(req: FakeRequest, field: string): boolean | undefined {
  const value = req.body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new FakeApiError(40058, `invalid parameter: ${field} must be a boolean`);
  return value;
}

/** What the required `field` names in `entries` (a way, a task, a job…), else 40058 "… does not exist". */
export function reqEntry<T>(req: FakeRequest, field: string, entries: ReadonlyMap<string, T>): T {
  const id = reqStr(req, field);
  const entry = entries.get(id);
  if (!entry) throw new FakeApiError(40058, `invalid parameter: ${field} ${id} does not exist`);
  return entry;
}

export function strList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new FakeApiError(40058, `invalid parameter: ${field} must be a list of strings`);
  return value as string[];
}

/**
 * Cursor paging over a sorted list: the cursor is the index to start at, base64url-encoded so
 * callers treat it as opaque. Returns the page and the next cursor ('' when done), like WeCom.
 */
export function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next_cursor: string } {
  let start = 0;
  if (cursor) {
    const decoded = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) throw new FakeApiError(40058, 'invalid parameter: cursor is not valid');
    start = decoded;
  }
  const slice = items.slice(start, start + limit);
  const end = start + slice.length;
  return { items: slice, next_cursor: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : '' };
}
