// Plans one broadcast to every customer of a tenant on PostgreSQL: the audience snapshot, serving
// staff per customer, caps against earlier broadcasts, a 10 % control group, the set-based insert
// of one recipient row each, and one mass task per staff member (≤ 10,000 targets) through the
// outbox with a guide task each. Prints the time of each phase and the total (target < 10 s at 1M).
// The data (tenant, 30 stores, 300 staff, customers with follows, a prior broadcast to 30 % of them
// so caps bite) is generated set-based once and reused while --customers stays the same.
// Usage: npm run bench -- broadcast [--customers 1000000] [--staff 300]
//        (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/pond_bench_broadcast, created if missing)
import { parseArgs } from 'node:util';
import { registerChannels } from '@pond/core/channels';
import { systemActor, withActor } from '@pond/core/context';
import { createDeps } from '@pond/core/deps';
import { registerBroadcastJobs } from '@pond/core/modules/broadcasts/broadcasts.jobs';
import { broadcasts } from '@pond/core/modules/broadcasts/broadcasts.tables';
import { createBroadcast } from '@pond/core/modules/broadcasts/create-broadcast';
import { planBroadcast } from '@pond/core/modules/broadcasts/plan-broadcast';
import { sendBroadcast } from '@pond/core/modules/broadcasts/send-broadcast';
import { registerOutboxJobs } from '@pond/core/modules/outbox/outbox.jobs';
import { createDatabase, runMigrations } from '@pond/db';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    staff: { type: 'string', default: '300' },
  },
});
const CUSTOMERS = Number(values.customers);
const STAFF = Number(values.staff);
const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pond_bench_broadcast');
const name = url.pathname.slice(1);

const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
await admin.connect();
const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
if (exists.rowCount === 0) await admin.query(`create database ${name}`);
await admin.end();

const database = await createDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
await runMigrations(database);
const deps = createDeps({ database, secret: 'bench-broadcast-secret-bench-broadcast-0001' });
registerChannels(deps);
await deps.queue.start();
await registerOutboxJobs(deps);
await registerBroadcastJobs(deps);
const db = deps.db;
const one = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows[0] as T;

const slug = `bench-${CUSTOMERS}`;
let tenant = await one<{ id: string } | undefined>(sql`select id from tenants where slug = ${slug}`);
if (!tenant) {
  const t0 = performance.now();
  tenant = await one<{ id: string }>(sql`insert into tenants (slug, name) values (${slug}, 'Bench Tea') returning id`);
  const tid = Number(tenant.id);
  await db.execute(sql`insert into org_units (tenant_id, kind, name, code)
    select ${tid}, 'store', '门店' || i, 'S' || i from generate_series(1, 30) i`);
  await db.execute(sql`insert into staff (tenant_id, name, store_id, role, wecom_user_id)
    select ${tid}, '导购' || i, (select id from org_units where tenant_id = ${tid} and code = 'S' || (1 + i % 30)), 'guide', 'g' || i
    from generate_series(1, ${STAFF}) i`);
  await db.execute(sql`insert into customers (tenant_id, name, store_id, external_user_id, source)
    select ${tid}, '顾客' || i, null, 'wm_' || i, 'wecom' from generate_series(1, ${CUSTOMERS}) i`);
  // One follow per customer (3 % of them ended: not friends), plus a second staff member for 10 %.
  await db.execute(sql`with s as (select id, row_number() over (order by id) - 1 as k from staff where tenant_id = ${tid})
    insert into follows (tenant_id, customer_id, staff_id, added_at, deleted_at, deleted_by)
    select ${tid}, c.id, s.id, now() - (c.id % 365) * interval '1 day',
      case when c.id % 33 = 0 then now() - interval '1 day' end, case when c.id % 33 = 0 then 'customer' end
    from customers c join s on s.k = c.id % ${STAFF} where c.tenant_id = ${tid}`);
  await db.execute(sql`with s as (select id, row_number() over (order by id) - 1 as k from staff where tenant_id = ${tid})
    insert into follows (tenant_id, customer_id, staff_id, added_at)
    select ${tid}, c.id, s.id, now() - interval '2 days'
    from customers c join s on s.k = (c.id * 7 + 3) % ${STAFF} where c.tenant_id = ${tid} and c.id % 10 = 0
    on conflict do nothing`);
  // An earlier broadcast: 30 % of customers got one in the last day (capped at 1/day).
  const prior = await one<{ id: string }>(sql`insert into broadcasts (tenant_id, name, target, content, status, recipients_at)
    values (${tid}, 'earlier', 'customers', '{"text":"earlier"}', 'sent', now() - interval '3 hours') returning id`);
  await db.execute(sql`insert into broadcast_recipients (tenant_id, broadcast_id, recipient_id, status, planned_at)
    select ${tid}, ${Number(prior.id)}, c.id, 'sent', now() - interval '3 hours'
    from customers c where c.tenant_id = ${tid} and (c.id / ${STAFF}) % 10 < 3`);
  await db.execute(sql`analyze`);
  console.log(
    `generated ${CUSTOMERS.toLocaleString()} customers, ${STAFF} staff in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
const tenantId = Number(tenant.id);
// The earlier broadcast stays "3 hours ago", so caps bite the same way in every run.
await db.execute(
  sql`update broadcasts set recipients_at = now() - interval '3 hours' where tenant_id = ${tenantId} and name = 'earlier'`,
);
await db.execute(sql`update broadcast_recipients set planned_at = now() - interval '3 hours'
  where tenant_id = ${tenantId} and broadcast_id in (select id from broadcasts where tenant_id = ${tenantId} and name = 'earlier')`);
// Earlier runs' broadcasts are removed so every run plans against the same history.
await db.execute(sql`delete from broadcast_recipients where tenant_id = ${tenantId}
  and broadcast_id in (select id from broadcasts where tenant_id = ${tenantId} and name = 'bench')`);
await db.execute(sql`delete from broadcast_tasks where tenant_id = ${tenantId}`);
await db.execute(sql`delete from broadcasts where tenant_id = ${tenantId} and name = 'bench'`);
await db.execute(sql`delete from outbound_actions where tenant_id = ${tenantId}`);
await db.execute(sql`delete from guide_tasks where tenant_id = ${tenantId}`);
await db.execute(sql`delete from pgboss.job where name = 'outbox.send'`);

const ctx = withActor(deps, systemActor(tenantId));
const b = await createBroadcast(ctx, {
  name: 'bench',
  // Everyone: NOT of a tag nobody has.
  audience: { not: { tag: '999999999' } },
  content: { text: '会员日全场九折' },
  holdoutPercent: 10,
  capPerDay: 1,
  capPerWeek: 3,
  quietStart: '00:00',
  quietEnd: '00:00',
});
// Sending counts the audience, which builds the audience engine's in-memory index (once per
// process): timed apart, as a running server holds that index already.
const tSend = performance.now();
await sendBroadcast(ctx, b.id, { when: 'now' });
const sendMs = Math.round(performance.now() - tSend);
const result = await planBroadcast(deps, { tenantId, broadcastId: b.id });
const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, b.id));
const p = result.phases;
console.log(`\nbroadcast planning, PostgreSQL, ${CUSTOMERS.toLocaleString()} customers, ${STAFF} staff`);
console.log(`(send, incl. the audience index build of a cold process: ${sendMs} ms)`);
console.log('phase      ms');
for (const k of ['audience', 'staff', 'caps', 'holdout', 'insert', 'tasks', 'total'] as const)
  console.log(`${k.padEnd(9)} ${String(p[k]).padStart(6)}`);
console.log(
  `\nrecipients ${result.recipients.toLocaleString()}, mass tasks ${result.tasks}, by status ${JSON.stringify(row?.counts)}`,
);
await deps.queue.stop();
await database.close();
