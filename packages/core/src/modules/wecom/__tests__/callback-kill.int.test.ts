import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeWecom, startFakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { createDatabase, type Database, pgliteDataDir } from '@pond/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../../deps.ts';
import { rowsOf } from '../../../lib/bulk-sql.ts';
import {
  addCustomerCallback,
  customerTotal,
  externalUserIdOf,
  freePort,
  httpCall,
  KILL_CONNECTION,
  KILL_SECRET,
  KILL_TENANT,
  loginCookie,
  prepareServerDatabase,
  seedFakeCustomers,
  startPond,
  type TPondProcess,
  type TSignedCallback,
} from './callback-kill-harness.ts';

// The callback kill test (issue 6 §6): a real `pond start` receives a stream of distinct signed
// callbacks (some twice, as WeCom retries), is killed with SIGKILL in the middle, restarted on the
// same database, and gets every callback again that had not been answered `success` (WeCom
// retries those). Then: every callback is in the inbox exactly once, processed, and made exactly
// one customer with one follow. Runs on PGlite (the server's data directory) and, with
// POND_TEST_DB=postgres, on a database of its own.
const onPostgres = process.env.POND_TEST_DB === 'postgres';
const N = 120;
// Every 8th callback is delivered a second time a little later, every 16th also twice at once.
const RETRIED = (i: number) => i % 8 === 3;
const DOUBLED = (i: number) => i % 16 === 5;
// Kill once this many callbacks were acknowledged.
const KILL_AFTER = Math.floor(N * 0.4);
const IN_FLIGHT = 6;

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Posts `queue` with IN_FLIGHT workers; calls `onAck` after each `success`. Stops taking new work
 * when `shouldStop()` (the server was killed). Returns the callbacks' outcome per delivery.
 */
async function stream(
  server: TPondProcess,
  agent: Agent,
  queue: TSignedCallback[],
  acked: Set<number>,
  onAck: () => void,
): Promise<{ posted: number; ok: number; failed: number; firstError?: string }> {
  let next = 0;
  let posted = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < queue.length) {
      const cb = queue[next++] as TSignedCallback;
      posted++;
      // WeCom waits 5 s for an answer, then retries (接收消息与事件, developer.work.weixin.qq.com/document/path/90238).
      const res = await httpCall(agent, server.baseUrl, 'POST', cb.path, cb.body, 5_000);
      if (res.status === 200 && res.text === 'success') {
        ok++;
        acked.add(cb.i);
        onAck();
      } else {
        failed++;
        firstError ??= `${res.status} ${res.error ?? res.text.slice(0, 200)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { posted, ok, failed, firstError };
}

/** The deliveries in WeCom's order: each callback, a retry of some a few places later, some twice at once. */
function deliveryOrder(callbacks: TSignedCallback[]): TSignedCallback[] {
  const out: TSignedCallback[] = [];
  for (const cb of callbacks) {
    out.push(cb);
    if (DOUBLED(cb.i)) out.push(cb);
    const earlier = callbacks[cb.i - 4];
    if (earlier && RETRIED(earlier.i)) out.push(earlier);
  }
  return out;
}

async function expectExactlyOnce(database: Database, tenantId: number, acked: Set<number>): Promise<void> {
  const db = createDeps({ database, secret: KILL_SECRET }).db;
  const inbox = rowsOf<{ ext: string; n: string | number; pending: string | number; processed: string | number }>(
    await db.execute(sql`select payload->'fields'->>'ExternalUserID' as ext, count(*) as n,
      count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'processed') as processed
      from inbox_events where tenant_id = ${tenantId} and channel = 'wecom' group by 1`),
  );
  const byExt = new Map(inbox.map((r) => [r.ext, r]));
  // Every callback that got `success` is stored exactly once; none is missing (all were re-posted).
  for (const i of acked) expect(Number(byExt.get(externalUserIdOf(i))?.n), `callback ${i}`).toBe(1);
  expect(inbox).toHaveLength(N);
  expect(inbox.every((r) => Number(r.n) === 1 && Number(r.processed) === 1 && Number(r.pending) === 0)).toBe(true);
  const [other] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from inbox_events where tenant_id = ${tenantId} and status <> 'processed'`),
  );
  expect(Number(other?.n)).toBe(0);
  // Each produced exactly one customer and one follow with the staff member: no doubles.
  const customers = rowsOf<{ ext: string; n: string | number; follows: string | number }>(
    await db.execute(sql`select c.external_user_id as ext, count(distinct c.id) as n, count(f.*) as follows
      from customers c left join follows f on f.customer_id = c.id and f.tenant_id = c.tenant_id and f.deleted_at is null
      where c.tenant_id = ${tenantId} group by c.external_user_id`),
  );
  expect(customers).toHaveLength(N);
  expect(customers.filter((c) => Number(c.n) !== 1 || Number(c.follows) !== 1)).toEqual([]);
  expect(new Set(customers.map((c) => c.ext))).toEqual(new Set(Array.from({ length: N }, (_, i) => externalUserIdOf(i))));
}

describe('WeCom callbacks survive kill -9 of the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pond-wecom-kill-'));
  const base = process.env.POND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `pond_wecom_kill_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const servers: TPondProcess[] = [];
  let fake: FakeWecom | undefined;
  let database: Database | undefined;

  afterAll(async () => {
    for (const s of servers) await s.kill9();
    await fake?.close();
    await database?.close();
    if (onPostgres) {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('every acknowledged callback is stored once and applied once; none is lost', async () => {
    fake = await startFakeWecom({ corpId: KILL_CONNECTION.corpId, secrets: { contact: KILL_CONNECTION.contactSecret } });
    seedFakeCustomers(fake, N);

    // Prepare the database (tenant, staff, connection) before the server opens it.
    const prepared = await prepareServerDatabase(onPostgres ? 'postgres' : 'pglite', { dir, baseUrl: base, dbName });
    const { target, tenantId } = prepared;
    database = prepared.database;

    const createTime = Math.floor(Date.now() / 1000);
    const callbacks = Array.from({ length: N }, (_, i) => addCustomerCallback(KILL_TENANT, i, createTime + i));
    const order = deliveryOrder(callbacks);
    const acked = new Set<number>();
    const port = await freePort();
    const logFile = join(dir, 'server.log');
    const common = { port, ...target, wecomApiBase: fake.baseUrl, logFile };

    const first = await startPond(common);
    servers.push(first);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    let killing: Promise<void> | null = null;
    const firstRun = await stream(first, agent, order, acked, () => {
      if (!killing && acked.size >= KILL_AFTER) killing = first.kill9();
    });
    await killing;
    agent.destroy();
    console.info(
      `callback kill test (${onPostgres ? 'PostgreSQL' : 'PGlite'}): killed after ${acked.size} of ${N} acknowledged; ` +
        `${firstRun.posted} of ${order.length} deliveries posted, ${firstRun.failed} unanswered`,
    );
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked.size).toBeLessThan(N);
    expect(firstRun.failed).toBeGreaterThan(0);

    // WeCom retries whatever was not answered `success`.
    const second = await startPond(common);
    servers.push(second);
    const retryAgent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const ackedBefore = new Set(acked);
    // Rounds of retries, as WeCom retries a callback that timed out; a loaded machine may need more than one.
    for (let round = 1; round <= 5 && acked.size < N; round++) {
      const missing = callbacks.filter((cb) => !acked.has(cb.i));
      const run = await stream(second, retryAgent, missing, acked, () => {});
      console.info(
        `retry round ${round}: ${missing.length} re-posted, ${run.failed} unanswered${run.firstError ? ` (${run.firstError})` : ''}`,
      );
    }
    retryAgent.destroy();
    expect(acked.size).toBe(N);

    const cookie = await loginCookie(second.baseUrl);
    await waitFor('every customer applied', async () => (await customerTotal(second.baseUrl, cookie)) === N, 180_000);
    if (onPostgres) {
      const db = createDeps({ database: database as Database, secret: KILL_SECRET }).db;
      await waitFor(
        'the inbox drained',
        async () =>
          Number(
            rowsOf<{ n: string }>(
              await db.execute(sql`select count(*) as n from inbox_events where tenant_id = ${tenantId} and status = 'pending'`),
            )[0]?.n,
          ) === 0,
        30_000,
      );
    } else {
      // A clean stop, so the directory can be opened here.
      await second.stop();
      database = await createDatabase({ kind: 'pglite', dataDir: pgliteDataDir(dir) });
    }
    await expectExactlyOnce(database as Database, tenantId, ackedBefore);
  }, 240_000);
});
