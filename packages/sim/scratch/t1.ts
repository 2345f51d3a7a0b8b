import { createDatabase, runMigrations } from '@pond/db';
import { sql } from 'drizzle-orm';
const database = await createDatabase({ kind: 'pglite' });
await runMigrations(database);
const db = database.db;
const r = await db.execute(sql`insert into tenants (slug, name) values ('x','y') returning id`);
console.log(r);
const n = 2000;
const ids = Array.from({ length: n }, (_, i) => i);
const names = ids.map((i) => `名字${i}'"{},\\`);
const ts = ids.map((i) => new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString());
const js = ids.map((i) => JSON.stringify({ a: i, s: 'x"y' }));
const nulls = ids.map((i) => (i % 2 ? null : `wm${i}`));
const t0 = performance.now();
for (let k = 0; k < 10; k++) {
const res = await db.execute(sql`insert into customers (tenant_id, external_user_id, name, attrs, created_at)
  select 1, * from unnest(${sql.param(nulls.map(x=>x&&x+'_'+k))}::text[], ${sql.param(names)}::text[], ${sql.param(js)}::jsonb[], ${sql.param(ts)}::timestamptz[]) returning id, external_user_id`);
if (k===0) console.log((res as any).rows.slice(0,2));
}
console.log('ms', performance.now() - t0);
const c = await db.execute(sql`select count(*), min(name), max(attrs::text), min(created_at) from customers`);
console.log((c as any).rows);
