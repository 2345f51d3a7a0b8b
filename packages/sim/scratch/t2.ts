import { createDatabase, runMigrations } from '@pond/db';
import { sql } from 'drizzle-orm';
const database = await createDatabase({ kind: 'pglite' });
await runMigrations(database);
const db = database.db;
await db.execute(sql`insert into tenants (slug, name) values ('x','y') returning id`);
for (const n of [2000, 5000, 10000]) {
const ids = Array.from({ length: n }, (_, i) => i);
const cust = ids.map((i) => i + 1);
const types = ids.map((i) => 'follow.added');
const ts = ids.map((i) => new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString());
const js = ids.map((i) => JSON.stringify({ staffName: '张伟', state: 'store-qr' }));
let t0=0;
t0 = performance.now();
for (let k = 0; k < 5; k++) {
await db.execute(sql`insert into customer_events (tenant_id, customer_id, type, occurred_at, actor_type, data)
  select 1, c, t, o, 'customer', d from unnest(${sql.param(cust)}::bigint[], ${sql.param(types)}::text[], ${sql.param(ts)}::timestamptz[], ${sql.param(js)}::jsonb[]) as u(c,t,o,d)`);
}
console.log(n, 'unnest rows/s', (5 * n) / ((performance.now() - t0) / 1000));
// select only (no insert) to measure param cost
t0 = performance.now();
for (let k = 0; k < 5; k++) {
await db.execute(sql`select count(*) from unnest(${sql.param(cust)}::bigint[], ${sql.param(types)}::text[], ${sql.param(ts)}::timestamptz[], ${sql.param(js)}::jsonb[]) as u(c,t,o,d)`);
}
console.log(n, 'select-only rows/s', (5 * n) / ((performance.now() - t0) / 1000));
// COPY via blob
const csv = ids.map((i) => `1,${cust[i]},follow.added,${ts[i]},customer,"${js[i]!.replace(/"/g, '""')}"`).join('\n');
t0 = performance.now();
for (let k = 0; k < 5; k++) {
await database.pglite!.query(`copy customer_events (tenant_id, customer_id, type, occurred_at, actor_type, data) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
}
console.log(n, 'copy rows/s', (5 * n) / ((performance.now() - t0) / 1000));
}
