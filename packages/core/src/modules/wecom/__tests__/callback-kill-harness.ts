// Shared by the callback kill test and `npm run bench -- wecom-callbacks`: a real `pond start`
// process, one tenant connected to WeCom, and signed encrypted add_external_contact callbacks.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { wecomEncryptMessage } from '@pond/channels/wecom/crypto';
import type { FakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { createDatabase, type Database, pgliteDataDir, runMigrations } from '@pond/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { systemActor, withActor } from '../../../context.ts';
import { createDeps } from '../../../deps.ts';
import { rowsOf } from '../../../lib/bulk-sql.ts';
import { hashPassword } from '../../access/passwords.ts';
import { saveWecomConnection } from '../save-wecom-connection.ts';

const ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));

/** The tenant's WeCom connection: values in the shapes WeCom's admin hands out. */
export const KILL_CONNECTION = {
  corpId: 'wwbe9c4e6d2f0a1b37',
  contactSecret: 'KillTestContactSecret_0123456789abcdefghijk',
  // WeCom's sample Token/EncodingAESKey ("加解密方案说明").
  callbackToken: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};
export const KILL_TENANT = 'wecomkill';
export const KILL_STAFF = 'zhangsan';
export const KILL_ADMIN = { username: 'admin', password: 'kill-test-password-01' };
/** POND_SECRET of the spawned server (seals the connection, so it must match the one used to save it). */
export const KILL_SECRET = 'wecom-kill-test-secret-wecom-kill-test-0001';

/** A free TCP port on 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * A migrated database with the WeCom tenant prepared, for a `pond start` to open: on PostgreSQL a
 * fresh database `dbName` on the server at `baseUrl` (left open here, for checks while the server
 * runs); on PGlite the data directory `dir` (closed: only one process may hold it).
 */
export async function prepareServerDatabase(
  kind: 'pglite' | 'postgres',
  where: { dir: string; baseUrl: string; dbName: string },
): Promise<{ target: { dataDir?: string; databaseUrl?: string }; database: Database | undefined; tenantId: number }> {
  let target: { dataDir?: string; databaseUrl?: string };
  let database: Database;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: where.baseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${where.dbName} with (force)`);
    await admin.query(`create database ${where.dbName}`);
    await admin.end();
    const u = new URL(where.baseUrl);
    u.pathname = `/${where.dbName}`;
    target = { databaseUrl: u.toString() };
    database = await createDatabase({ kind: 'postgres', url: u.toString(), poolSize: 2 });
  } else {
    target = { dataDir: where.dir };
    database = await createDatabase({ kind: 'pglite', dataDir: pgliteDataDir(where.dir) });
  }
  await runMigrations(database);
  const { tenantId } = await prepareWecomTenant(database);
  if (kind === 'postgres') return { target, database, tenantId };
  await database.close();
  return { target, database: undefined, tenantId };
}

/**
 * Creates the tenant (channel 'wecom'), a store, the staff member customers add, an admin account
 * and the WeCom connection, on a migrated database that no server holds yet.
 */
export async function prepareWecomTenant(database: Database): Promise<{ tenantId: number }> {
  const deps = createDeps({ database, secret: KILL_SECRET });
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await deps.db.execute(q))[0] as T;
  const t = await one<{ id: string }>(
    sql`insert into tenants (slug, name, channel) values (${KILL_TENANT}, 'Kill Tea', 'wecom') returning id`,
  );
  const tenantId = Number(t.id);
  const store = await one<{ id: string }>(
    sql`insert into org_units (tenant_id, kind, name, code) values (${tenantId}, 'store', '静安店', 'JA') returning id`,
  );
  await deps.db.execute(sql`insert into staff (tenant_id, name, store_id, role, wecom_user_id)
    values (${tenantId}, '张三', ${Number(store.id)}, 'guide', ${KILL_STAFF})`);
  await deps.db.execute(sql`insert into accounts (tenant_id, username, display_name, password_hash, role)
    values (${tenantId}, ${KILL_ADMIN.username}, 'Admin', ${await hashPassword(KILL_ADMIN.password)}, 'admin')`);
  await saveWecomConnection(withActor(deps, systemActor(tenantId)), KILL_CONNECTION);
  return { tenantId };
}

/** The customer behind callback `i` (WeCom-shaped external_userid: `wm` + 30 characters). */
export const externalUserIdOf = (i: number) => `wmkill${String(i).padStart(24, '0')}`;

/**
 * Puts the staff member and customers 0..n-1 (each a friend of the staff member) into the fake
 * WeCom, so the decoder's externalcontact/get finds them as it would in a real corp.
 */
export function seedFakeCustomers(fake: FakeWecom, n: number): void {
  fake.control.addStaff({ userid: KILL_STAFF, name: '张三' });
  for (let i = 0; i < n; i++)
    fake.control.addCustomer({
      external_userid: externalUserIdOf(i),
      name: `顾客${i}`,
      gender: 1 + (i % 2),
      follows: [{ userid: KILL_STAFF, state: `kill${i % 10}` }],
    });
}

export type TSignedCallback = { i: number; externalUserId: string; path: string; body: string };

/**
 * A signed, encrypted `change_external_contact/add_external_contact` callback as WeCom posts it
 * (企业微信开发者中心 "添加企业客户事件": UserID, ExternalUserID, State, WelcomeCode).
 */
export function addCustomerCallback(tenantSlug: string, i: number, createTime: number): TSignedCallback {
  const externalUserId = externalUserIdOf(i);
  const message = `<xml><ToUserName><![CDATA[${KILL_CONNECTION.corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[${KILL_STAFF}]]></UserID><ExternalUserID><![CDATA[${externalUserId}]]></ExternalUserID><State><![CDATA[kill${i % 10}]]></State><WelcomeCode><![CDATA[WELCOMECODE${i}]]></WelcomeCode></xml>`;
  const timestamp = String(createTime);
  const nonce = `n${i}x${createTime}`;
  const signed = wecomEncryptMessage({
    token: KILL_CONNECTION.callbackToken,
    encodingAesKey: KILL_CONNECTION.encodingAesKey,
    receiveId: KILL_CONNECTION.corpId,
    message,
    timestamp,
    nonce,
  });
  const q = new URLSearchParams({ msg_signature: signed.msgSignature, timestamp, nonce });
  return { i, externalUserId, path: `/api/channels/wecom/${tenantSlug}/callback?${q}`, body: signed.body };
}

export type TPostResult = { status: number; text: string; ms: number; error?: string };

/** One POST/GET over a keep-alive agent; never throws (a refused connection is `status: 0`). */
export function httpCall(
  agent: Agent,
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  timeoutMs = 10_000,
): Promise<TPostResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(`${baseUrl}${path}`, {
      method,
      agent,
      headers: body === undefined ? {} : { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
      timeout: timeoutMs,
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - t0 }));
      res.on('error', (e) => resolve({ status: 0, text, ms: performance.now() - t0, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, text: '', ms: performance.now() - t0, error: e.message }));
    req.end(body);
  });
}

export type TPondProcess = {
  child: ChildProcess;
  baseUrl: string;
  /** SIGTERM (PGlite flushes and closes), then SIGKILL if it hangs. */
  stop: () => Promise<void>;
  /** kill -9. */
  kill9: () => Promise<void>;
};

const exited = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/**
 * `node apps/server/bin/pond.mjs start` on `port`, on the embedded database in `dataDir` or on
 * `databaseUrl`, with WeCom's API at `wecomApiBase` (the fake server); resolves once /api/health
 * answers. Output goes to `logFile` (appended) when given.
 */
export async function startPond(options: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  wecomApiBase: string;
  logFile?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<TPondProcess> {
  // POND_BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (for profiling the bench).
  const profile = process.env.POND_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.POND_BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, 'apps/server/bin/pond.mjs', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      POND_DATA_DIR: options.dataDir ?? '',
      DATABASE_URL: options.databaseUrl ?? '',
      POND_SECRET: KILL_SECRET,
      POND_WECOM_API_BASE: options.wecomApiBase,
      POND_SIM_LIVE: '0',
      POND_LOG_LEVEL: 'warn',
      POND_WORKER_POLL_SECONDS: '0.5',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await exited(child, 20_000))) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
  };
  const kill9 = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited(child, 5_000);
  };
  const until = Date.now() + (options.timeoutMs ?? 120_000);
  const agent = new Agent({ keepAlive: false });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pond start exited with ${child.exitCode} before it was healthy`);
    if (Date.now() > until) {
      await kill9();
      throw new Error('pond start was not healthy in time');
    }
    const res = await httpCall(agent, baseUrl, 'GET', '/api/health', undefined, 2_000);
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  agent.destroy();
  return { child, baseUrl, stop, kill9 };
}

/** Logs in as the tenant's admin and returns the session cookie. */
export async function loginCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: KILL_TENANT, ...KILL_ADMIN }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('login set no cookie');
  return cookie;
}

/** How many customers the tenant has, through the API (works while the server holds PGlite). */
export async function customerTotal(baseUrl: string, cookie: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/customers?page=1&pageSize=1`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET /api/customers: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { total: number }).total;
}

/** Inbox rows of the tenant's WeCom channel by status, and the dedupe keys stored more than once. */
export async function inboxSummary(
  database: Database,
  tenantId: number,
): Promise<{ byStatus: Record<string, number>; rows: number; distinctKeys: number }> {
  const deps = createDeps({ database, secret: KILL_SECRET });
  const rows = rowsOf<{ status: string; n: string | number; k: string | number }>(
    await deps.db.execute(sql`select status, count(*) as n, count(distinct dedupe_key) as k from inbox_events
      where tenant_id = ${tenantId} and channel = 'wecom' group by status`),
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  const [all] = rowsOf<{ n: string | number; k: string | number }>(
    await deps.db.execute(sql`select count(*) as n, count(distinct dedupe_key) as k from inbox_events
      where tenant_id = ${tenantId} and channel = 'wecom'`),
  );
  return { byStatus, rows: Number(all?.n ?? 0), distinctKeys: Number(all?.k ?? 0) };
}
