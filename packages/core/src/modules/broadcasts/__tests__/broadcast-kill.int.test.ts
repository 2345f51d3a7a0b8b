import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simChatLog, simMassTasks } from '@pond/channels/simulator/simulator.tables';
import { createDatabase, type Database, runMigrations } from '@pond/db';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
// exactly one message and nobody was skipped. PostgreSQL only: PGlite is single-process.
const onPostgres = process.env.POND_TEST_DB === 'postgres';
const CUSTOMERS = 400;
const STAFF = 20;
const CHUNK = 10; // 20 customers per staff member → 2 tasks each → 40 mass tasks
const WORKER = fileURLToPath(new URL('./fixtures/broadcast-worker.ts', import.meta.url));

let database: Database;
let deps: Deps;
let url: string;
let dbName: string;
let tenantId: number;
let storeId: number;
const base = process.env.POND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const children: ChildProcess[] = [];

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: url, SLOW_MS: '120', CHUNK: String(CHUNK), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
const massTaskCount = async () =>
  Number(
    rowsOf<{ n: string }>(await deps.db.execute(sql`select count(*) as n from sim_mass_tasks where tenant_id = ${tenantId}`))[0]
      ?.n ?? 0,
  );
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(onPostgres)('broadcast kill test (kill -9 mid-send, PostgreSQL)', () => {
  beforeAll(async () => {
    dbName = `pond_kill_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    url = u.toString();
    database = await createDatabase({ kind: 'postgres', url, poolSize: 4 });
    await runMigrations(database);
    deps = createDeps({ database, secret: 'kill-test-secret-kill-test-secret-0001' });
    registerChannels(deps);
    await deps.queue.start();
    // Creates the queues the API sends to (this process never polls them).
    await registerOutboxJobs(deps);
    await registerBroadcastJobs(deps);

    const [tenant] = await deps.db.insert(tenants).values({ slug: 'kill', name: 'Kill Tea' }).returning();
    if (!tenant) throw new Error('tenant');
    tenantId = tenant.id;
    const [store] = await deps.db.insert(orgUnits).values({ tenantId, kind: 'store', name: '静安店', code: 'JA' }).returning();
    if (!store) throw new Error('store');
    storeId = store.id;
    await deps.db.execute(sql`insert into staff (tenant_id, name, store_id, role, wecom_user_id)
      select ${tenantId}, '导购' || i, ${store.id}, 'guide', 'guide' || i from generate_series(1, ${STAFF}) i`);
    await deps.db.execute(sql`insert into customers (tenant_id, name, store_id, external_user_id, source)
      select ${tenantId}, '顾客' || i, ${store.id}, 'wm_' || i, 'wecom' from generate_series(1, ${CUSTOMERS}) i`);
    await deps.db.execute(sql`insert into follows (tenant_id, customer_id, staff_id, added_at)
      select ${tenantId}, c.id, s.id, now() - interval '30 days'
      from customers c join staff s on s.tenant_id = c.tenant_id and s.wecom_user_id = 'guide' || ((c.id % ${STAFF}) + 1)
      where c.tenant_id = ${tenantId}`);
  }, 120_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await deps?.queue.stop();
    await database?.close();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  }, 60_000);

  it('every recipient gets exactly one message after a SIGKILL and a restart', async () => {
    const ctx = withActor(deps, systemActor(tenantId));
    const b = await createBroadcast(ctx, {
      name: '断电测试',
      audience: { store: String(storeId) },
      content: { text: '会员日全场九折' },
      quietStart: '00:00',
      quietEnd: '00:00',
      capPerDay: 5,
      capPerWeek: 10,
    });
    await sendBroadcast(ctx, b.id, { when: 'now' });

    const first = startWorker({});
    // Kill it once some, but not all, mass tasks exist in the (simulated) WeCom.
    await waitFor('the first mass tasks', async () => (await massTaskCount()) >= 4, 90_000, 20);
    first.kill('SIGKILL');
    await exited(first);
    const createdBeforeKill = await massTaskCount();
    const tasks = await deps.db.select().from(broadcastTasks).where(eq(broadcastTasks.broadcastId, b.id));
    expect(tasks).toHaveLength((CUSTOMERS / STAFF / CHUNK) * STAFF);
    expect(createdBeforeKill).toBeGreaterThan(0);
    expect(createdBeforeKill).toBeLessThan(tasks.length);

    // Restarted after the outbox lease of the killed worker's claim ran out.
    const second = startWorker({ CLOCK_OFFSET_MS: String(OUTBOX_CLAIM_LEASE_MS + 60_000) });
    await waitFor(
      'every broadcast action sent',
      async () => {
        const [row] = rowsOf<{ open: string }>(
          await deps.db.execute(sql`select count(*) filter (where status <> 'sent') as open from outbound_actions
            where tenant_id = ${tenantId} and idempotency_key like ${`broadcast:${b.id}:%`}`),
        );
        return Number(row?.open ?? 1) === 0 && (await massTaskCount()) === tasks.length;
      },
      120_000,
      250,
    );
    second.kill('SIGKILL');
    await exited(second);

    // What the channel did: each customer is a target of exactly one mass task, nobody is missing.
    const mass = await deps.db.select().from(simMassTasks).where(eq(simMassTasks.tenantId, tenantId));
    expect(mass).toHaveLength(tasks.length);
    const targets = mass.flatMap((m) => m.targets);
    expect(targets).toHaveLength(CUSTOMERS);
    expect(new Set(targets).size).toBe(CUSTOMERS);
    const queued = await deps.db
      .select({ ext: broadcastRecipients.externalId })
      .from(broadcastRecipients)
      .where(and(eq(broadcastRecipients.broadcastId, b.id), eq(broadcastRecipients.status, 'queued')));
    expect(new Set(targets)).toEqual(new Set(queued.map((q) => q.ext)));

    // Staff confirm: each customer's chat shows the message exactly once; results say sent.
    const sim = simulatorOf(deps);
    for (const m of mass) await sim.confirmMassTask({ tenantId, msgId: m.msgId });
    const lines = rowsOf<{ conversation: string; n: string }>(
      await deps.db.execute(sql`select conversation, count(*) as n from ${simChatLog}
        where tenant_id = ${tenantId} and content = '会员日全场九折' group by conversation`),
    );
    expect(lines).toHaveLength(CUSTOMERS);
    expect(lines.every((l) => Number(l.n) === 1)).toBe(true);
    await collectBroadcastResults(deps, { tenantId, broadcastId: b.id });
    const [done] = await deps.db.select().from(broadcasts).where(eq(broadcasts.id, b.id));
    expect(done?.status).toBe('sent');
    expect(done?.counts).toEqual({ sent: CUSTOMERS });
  }, 300_000);
});
