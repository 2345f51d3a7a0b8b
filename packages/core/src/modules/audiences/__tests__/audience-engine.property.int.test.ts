import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, type Ctx, systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { customers, follows } from '../../customers/customers.tables.ts';
import { groupChats, groupMembers } from '../../groups/groups.tables.ts';
import { orders } from '../../orders/orders.tables.ts';
import { orgUnits, staff, tenants } from '../../org/org.tables.ts';
import { customerTags, tagGroups, tags } from '../../tags/tags.tables.ts';
import { countAudienceMembers, listAudienceMembers } from '../audience-engine.ts';
import type { TAudienceExpression } from '../audience-expression.ts';
import { countAudience, evaluateAudience } from '../evaluate-audience.ts';
import { loadAudienceCustomers } from '../load-audience-customers.ts';

// The fast engine against the naive loader + reference evaluator over random data in the database
// (30–80 customers, random tags — often none — groups, stores, follows, orders, deleted ones) and
// random expressions, for three scopes; then random changes through SQL, and the same again.

let w: TestWorld;
let t: number;
const S: { stores: number[]; staff: number[]; tagGroups: number[]; tags: number[]; groups: number[] } = {
  stores: [],
  staff: [],
  tagGroups: [],
  tags: [],
  groups: [],
};

beforeAll(async () => {
  w = await createTestWorld();
  const db = w.deps.db;
  const [tenant] = await db.insert(tenants).values({ slug: 'prop', name: 'Property' }).returning();
  if (!tenant) throw new Error('tenant');
  t = tenant.id;
  for (const code of ['P1', 'P2', 'P3']) {
    const [u] = await db.insert(orgUnits).values({ tenantId: t, kind: 'store', name: code, code }).returning();
    if (u) S.stores.push(u.id);
  }
  for (let i = 0; i < 4; i++) {
    const [s] = await db
      .insert(staff)
      .values({ tenantId: t, name: `s${i}`, storeId: S.stores[i % 2] as number, role: 'guide', wecomUserId: `p${i}` })
      .returning();
    if (s) S.staff.push(s.id);
  }
  for (let g = 0; g < 3; g++) {
    const [tg] = await db
      .insert(tagGroups)
      .values({ tenantId: t, name: `g${g}` })
      .returning();
    if (tg) S.tagGroups.push(tg.id);
  }
  for (let i = 0; i < 7; i++) {
    const [tag] = await db
      .insert(tags)
      .values({ tenantId: t, groupId: S.tagGroups[i % 3] as number, name: `t${i}` })
      .returning();
    if (tag) S.tags.push(tag.id);
  }
  for (let i = 0; i < 3; i++) {
    const [g] = await db
      .insert(groupChats)
      .values({ tenantId: t, externalChatId: `pg${i}`, name: `group ${i}`, ownerStaffId: S.staff[i] as number })
      .returning();
    if (g) S.groups.push(g.id);
  }
});
afterAll(async () => {
  await w?.cleanup();
});

const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d, d % 24));
type TCust = {
  deleted: boolean;
  store: number | null;
  follows: { staff: number; day: number; ended: boolean }[];
  tags: number[];
  groups: { group: number; left: boolean }[];
  orders: { paid: boolean; cents: number; day: number }[];
  score: number | null;
};
const custArb: fc.Arbitrary<TCust> = fc.record({
  deleted: fc.boolean().map((b) => b && Math.random() < 0.4),
  store: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  follows: fc.uniqueArray(
    fc.record({ staff: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 0, max: 9 }), ended: fc.boolean() }),
    {
      maxLength: 3,
      selector: (f) => f.staff,
    },
  ),
  tags: fc.oneof(fc.constant<number[]>([]), fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 })),
  groups: fc.uniqueArray(fc.record({ group: fc.integer({ min: 0, max: 2 }), left: fc.boolean() }), {
    maxLength: 2,
    selector: (g) => g.group,
  }),
  orders: fc.array(
    fc.record({ paid: fc.boolean(), cents: fc.integer({ min: 100, max: 5000 }), day: fc.integer({ min: 0, max: 9 }) }),
    {
      maxLength: 3,
    },
  ),
  score: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
});
type TChange =
  | { kind: 'tag'; c: number; tag: number }
  | { kind: 'untag'; c: number }
  | { kind: 'delete'; c: number }
  | { kind: 'restore'; c: number }
  | { kind: 'unfollow'; c: number }
  | { kind: 'follow'; c: number; staff: number }
  | { kind: 'order'; c: number }
  | { kind: 'store'; c: number; store: number }
  | { kind: 'leave'; c: number }
  | { kind: 'score'; c: number; score: number }
  | { kind: 'new' };
const changeArb: fc.Arbitrary<TChange> = fc.oneof(
  fc.record({ kind: fc.constant('tag' as const), c: fc.nat(), tag: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('untag' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('unfollow' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('follow' as const), c: fc.nat(), staff: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('order' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('store' as const), c: fc.nat(), store: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('leave' as const), c: fc.nat() }),
  fc.record({ kind: fc.constant('score' as const), c: fc.nat(), score: fc.integer({ min: 0, max: 4 }) }),
  fc.constant({ kind: 'new' as const }),
);

const pick = (list: number[], i: number) => list[i % list.length] as number;
const exprArb = (): fc.Arbitrary<TAudienceExpression> => {
  const iso = fc.integer({ min: 0, max: 10 }).map((d) => day(d).toISOString());
  const leaf: fc.Arbitrary<TAudienceExpression> = fc.oneof(
    fc.nat().map((i) => ({ tag: String(pick(S.tags, i)) })),
    fc.nat().map((i) => ({ untaggedIn: String(pick(S.tagGroups, i)) })),
    fc.nat().map((i) => ({ store: String(pick(S.stores, i)) })),
    fc.nat().map((i) => ({ staff: String(pick(S.staff, i)) })),
    fc.nat().map((i) => ({ inGroup: String(pick(S.groups, i)) })),
    fc.tuple(iso, iso).map(([a, b]): TAudienceExpression => ({ addedBetween: a <= b ? [a, b] : [b, a] })),
    fc.record({
      attr: fc.constantFrom('score', 'order_count', 'total_spent'),
      op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'),
      value: fc.constantFrom(0, 1, 2, 3, 1500, 4000),
    }),
    fc.record({ attr: fc.constant('last_order_date'), op: fc.constantFrom('gt', 'lte'), value: iso }),
  ) as fc.Arbitrary<TAudienceExpression>;
  return fc.letrec<{ e: TAudienceExpression }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('e'), { maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('e'), { maxLength: 3 }).map((any) => ({ any })),
      tie('e').map((e) => ({ not: e })),
    ),
  })).e;
};

async function reset(): Promise<void> {
  const db = w.deps.db;
  for (const q of [
    sql`delete from customer_tags where tenant_id = ${t}`,
    sql`delete from follows where tenant_id = ${t}`,
    sql`delete from group_members where tenant_id = ${t}`,
    sql`delete from orders where tenant_id = ${t}`,
    sql`delete from customers where tenant_id = ${t}`,
  ])
    await db.execute(q);
}

let extSeq = 0;
async function insertPopulation(list: TCust[]): Promise<number[]> {
  const db = w.deps.db;
  if (list.length === 0) return [];
  const rows = await db
    .insert(customers)
    .values(
      list.map((c) => ({
        tenantId: t,
        name: 'x',
        storeId: c.store === null ? null : pick(S.stores, c.store),
        attrs: (c.score === null ? {} : { score: c.score }) as Record<string, number>,
        deletedAt: c.deleted ? day(3) : null,
      })),
    )
    .returning({ id: customers.id });
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const f = list.flatMap((c, i) =>
    c.follows.map((x) => ({
      tenantId: t,
      customerId: ids[i] as number,
      staffId: pick(S.staff, x.staff),
      addedAt: day(x.day),
      deletedAt: x.ended ? day(x.day + 1) : null,
    })),
  );
  if (f.length) await db.insert(follows).values(f);
  const ct = list.flatMap((c, i) => c.tags.map((x) => ({ tenantId: t, customerId: ids[i] as number, tagId: pick(S.tags, x) })));
  if (ct.length) await db.insert(customerTags).values(ct);
  const gm = list.flatMap((c, i) =>
    c.groups.map((g) => ({
      tenantId: t,
      groupId: pick(S.groups, g.group),
      memberType: 'customer',
      customerId: ids[i] as number,
      externalMemberId: `m${ids[i]}`,
      joinedAt: day(1),
      leftAt: g.left ? day(2) : null,
    })),
  );
  if (gm.length) await db.insert(groupMembers).values(gm);
  const o = list.flatMap((c, i) =>
    c.orders.map((x) => ({
      tenantId: t,
      externalId: `o${++extSeq}`,
      customerId: ids[i] as number,
      amountCents: x.cents,
      status: x.paid ? 'paid' : 'refunded',
      paidAt: day(x.day),
    })),
  );
  if (o.length) await db.insert(orders).values(o);
  return ids;
}

async function applyChange(ch: TChange, ids: number[]): Promise<void> {
  const db = w.deps.db;
  if (ch.kind === 'new') {
    ids.push(
      ...(await insertPopulation([
        { deleted: false, store: 0, follows: [{ staff: 0, day: 4, ended: false }], tags: [], groups: [], orders: [], score: 2 },
      ])),
    );
    return;
  }
  if (ids.length === 0) return;
  const c = pick(ids, ch.c);
  if (ch.kind === 'tag')
    await db.execute(
      sql`insert into customer_tags (tenant_id, customer_id, tag_id) values (${t}, ${c}, ${pick(S.tags, ch.tag)}) on conflict do nothing`,
    );
  if (ch.kind === 'untag') await db.execute(sql`delete from customer_tags where tenant_id = ${t} and customer_id = ${c}`);
  if (ch.kind === 'delete') await db.execute(sql`update customers set deleted_at = now() where tenant_id = ${t} and id = ${c}`);
  if (ch.kind === 'restore') await db.execute(sql`update customers set deleted_at = null where tenant_id = ${t} and id = ${c}`);
  if (ch.kind === 'unfollow')
    await db.execute(sql`update follows set deleted_at = now() where tenant_id = ${t} and customer_id = ${c}`);
  if (ch.kind === 'follow')
    await db.execute(
      sql`insert into follows (tenant_id, customer_id, staff_id, added_at) values (${t}, ${c}, ${pick(S.staff, ch.staff)}, ${day(5).toISOString()}) on conflict (tenant_id, customer_id, staff_id) do update set deleted_at = null`,
    );
  if (ch.kind === 'order')
    await db.execute(
      sql`insert into orders (tenant_id, external_id, customer_id, amount_cents, status, paid_at) values (${t}, ${`o${++extSeq}`}, ${c}, 999, 'paid', ${day(6).toISOString()})`,
    );
  if (ch.kind === 'store')
    await db.execute(sql`update customers set store_id = ${pick(S.stores, ch.store)} where tenant_id = ${t} and id = ${c}`);
  if (ch.kind === 'leave')
    await db.execute(sql`update group_members set left_at = now() where tenant_id = ${t} and customer_id = ${c}`);
  if (ch.kind === 'score')
    await db.execute(
      sql`update customers set attrs = ${JSON.stringify({ score: ch.score })}::jsonb where tenant_id = ${t} and id = ${c}`,
    );
}

const actors = (): Actor[] => [
  systemActor(t),
  { ...systemActor(t), role: 'guide', staffId: S.staff[0] as number, storeId: S.stores[0] as number, accountId: 1, name: 'g' },
  { ...systemActor(t), role: 'store_manager', staffId: null, storeId: S.stores[1] as number, accountId: 2, name: 'm' },
];

async function compareAll(exprs: TAudienceExpression[], includeDeleted: boolean): Promise<void> {
  for (const actor of actors()) {
    const ctx: Ctx = withActor(w.deps, actor);
    const { customers: snap, context } = await loadAudienceCustomers(ctx);
    for (const e of exprs) {
      const c = { ...context, includeDeleted };
      const want = snap.filter((x) => evaluateAudience(e, x, c)).map((x) => Number(x.id));
      expect(await countAudienceMembers(ctx, e, { includeDeleted }), `${actor.role} ${JSON.stringify(e)}`).toBe(
        countAudience(e, snap, c),
      );
      expect(await listAudienceMembers(ctx, e, { includeDeleted })).toEqual(want);
    }
  }
}

describe('audience engine against the naive loader (property, database)', () => {
  it('counts and lists exactly what the reference gives, before and after random changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(custArb, { minLength: 30, maxLength: 80 }),
        fc.array(exprArb(), { minLength: 4, maxLength: 6 }),
        fc.array(changeArb, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (population, exprs, changes, includeDeleted) => {
          await reset();
          const ids = await insertPopulation(population);
          await compareAll(exprs, includeDeleted);
          for (const ch of changes) await applyChange(ch, ids);
          await compareAll(exprs, includeDeleted);
        },
      ),
      { numRuns: 30 },
    );
  }, 240_000);
});
