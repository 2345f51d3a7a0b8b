import { createDatabase, type Database } from '@pond/db';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, type Deps, inTransaction, systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { auditLog } from '../../audit/audit.tables.ts';
import { customers } from '../../customers/customers.tables.ts';
import { customerTags, tags } from '../../tags/tags.tables.ts';
import { countAudienceMembers, customerInAudience, listAudienceMembers } from '../audience-engine.ts';
import { pruneAudienceChanges } from '../prune-audience-changes.ts';

let w: TestWorld;
const onPg = process.env.POND_TEST_DB === 'postgres';
const extra: Database[] = [];

beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => {
  for (const d of extra) await d.close();
  await w?.cleanup();
});

const preview = async (as: string, expression: unknown, includeDeleted?: boolean) => {
  const res = await w.request('POST', '/api/audiences/preview', { as, body: { expression, includeDeleted } });
  return {
    status: res.status,
    body: (await res.json()) as { count: number; sample: { id: number; name: string }[]; error?: { message: string } },
  };
};
const sys = (deps: Deps = w.deps): Ctx => withActor(deps, systemActor(w.tenantId));
const tag = (customerId: number, tagId: number) =>
  w.deps.db.insert(customerTags).values({ tenantId: w.tenantId, customerId, tagId });
const untag = (customerId: number) =>
  w.deps.db.delete(customerTags).where(and(eq(customerTags.tenantId, w.tenantId), eq(customerTags.customerId, customerId)));

/** The same database through a second handle with its own index, as another process has. */
async function secondDeps(): Promise<Deps> {
  if (!onPg) return { ...w.deps, database: { ...w.deps.database } };
  const [row] = (await w.deps.database.executeSql('select current_database() as name')).rows;
  const url = new URL(process.env.POND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${String(row?.name)}`;
  const database = await createDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  extra.push(database);
  return { ...w.deps, database, db: database.db };
}
async function rawClient(): Promise<pg.Client> {
  const [row] = (await w.deps.database.executeSql('select current_database() as name')).rows;
  const url = new URL(process.env.POND_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${String(row?.name)}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

describe('POST /api/audiences/preview', () => {
  it('counts in each role’s scope, including customers with no tags under not/untaggedIn', async () => {
    const { c1, c3, tagFruit, tagGroup } = w.ids;
    await tag(c1, tagFruit);
    const everyone = { all: [] };
    expect((await preview('admin', everyone)).body.count).toBe(3);
    expect((await preview('operator', everyone)).body.count).toBe(3);
    expect((await preview('manager1', everyone)).body.count).toBe(2); // home store 1: c1, c2
    expect((await preview('guide1', everyone)).body.count).toBe(1); // follows guide1: c1
    expect((await preview('guide3', everyone)).body.sample.map((c) => c.id)).toEqual([c3]);
    const fruit = await preview('admin', { tag: String(tagFruit) });
    expect(fruit.body).toMatchObject({ count: 1, sample: [{ id: c1, name: '陈静' }] });
    expect((await preview('admin', { not: { tag: String(tagFruit) } })).body.count).toBe(2);
    expect((await preview('admin', { untaggedIn: String(tagGroup) })).body.count).toBe(2);
    expect((await preview('guide1', { not: { tag: String(tagFruit) } })).body.count).toBe(0);
    expect((await preview('guide2', { not: { tag: String(tagFruit) } })).body.count).toBe(1);
    expect((await preview('admin', { store: String(w.ids.store2) })).body.count).toBe(1);
    expect((await preview('admin', { inGroup: String(w.ids.group1) })).body.count).toBe(1);
    await untag(c1);
  });

  it('a count right after a tag is added or a customer deleted includes the change', async () => {
    const { c2, tagMilk } = w.ids;
    const milk = { tag: String(tagMilk) };
    expect((await preview('admin', milk)).body.count).toBe(0);
    await tag(c2, tagMilk);
    expect((await preview('admin', milk)).body.count).toBe(1);
    await w.deps.db.update(customers).set({ deletedAt: new Date() }).where(eq(customers.id, c2));
    expect((await preview('admin', milk)).body.count).toBe(0);
    expect((await preview('admin', { all: [] })).body.count).toBe(2);
    expect((await preview('admin', { all: [] }, true)).body.count).toBe(3);
    await w.deps.db.update(customers).set({ deletedAt: null }).where(eq(customers.id, c2));
    await untag(c2);
    expect((await preview('admin', { all: [] })).body.count).toBe(3);
  });

  it('answers 400 naming the bad node or the unknown id', async () => {
    const bad = await preview('admin', { all: [{ tag: String(w.ids.tagFruit) }, { tag: 'fruit' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('expression.all.1.tag');
    const typo = await preview('admin', { any: [{ tags: '1' }] });
    expect(typo.status).toBe(400);
    expect(typo.body.error?.message).toContain('expression.any.0');
    const unknown = await preview('admin', { all: [{ not: { tag: '987654' } }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toMatch(/expression\.all\.0\.not\.tag: Tag 987654 does not exist/);
    // Another brand's tag is unknown here.
    const [foreign] = await w.deps.db.insert(tags).values({ tenantId: w.otherTenantId, groupId: 1, name: 'x' }).returning();
    const other = await preview('admin', { tag: String(foreign?.id) });
    expect(other.status).toBe(400);
    expect(other.body.error?.message).toContain(String(foreign?.id));
    const field = await preview('admin', { attr: 'nickname', op: 'eq', value: 'a' });
    expect(field.status).toBe(400);
    expect(field.body.error?.message).toContain('"nickname"');
    expect((await preview('admin', { attr: 'order_count', op: 'eq', value: 0 })).body.count).toBe(3);
  });
});

describe('saved audiences', () => {
  it('create, list with counts, get, rename, delete (audited); guides only read', async () => {
    const expression = { not: { tag: String(w.ids.tagFruit) } };
    const created = await w.request('POST', '/api/audiences', { as: 'operator', body: { name: '非果茶', expression } });
    expect(created.status).toBe(201);
    const a = (await created.json()) as { id: number; count: number; expression: unknown };
    expect(a.count).toBe(3);
    expect(a.expression).toEqual(expression);
    const dup = await w.request('POST', '/api/audiences', { as: 'admin', body: { name: '非果茶', expression: { all: [] } } });
    expect(dup.status).toBe(409);
    expect((await w.request('POST', '/api/audiences', { as: 'guide1', body: { name: 'g', expression } })).status).toBe(403);
    expect((await w.request('PATCH', `/api/audiences/${a.id}`, { as: 'guide1', body: { name: 'g' } })).status).toBe(403);
    expect((await w.request('DELETE', `/api/audiences/${a.id}`, { as: 'guide1' })).status).toBe(403);
    const listed = (await (await w.request('GET', '/api/audiences', { as: 'guide1' })).json()) as {
      items: { count: number }[];
      total: number;
    };
    expect(listed.total).toBe(1);
    expect(listed.items[0]?.count).toBe(1); // in guide1's scope
    const patched = await w.request('PATCH', `/api/audiences/${a.id}`, {
      as: 'admin',
      body: { name: '果茶', expression: { tag: String(w.ids.tagFruit) } },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: '果茶', count: 0 });
    const badPatch = await w.request('PATCH', `/api/audiences/${a.id}`, {
      as: 'admin',
      body: { expression: { store: '424242' } },
    });
    expect(badPatch.status).toBe(400);
    expect(((await badPatch.json()) as { error: { message: string } }).error.message).toContain('424242');
    expect((await w.request('DELETE', `/api/audiences/${a.id}`, { as: 'admin' })).status).toBe(204);
    expect((await w.request('GET', `/api/audiences/${a.id}`, { as: 'admin' })).status).toBe(404);
    const audits = await w.deps.db.select().from(auditLog).where(eq(auditLog.action, 'audience.delete'));
    expect(audits).toHaveLength(1);
  });
});

describe('exact across processes and transactions', () => {
  it('a change written through another database handle is in the next count of this one', async () => {
    const other = await secondDeps();
    const { c3, tagMilk } = w.ids;
    const milk = { tag: String(tagMilk) };
    expect(await countAudienceMembers(sys(), milk)).toBe(0);
    expect(await countAudienceMembers(sys(other), milk)).toBe(0);
    await other.db.insert(customerTags).values({ tenantId: w.tenantId, customerId: c3, tagId: tagMilk });
    expect(await countAudienceMembers(sys(), milk)).toBe(1);
    await other.db.update(customers).set({ deletedAt: new Date() }).where(eq(customers.id, c3));
    expect(await countAudienceMembers(sys(), milk)).toBe(0);
    expect(await countAudienceMembers(sys(), { all: [] })).toBe(2);
    expect(await countAudienceMembers(sys(other), { all: [] })).toBe(2);
    await w.deps.db.update(customers).set({ deletedAt: null }).where(eq(customers.id, c3));
    await untag(c3);
    expect(await countAudienceMembers(sys(other), { all: [] })).toBe(3);
    expect(await countAudienceMembers(sys(other), milk)).toBe(0);
  });

  it.runIf(onPg)('raw SQL on another connection, and a change committed out of seq order, are not missed', async () => {
    const { c1, c2, tagFruit } = w.ids;
    const fruit = { tag: String(tagFruit) };
    const a = await rawClient();
    const b = await rawClient();
    try {
      expect(await countAudienceMembers(sys(), fruit)).toBe(0);
      await b.query('insert into customer_tags (tenant_id, customer_id, tag_id) values ($1, $2, $3)', [w.tenantId, c2, tagFruit]);
      expect(await countAudienceMembers(sys(), fruit)).toBe(1);
      await b.query('delete from customer_tags where tenant_id = $1', [w.tenantId]);
      expect(await countAudienceMembers(sys(), fruit)).toBe(0);
      // A takes the lower seq but commits after B.
      await a.query('begin');
      await a.query('insert into customer_tags (tenant_id, customer_id, tag_id) values ($1, $2, $3)', [w.tenantId, c1, tagFruit]);
      await b.query('insert into customer_tags (tenant_id, customer_id, tag_id) values ($1, $2, $3)', [w.tenantId, c2, tagFruit]);
      const seqs = await b.query('select seq::int as seq, customer_id::int as c from audience_changes order by seq desc limit 1');
      expect(seqs.rows[0]?.c).toBe(c2);
      expect(await listAudienceMembers(sys(), fruit)).toEqual([c2]);
      await a.query('commit');
      expect(await listAudienceMembers(sys(), fruit)).toEqual([c1, c2]);
      await b.query('delete from customer_tags where tenant_id = $1', [w.tenantId]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('inside a transaction, its own changes count; after a rollback they never did', async () => {
    const { c1, tagMilk } = w.ids;
    const milk = { tag: String(tagMilk) };
    expect(await countAudienceMembers(sys(), milk)).toBe(0);
    await expect(
      inTransaction(sys(), async (tx) => {
        await (tx.tx ?? tx.db).insert(customerTags).values({ tenantId: w.tenantId, customerId: c1, tagId: tagMilk });
        expect(await countAudienceMembers(tx, milk)).toBe(1);
        expect(await listAudienceMembers(tx, milk)).toEqual([c1]);
        expect(await customerInAudience(tx, milk, c1)).toBe(true);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await countAudienceMembers(sys(), milk)).toBe(0);
    expect(await customerInAudience(sys(), milk, c1)).toBe(false);
    await inTransaction(sys(), async (tx) => {
      await (tx.tx ?? tx.db).insert(customerTags).values({ tenantId: w.tenantId, customerId: c1, tagId: tagMilk });
      expect(await countAudienceMembers(tx, milk)).toBe(1);
    });
    expect(await countAudienceMembers(sys(), milk)).toBe(1);
    await untag(c1);
    expect(await countAudienceMembers(sys(), milk)).toBe(0);
  });

  it('an index whose watermark is below the pruned point rebuilds instead of missing changes', async () => {
    const other = await secondDeps();
    const { c2, tagFruit } = w.ids;
    const fruit = { tag: String(tagFruit) };
    expect(await countAudienceMembers(sys(), fruit)).toBe(0);
    await other.db.insert(customerTags).values({ tenantId: w.tenantId, customerId: c2, tagId: tagFruit });
    // Age every change row past the retention and prune: the row of that tag is gone.
    await w.deps.db.execute(sql`update audience_changes set created_at = now() - interval '3 days'`);
    expect(await pruneAudienceChanges(w.deps.database, new Date())).toBeGreaterThan(0);
    const [left] = (await w.deps.database.executeSql('select count(*)::int as n from audience_changes')).rows;
    expect(left?.n).toBe(0);
    expect(await countAudienceMembers(sys(), fruit)).toBe(1);
    await untag(c2);
    expect(await countAudienceMembers(sys(), fruit)).toBe(0);
  });
});
