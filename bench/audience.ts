// Audience counts at a million customers (issue 5 §4): Pond's engine (a per-tenant bitset index
// kept exact by the audience_changes log) next to the two shapes other SCRMs count with, in the
// same process on the same PostgreSQL:
//   (a) join table — `customer_tags` (Pond's own table, with its indexes) joined to a customer
//       table, counted with GROUP BY/HAVING, or NOT EXISTS where a condition must see customers
//       without tags;
//   (b) a comma-separated tag column (`,12,40,`) matched with LIKE.
// Both shapes read a side table `bench_scrm_customers` (customer id, store, first-add time, deleted,
// tags as text) that stands for the customer table such systems keep; it is built from Pond's own
// rows, so all three must give the same counts (the bench prints them and exits 1 if not).
//
// Data (generated set-based in SQL inside the bench's own database, not with `pond seed`, which
// builds a simulated brand customer by customer and has no tag-popularity skew): one tenant, 50
// stores, 500 staff, 2,000 customer groups, 10 tag groups × 20 tags with skewed popularity (a
// draw picks tag ⌊200·u^2.5⌋, so the top tag is on ~30 % of customers and the last on ~0.6 %),
// 0–6 draws per customer (~14 % untagged), 1,000,000 customers (2 % soft-deleted), one follow each
// (+10 % a second, 3 % ended), 30 % in a group, 30 % with an order. Triggers are off while seeding
// (`session_replication_role = replica`), and one rebuild marker is written instead.
//
// Usage: npm run bench -- audience [--customers 1000000] [--runs 30] [--sql-runs 5] [--reseed]
//   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pond_bench_audience; created if missing)
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type Ctx, systemActor, withActor } from '@pond/core/context';
import { createDeps } from '@pond/core/deps';
import { countAudienceMembers } from '@pond/core/modules/audiences/audience-engine';
import type { TAudienceExpression } from '@pond/core/modules/audiences/audience-expression';
import { lastAudienceBuild, refreshAudienceIndex } from '@pond/core/modules/audiences/load-audience-index';
import { popcount } from '@pond/core/modules/audiences/slot-set';
import { createDatabase, runMigrations } from '@pond/db';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    'sql-runs': { type: 'string', default: '5' },
    reseed: { type: 'boolean', default: false },
  },
});
const CUSTOMERS = Number(values.customers);
const RUNS = Math.max(20, Number(values.runs));
const SQL_RUNS = Math.max(1, Number(values['sql-runs']));
const URL_ = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pond_bench_audience';
const SLUG = `bench-audience-${CUSTOMERS}`;

async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database "${name.replace(/"/g, '')}"`);
  await admin.end();
}

const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
};
const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] as number;
};
const f = (x: number, d = 2) => x.toFixed(d);

async function seed(client: pg.Client): Promise<number> {
  const log = (m: string, t0: number) => console.log(`  ${m} (${f(ms(t0) / 1000, 1)} s)`);
  const q = async (text: string, params: unknown[] = []) => client.query(text, params);
  const old = await q('select id from tenants where slug = $1', [SLUG]);
  if (old.rows[0]) {
    const t = old.rows[0].id;
    for (const table of [
      'customer_tags',
      'follows',
      'group_members',
      'orders',
      'customers',
      'group_chats',
      'tags',
      'tag_groups',
      'staff',
      'audience_changes',
    ]) {
      await q(`delete from ${table} where tenant_id = $1`, [t]);
    }
    await q('delete from org_units where tenant_id = $1', [t]);
    await q('delete from tenants where id = $1', [t]);
  }
  await q('set session_replication_role = replica');
  await q('select setseed(0.42)');
  let t0 = performance.now();
  const t = Number((await q(`insert into tenants (slug, name) values ($1, 'Audience bench') returning id`, [SLUG])).rows[0].id);
  const stores = (
    await q(
      `insert into org_units (tenant_id, kind, name, code) select $1, 'store', 'Store ' || i, 'B' || i from generate_series(1, 50) i returning id`,
      [t],
    )
  ).rows.map((r) => Number(r.id));
  const staff = (
    await q(
      `insert into staff (tenant_id, name, store_id, role, wecom_user_id)
       select $1, 'Staff ' || i, ($2::bigint[])[1 + (i - 1) / 10], 'guide', 'bs' || i from generate_series(1, 500) i returning id`,
      [t, stores],
    )
  ).rows.map((r) => Number(r.id));
  const tagGroups = (
    await q(
      `insert into tag_groups (tenant_id, name) select $1, 'Group ' || g from generate_series(0, 9) g order by g returning id`,
      [t],
    )
  ).rows.map((r) => Number(r.id));
  // Tag i (0 most popular) is in group i % 10.
  const tags = (
    await q(
      `insert into tags (tenant_id, group_id, name, source) select $1, ($2::bigint[])[1 + i % 10], 'Tag ' || i, 'import'
       from generate_series(0, 199) i order by i returning id`,
      [t, tagGroups],
    )
  ).rows.map((r) => Number(r.id));
  const groups = (
    await q(
      `insert into group_chats (tenant_id, external_chat_id, name, owner_staff_id) select $1, 'bg' || i, 'Group chat ' || i, ($2::bigint[])[1 + i % 500]
       from generate_series(0, 1999) i order by i returning id`,
      [t, staff],
    )
  ).rows.map((r) => Number(r.id));
  log('org, tags, groups', t0);
  t0 = performance.now();
  await q(
    `insert into customers (tenant_id, name, store_id, source, deleted_at)
     select $1, 'C' || i, ($2::bigint[])[1 + floor(random() * 50)::int], 'import', case when random() < 0.02 then now() end
     from generate_series(1, $3) i`,
    [t, stores, CUSTOMERS],
  );
  log(`${CUSTOMERS} customers`, t0);
  t0 = performance.now();
  await q(
    `insert into follows (tenant_id, customer_id, staff_id, added_at, deleted_at)
     select $1, c.id, ($2::bigint[])[1 + floor(random() * 500)::int], a, case when random() < 0.03 then a + interval '30 days' end
     from (select id, timestamptz '2025-01-01 00:00+08' + random() * interval '540 days' as a from customers where tenant_id = $1) c`,
    [t, staff],
  );
  await q(
    `insert into follows (tenant_id, customer_id, staff_id, added_at)
     select $1, id, ($2::bigint[])[1 + floor(random() * 500)::int], timestamptz '2025-06-01 00:00+08' + random() * interval '300 days'
     from customers where tenant_id = $1 and random() < 0.1
     on conflict do nothing`,
    [t, staff],
  );
  log('follows', t0);
  t0 = performance.now();
  await q(
    `insert into customer_tags (tenant_id, customer_id, tag_id, source)
     select $1, c.id, ($2::bigint[])[1 + floor(200 * power(random(), 2.5))::int], 'import'
     from customers c cross join lateral generate_series(1, (floor(random() * 7) + 0 * c.id)::int) k
     where c.tenant_id = $1
     on conflict do nothing`,
    [t, tags],
  );
  log('customer tags', t0);
  t0 = performance.now();
  await q(
    `insert into group_members (tenant_id, group_id, member_type, customer_id, external_member_id, joined_at, left_at)
     select $1, ($2::bigint[])[1 + floor(random() * 2000)::int], 'customer', id, 'wm' || id, now(), case when random() < 0.1 then now() end
     from customers where tenant_id = $1 and random() < 0.3`,
    [t, groups],
  );
  await q(
    `insert into orders (tenant_id, external_id, customer_id, amount_cents, status, paid_at)
     select $1, 'bo' || id, id, (1000 + random() * 20000)::int, case when random() < 0.05 then 'refunded' else 'paid' end,
       timestamptz '2025-01-01 00:00+08' + random() * interval '540 days'
     from customers where tenant_id = $1 and random() < 0.3`,
    [t],
  );
  log('group members, orders', t0);
  t0 = performance.now();
  // The other SCRMs' customer table: one row per customer with its tags as ",12,40," text.
  await q('drop table if exists bench_scrm_customers');
  await q(
    `create table bench_scrm_customers as
     select c.id as customer_id, c.store_id, c.deleted_at is not null as deleted,
       (select min(f.added_at) from follows f where f.tenant_id = c.tenant_id and f.customer_id = c.id) as added_at,
       ',' || coalesce((select string_agg(ct.tag_id::text, ',') from customer_tags ct where ct.tenant_id = c.tenant_id and ct.customer_id = c.id), '') || ',' as tags
     from customers c where c.tenant_id = $1`,
    [t],
  );
  await q('alter table bench_scrm_customers add primary key (customer_id)');
  await q('create index on bench_scrm_customers (store_id)');
  await q('create index on bench_scrm_customers (added_at)');
  log('side table for the SCRM shapes', t0);
  t0 = performance.now();
  await q('set session_replication_role = origin');
  // Seeding bypassed the triggers: one marker makes every running index rebuild.
  await q(`insert into audience_changes (tenant_id, what) values ($1, 'all')`, [t]);
  await q('analyze');
  log('analyze', t0);
  return t;
}

type TCase = { name: string; expr: TAudienceExpression; join: string; like: string };

function cases(t: number, tags: number[], tagGroups: number[], stores: number[]): TCase[] {
  const tg = (i: number) => tags[i] as number;
  const like = (i: number) => `tags like '%,${tg(i)},%'`;
  const g = 4; // tag group 4: tags 4, 14, 24, …
  const groupTags = tags.filter((_, i) => i % 10 === g);
  const store = stores[7] as number;
  const from = '2025-06-01T00:00:00+08:00';
  const to = '2025-12-31T23:59:59+08:00';
  const live = 'not c.deleted';
  return [
    {
      name: '2-tag AND',
      expr: { all: [{ tag: String(tg(3)) }, { tag: String(tg(8)) }] },
      join: `select count(*) from (select ct.customer_id from customer_tags ct join bench_scrm_customers c on c.customer_id = ct.customer_id
        where ct.tenant_id = ${t} and ct.tag_id in (${tg(3)}, ${tg(8)}) and ${live} group by ct.customer_id having count(*) = 2) x`,
      like: `select count(*) from bench_scrm_customers c where ${live} and ${like(3)} and ${like(8)}`,
    },
    {
      name: '3-tag (A OR B) AND NOT C',
      expr: { all: [{ any: [{ tag: String(tg(1)) }, { tag: String(tg(12)) }] }, { not: { tag: String(tg(5)) } }] },
      join: `select count(*) from (select ct.customer_id from customer_tags ct join bench_scrm_customers c on c.customer_id = ct.customer_id
        where ct.tenant_id = ${t} and ct.tag_id in (${tg(1)}, ${tg(12)}, ${tg(5)}) and ${live} group by ct.customer_id
        having bool_or(ct.tag_id in (${tg(1)}, ${tg(12)})) and not bool_or(ct.tag_id = ${tg(5)})) x`,
      like: `select count(*) from bench_scrm_customers c where ${live} and (${like(1)} or ${like(12)}) and not ${like(5)}`,
    },
    {
      name: 'untagged in a tag group',
      expr: { untaggedIn: String(tagGroups[g]) },
      join: `select count(*) from bench_scrm_customers c where ${live} and not exists (select 1 from customer_tags ct
        join tags tt on tt.tenant_id = ct.tenant_id and tt.id = ct.tag_id
        where ct.tenant_id = ${t} and ct.customer_id = c.customer_id and tt.group_id = ${tagGroups[g]})`,
      like: `select count(*) from bench_scrm_customers c where ${live} and not (c.tags like any (array[${groupTags.map((x) => `'%,${x},%'`).join(', ')}]))`,
    },
    {
      name: 'tag + store + added-date',
      expr: { all: [{ tag: String(tg(2)) }, { store: String(store) }, { addedBetween: [from, to] }] },
      join: `select count(*) from customer_tags ct join bench_scrm_customers c on c.customer_id = ct.customer_id
        where ct.tenant_id = ${t} and ct.tag_id = ${tg(2)} and c.store_id = ${store} and c.added_at between '${from}' and '${to}' and ${live}`,
      like: `select count(*) from bench_scrm_customers c where ${live} and ${like(2)} and c.store_id = ${store} and c.added_at between '${from}' and '${to}'`,
    },
    {
      name: 'NOT of an OR (3 tags)',
      expr: { not: { any: [{ tag: String(tg(0)) }, { tag: String(tg(6)) }, { tag: String(tg(9)) }] } },
      join: `select count(*) from bench_scrm_customers c where ${live} and not exists (select 1 from customer_tags ct
        where ct.tenant_id = ${t} and ct.customer_id = c.customer_id and ct.tag_id in (${tg(0)}, ${tg(6)}, ${tg(9)}))`,
      like: `select count(*) from bench_scrm_customers c where ${live} and not (${like(0)} or ${like(6)} or ${like(9)})`,
    },
  ];
}

async function main(): Promise<void> {
  await ensureDatabase(URL_);
  const database = await createDatabase({ kind: 'postgres', url: URL_, poolSize: 4 });
  await runMigrations(database);
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  const existing = await client.query(
    `select t.id, (select count(*) from customers c where c.tenant_id = t.id)::int as n,
       to_regclass('bench_scrm_customers') is not null as side
     from tenants t where slug = $1`,
    [SLUG],
  );
  let t: number;
  if (values.reseed || !existing.rows[0] || existing.rows[0].n !== CUSTOMERS || !existing.rows[0].side) {
    console.log(`Seeding ${CUSTOMERS} customers into ${URL_.replace(/\/\/[^@]*@/, '//')} …`);
    t = await seed(client);
  } else {
    t = Number(existing.rows[0].id);
    console.log(`Reusing the seeded tenant ${SLUG} (--reseed to regenerate).`);
  }
  const ids = async (text: string) => (await client.query(text, [t])).rows.map((r) => Number(r.id));
  const tags = await ids('select id from tags where tenant_id = $1 order by id');
  const tagGroups = await ids('select id from tag_groups where tenant_id = $1 order by id');
  const stores = await ids(`select id from org_units where tenant_id = $1 and kind = 'store' order by id`);
  const stats = (
    await client.query(
      `select (select count(*) from customer_tags where tenant_id = $1)::int as ct,
         (select count(*) from customers c where tenant_id = $1 and not exists (select 1 from customer_tags x where x.tenant_id = $1 and x.customer_id = c.id))::int as untagged`,
      [t],
    )
  ).rows[0];
  console.log(`Data: ${CUSTOMERS} customers, ${stats.ct} customer–tag rows, ${stats.untagged} customers without tags.`);

  const deps = createDeps({ database, secret: 'bench-secret-bench-secret-bench-secret-01' });
  const ctx: Ctx = withActor(deps, systemActor(t));
  const list = cases(t, tags, tagGroups, stores);

  // Cold: the first count builds the index.
  global.gc?.();
  const mem0 = process.memoryUsage();
  const c0 = performance.now();
  await countAudienceMembers(ctx, list[0]?.expr as TAudienceExpression);
  const coldMs = ms(c0);
  global.gc?.();
  const mem1 = process.memoryUsage();
  const heapMb = (mem1.heapUsed + mem1.arrayBuffers - mem0.heapUsed - mem0.arrayBuffers) / 1048576;
  console.log(
    `Cold: first count ${f(coldMs, 0)} ms (index build ${f(lastAudienceBuild(ctx).totalMs, 0)} ms: database ${f(lastAudienceBuild(ctx).fetchMs, 0)} ms, in memory ${f(lastAudienceBuild(ctx).applyMs, 0)} ms); index memory ≈ ${f(heapMb, 0)} MB (heap + array buffers${global.gc ? '' : ', without --expose-gc'}).`,
  );

  type TRow = {
    name: string;
    count: number;
    evalMed: number;
    pondMed: number;
    pondP99: number;
    joinMed: number;
    likeMed: number;
    joinCount: number;
    likeCount: number;
  };
  const rows: TRow[] = [];
  for (const c of list) {
    const times: number[] = [];
    let count = -1;
    for (let i = 0; i < 3; i++) count = await countAudienceMembers(ctx, c.expr); // warm
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      count = await countAudienceMembers(ctx, c.expr);
      times.push(ms(s));
    }
    // The engine's own share: evaluation on the warm index, without the change-log round trip.
    const { index } = await refreshAudienceIndex(ctx);
    const evalTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const n = popcount(index.evaluate(c.expr, index.everyone(false)));
      evalTimes.push(ms(s));
      if (n !== count) throw new Error(`${c.name}: evaluate gave ${n}, the engine ${count}`);
    }
    const timed = async (text: string) => {
      const ts: number[] = [];
      let n = -1;
      await client.query(text); // warm the buffer cache
      for (let i = 0; i < SQL_RUNS; i++) {
        const s = performance.now();
        n = Number((await client.query(text)).rows[0].count);
        ts.push(ms(s));
      }
      return { n, med: median(ts) };
    };
    const join = await timed(c.join);
    const like = await timed(c.like);
    rows.push({
      name: c.name,
      count,
      evalMed: median(evalTimes),
      pondMed: median(times),
      pondP99: p99(times),
      joinMed: join.med,
      likeMed: like.med,
      joinCount: join.n,
      likeCount: like.n,
    });
    console.log(`  ${c.name}: ${count} / ${join.n} / ${like.n}`);
  }

  // Catch-up: a tag added through SQL on another connection, then the next count.
  const catchTag = tags[150] as number;
  const catchExpr: TAudienceExpression = { tag: String(catchTag) };
  const candidates = (
    await client.query(
      `select id from customers c where tenant_id = $1 and deleted_at is null
         and not exists (select 1 from customer_tags x where x.tenant_id = $1 and x.customer_id = c.id and x.tag_id = $2)
       order by id limit $3`,
      [t, catchTag, RUNS],
    )
  ).rows.map((r) => Number(r.id));
  const catchTimes: number[] = [];
  let before = await countAudienceMembers(ctx, catchExpr);
  let catchExact = true;
  for (const id of candidates) {
    await client.query(`insert into customer_tags (tenant_id, customer_id, tag_id, source) values ($1, $2, $3, 'manual')`, [
      t,
      id,
      catchTag,
    ]);
    const s = performance.now();
    const after = await countAudienceMembers(ctx, catchExpr);
    catchTimes.push(ms(s));
    if (after !== before + 1) catchExact = false;
    before = after;
  }
  await client.query('delete from customer_tags where tenant_id = $1 and tag_id = $2 and customer_id = any($3::bigint[])', [
    t,
    catchTag,
    candidates,
  ]);
  await countAudienceMembers(ctx, catchExpr);

  const allEqual = rows.every((r) => r.count === r.joinCount && r.count === r.likeCount);
  const sum = (k: keyof TRow) => rows.reduce((a, r) => a + (r[k] as number), 0);
  console.log('');
  console.log(
    `| expression | count | Pond count median (ms) | Pond count p99 (ms) | of which in memory (ms) | join table (ms) | LIKE column (ms) | ×join | ×LIKE |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.count.toLocaleString('en')} | ${f(r.pondMed)} | ${f(r.pondP99)} | ${f(r.evalMed)} | ${f(r.joinMed, 1)} | ${f(r.likeMed, 1)} | ${f(r.joinMed / r.pondMed, 0)} | ${f(r.likeMed / r.pondMed, 0)} |`,
    );
  }
  console.log(
    `| **five together** | | ${f(sum('pondMed'))} | | ${f(sum('evalMed'))} | ${f(sum('joinMed'), 1)} | ${f(sum('likeMed'), 1)} | **${f(sum('joinMed') / sum('pondMed'), 0)}** | ${f(sum('likeMed') / sum('pondMed'), 0)} |`,
  );
  console.log(
    `| count right after a tag added from another connection (catch-up) | +1 each: ${catchExact ? 'yes' : 'NO'} | ${f(median(catchTimes))} | ${f(p99(catchTimes))} | | | | | |`,
  );
  console.log('');
  console.log(
    `Load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' / ',
      )} on ${availableParallelism()} cores. Pond: ${RUNS} runs per expression after the index was warm; SQL shapes: median of ${SQL_RUNS} runs after one warm-up. Counts equal across the three: ${allEqual ? 'yes' : 'NO'}.`,
  );
  const worst = Math.max(...rows.map((r) => r.pondMed));
  console.log(
    `Targets: every Pond count ≤ 5 ms (worst median ${f(worst)} ms): ${worst <= 5 ? 'met' : 'NOT met'}; five together ≥ 30× the join table: ${sum('joinMed') / sum('pondMed') >= 30 ? 'met' : 'NOT met'}.`,
  );
  await client.end();
  await database.close();
  if (!allEqual || !catchExact) {
    console.error('Counts differ between Pond and the SQL shapes (or the catch-up missed a change).');
    process.exit(1);
  }
}

await main();
