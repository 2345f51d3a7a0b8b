import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simChatLog, simMassTasks } from '@pond/channels/simulator/simulator.tables';
import { createDatabase, type Database, pgliteDataDir, runMigrations } from '@pond/db';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { type Deps, systemActor, withActor } from '../../../context.ts';
import { createDeps } from '../../../deps.ts';
import { rowsOf } from '../../../lib/bulk-sql.ts';
import { orgUnits, tenants } from '../../org/org.tables.ts';
import { registerOutboxJobs } from '../../outbox/outbox.jobs.ts';
import { OUTBOX_CLAIM_LEASE_MS } from '../../outbox/send-action.ts';
import { registerBroadcastJobs } from '../broadcasts.jobs.ts';
import { broadcastRecipients, broadcasts, broadcastTasks } from '../broadcasts.tables.ts';
import { collectBroadcastResults } from '../collect-broadcast-results.ts';
import { createBroadcast } from '../create-broadcast.ts';
import { sendBroadcast } from '../send-broadcast.ts';

// The kill test (issue 5 §5): a real worker process is killed with SIGKILL in the middle of
// sending a broadcast, restarted, and the simulator's own tables must show every recipient got
// exactly one message and nobody was skipped. On PostgreSQL the test watches the database while
// the worker runs; on PGlite (one process per data directory) it closes the directory, lets the
// worker open it, and follows the worker's output instead.
const onPostgres = process.env.POND_TEST_DB === 'postgres';
const CUSTOMERS = 400;
const STAFF = 20;
const CHUNK = 10; // 20 customers per staff member → 2 tasks each → 40 mass tasks
const TASKS = (CUSTOMERS / STAFF / CHUNK) * STAFF;
const TEXT = '会员日全场九折';
const SECRET = 'kill-test-secret-kill-test-secret-0001';
const WORKER = fileURLToPath(new URL('./fixtures/broadcast-worker.ts', import.meta.url));
const children: ChildProcess[] = [];

function startWorker(env: Record<string, string>): ChildProcess & { seen: (line: string) => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, SLOW_MS: '120', CHUNK: String(CHUNK), POND_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  children.push(child);
  return Object.assign(child, { seen: (line: string) => out.split('\n').filter((l) => l === line).length });
}
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function boot(database: Database): Promise<Deps> {
  const deps = createDeps({ database, secret: SECRET });
  registerChannels(deps);
  await deps.queue.start();
  // Creates the queues the API sends to (this process never polls them).
  await registerOutboxJobs(deps);
  await registerBroadcastJobs(deps);
  return deps;
}

/** A tenant with 20 guides and 400 customers (20 each), and a broadcast to all of them, sent now. */
async function seedAndSend(deps: Deps): Promise<{ tenantId: number; broadcastId: number }> {
  const [tenant] = await deps.db.insert(tenants).values({ slug: 'kill', name: 'Kill Tea' }).returning();
  if (!tenant) throw new Error('tenant');
  const tenantId = tenant.id;
  const [store] = await deps.db.insert(orgUnits).values({ tenantId, kind: 'store', name: '静安店', code: 'JA' }).returning();
  if (!store) throw new Error('store');
  await deps.db.execute(sql`insert into staff (tenant_id, name, store_id, role, wecom_user_id)
    select ${tenantId}, '导购' || i, ${store.id}, 'guide', 'guide' || i from generate_series(1, ${STAFF}) i`);
  await deps.db.execute(sql`insert into customers (tenant_id, name, store_id, external_user_id, source)
    select ${tenantId}, '顾客' || i, ${store.id}, 'wm_' || i, 'wecom' from generate_series(1, ${CUSTOMERS}) i`);
  await deps.db.execute(sql`insert into follows (tenant_id, customer_id, staff_id, added_at)
    select ${tenantId}, c.id, s.id, now() - interval '30 days'
    from customers c join staff s on s.tenant_id = c.tenant_id and s.wecom_user_id = 'guide' || ((c.id % ${STAFF}) + 1)
    where c.tenant_id = ${tenantId}`);
  const ctx = withActor(deps, systemActor(tenantId));
  const b = await createBroadcast(ctx, {
    name: '断电测试',
    audience: { store: String(store.id) },
    content: { text: TEXT },
    // Whenever the test runs: no quiet hours, caps that do not bite.
    quietStart: '00:00',
    quietEnd: '00:00',
    capPerDay: 5,
    capPerWeek: 10,
  });
  await sendBroadcast(ctx, b.id, { when: 'now' });
  return { tenantId, broadcastId: b.id };
}

/** From the simulator's own tables: every customer got exactly one message, nobody was skipped. */
async function expectExactlyOnce(deps: Deps, tenantId: number, broadcastId: number): Promise<void> {
  const tasks = await deps.db.select().from(broadcastTasks).where(eq(broadcastTasks.broadcastId, broadcastId));
  expect(tasks).toHaveLength(TASKS);
  const mass = await deps.db.select().from(simMassTasks).where(eq(simMassTasks.tenantId, tenantId));
  expect(mass).toHaveLength(TASKS);
  const targets = mass.flatMap((m) => m.targets);
  expect(targets).toHaveLength(CUSTOMERS);
  expect(new Set(targets).size).toBe(CUSTOMERS);
  const queued = await deps.db
    .select({ ext: broadcastRecipients.externalId })
    .from(broadcastRecipients)
    .where(and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.status, 'queued')));
  expect(new Set(targets)).toEqual(new Set(queued.map((q) => q.ext)));

  // Staff confirm: each customer's chat shows the message exactly once; results say sent.
  const sim = simulatorOf(deps);
  for (const m of mass) await sim.confirmMassTask({ tenantId, msgId: m.msgId });
  const lines = rowsOf<{ conversation: string; n: string | number }>(
    await deps.db.execute(sql`select conversation, count(*) as n from ${simChatLog}
      where tenant_id = ${tenantId} and content = ${TEXT} group by conversation`),
  );
  expect(lines).toHaveLength(CUSTOMERS);
  expect(lines.every((l) => Number(l.n) === 1)).toBe(true);
  await collectBroadcastResults(deps, { tenantId, broadcastId });
  const [done] = await deps.db.select().from(broadcasts).where(eq(broadcasts.id, broadcastId));
  expect(done?.status).toBe('sent');
  expect(done?.counts).toEqual({ sent: CUSTOMERS });
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
});

describe.runIf(onPostgres)('broadcast kill test (kill -9 mid-send, PostgreSQL)', () => {
  const base = process.env.POND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `pond_kill_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let database: Database | undefined;
  let deps: Deps | undefined;

  afterAll(async () => {
    await deps?.queue.stop();
    await database?.close();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  }, 60_000);

  it('every recipient gets exactly one message after a SIGKILL and a restart', async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    database = await createDatabase({ kind: 'postgres', url: u.toString(), poolSize: 4 });
    await runMigrations(database);
    const d = await boot(database);
    deps = d;
    const { tenantId, broadcastId } = await seedAndSend(d);
    const massTaskCount = async () =>
      Number(
        rowsOf<{ n: string }>(await d.db.execute(sql`select count(*) as n from sim_mass_tasks where tenant_id = ${tenantId}`))[0]
          ?.n ?? 0,
      );

    const first = startWorker({ DATABASE_URL: u.toString() });
    // Kill it once some, but not all, mass tasks exist in the (simulated) WeCom.
    await waitFor('the first mass tasks', async () => (await massTaskCount()) >= 4, 90_000, 20);
    first.kill('SIGKILL');
    await exited(first);
    const before = await massTaskCount();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(TASKS);
    console.info(`kill test (PostgreSQL): killed with ${before} of ${TASKS} mass tasks created`);

    // Restarted after the outbox lease of the killed worker's claim ran out.
    const second = startWorker({
      DATABASE_URL: u.toString(),
      CLOCK_OFFSET_MS: String(OUTBOX_CLAIM_LEASE_MS + 60_000),
      DONE_FOR: String(broadcastId),
    });
    await waitFor('every broadcast action sent', () => second.seen('done') > 0, 120_000);
    second.kill('SIGKILL');
    await exited(second);
    await expectExactlyOnce(d, tenantId, broadcastId);
  }, 300_000);
});

describe.runIf(!onPostgres)('broadcast kill test (kill -9 mid-send, PGlite data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pond-kill-'));
  const dataDir = pgliteDataDir(dir);
  let database: Database | undefined;

  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('every recipient gets exactly one message after a SIGKILL and a restart', async () => {
    // Set up, then close the directory: only one process may hold it.
    let db = await createDatabase({ kind: 'pglite', dataDir });
    await runMigrations(db);
    let deps = await boot(db);
    const { tenantId, broadcastId } = await seedAndSend(deps);
    await deps.queue.stop();
    await db.close();

    const first = startWorker({ DATABASE_URL: '', PGLITE_DIR: dataDir });
    await waitFor('the first mass tasks', () => first.seen('mass-task') >= 4, 120_000, 10);
    first.kill('SIGKILL');
    await exited(first);
    expect(first.seen('mass-task')).toBeLessThan(TASKS);
    console.info(`kill test (PGlite): killed after ${first.seen('mass-task')} of ${TASKS} mass tasks were reported created`);

    const second = startWorker({
      DATABASE_URL: '',
      PGLITE_DIR: dataDir,
      CLOCK_OFFSET_MS: String(OUTBOX_CLAIM_LEASE_MS + 60_000),
      DONE_FOR: String(broadcastId),
    });
    await waitFor('every broadcast action sent', () => second.seen('done') > 0, 180_000);
    // A clean stop, so the directory can be opened here again.
    second.kill('SIGTERM');
    await exited(second);

    db = await createDatabase({ kind: 'pglite', dataDir });
    database = db;
    deps = createDeps({ database: db, secret: SECRET });
    registerChannels(deps);
    await expectExactlyOnce(deps, tenantId, broadcastId);
  }, 300_000);
});
