// Seeds the demo world and prints how long it took, row counts and the world's KPIs.
//   npx tsx packages/sim/src/bench/seed-bench.ts --customers 30000                 (in-memory PGlite)
//   npx tsx packages/sim/src/bench/seed-bench.ts --customers 30000 --data-dir /tmp/pg (on-disk PGlite)
//   npx tsx packages/sim/src/bench/seed-bench.ts --customers 1000000 --pg postgres://postgres@127.0.0.1:5432/pond_seed_bench
// A benchmark prints figures; it never fails on a slow machine.
import { parseArgs } from 'node:util';
import { createSealer } from '@pond/core/lib/crypto';
import { createDatabase, runMigrations } from '@pond/db';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../seed-demo.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '30000' },
    seed: { type: 'string', default: '42' },
    'batch-size': { type: 'string', default: '2000' },
    pg: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});

const customers = Number(values.customers);
const database = values.pg
  ? await createDatabase({ kind: 'postgres', url: values.pg })
  : await createDatabase({ kind: 'pglite', dataDir: values['data-dir'] });
const target = values.pg ? 'PostgreSQL' : values['data-dir'] ? `PGlite on disk (${values['data-dir']})` : 'PGlite in memory';
await runMigrations(database);

let lastPrint = 0;
const result = await seedDemo({
  db: database.db,
  sealer: createSealer('bench-secret'),
  seed: Number(values.seed),
  customers,
  batchSize: Number(values['batch-size']),
  onProgress: ({ customers: done, total }) => {
    if (performance.now() - lastPrint > 5_000 || done === total) {
      lastPrint = performance.now();
      process.stdout.write(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} customers\n`);
    }
  },
});

const rows = (r: unknown): Record<string, unknown>[] =>
  r && typeof r === 'object' && 'rows' in r && Array.isArray(r.rows) ? (r.rows as Record<string, unknown>[]) : [];
const kpi = rows(
  await database.db.execute(sql`
    with w as (
      select customer_id, count(*) as n, sum(amount_cents) as gmv from orders
      where tenant_id = ${result.tenantId} and status = 'paid' and paid_at >= ${new Date(result.now.getTime() - 90 * 86_400_000).toISOString()}::timestamptz
      group by customer_id),
    ranked as (select gmv, ntile(5) over (order by gmv desc) as q from w)
    select (select count(*) from customers where tenant_id = ${result.tenantId}) as customers,
      (select count(*) from w) as purchasers,
      (select count(*) from w where n >= 2) as repeaters,
      (select sum(n) from w) as orders,
      (select sum(gmv) from w) as gmv,
      (select sum(gmv) from ranked where q = 1) as top20`),
)[0];

const n = (v: unknown) => Number(v ?? 0);
const rowTotal = Object.values(result.counts).reduce((a, b) => a + b, 0);
console.log(`\nseedDemo on ${target}: ${customers.toLocaleString('en')} customers in ${(result.ms / 1000).toFixed(1)} s`);
console.log(`  rows ${(result.phasesMs.rows / 1000).toFixed(1)} s, timeline ${(result.phasesMs.timeline / 1000).toFixed(1)} s`);
console.log(`  ${rowTotal.toLocaleString('en')} rows, ${Math.round(rowTotal / (result.ms / 1000)).toLocaleString('en')} rows/s`);
console.log(`  counts: ${JSON.stringify(result.counts)}`);
if (kpi) {
  const purchasers = n(kpi.purchasers);
  console.log(
    `  90-day KPIs: purchasing ${((100 * purchasers) / n(kpi.customers)).toFixed(1)} %, repurchase ${((100 * n(kpi.repeaters)) / purchasers).toFixed(1)} %, frequency ${(n(kpi.orders) / purchasers).toFixed(2)}, AOV ¥${(n(kpi.gmv) / n(kpi.orders) / 100).toFixed(2)}, top 20 % of purchasers ${((100 * n(kpi.top20)) / n(kpi.gmv)).toFixed(1)} % of GMV`,
  );
}
console.log(`  peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
await database.close();
