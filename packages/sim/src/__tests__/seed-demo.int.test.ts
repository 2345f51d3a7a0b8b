import { createSealer } from '@pond/core/lib/crypto';
import { AppError } from '@pond/core/lib/errors';
import { createTestDatabase } from '@pond/core/testing/test-database';
import type { Database } from '@pond/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planActions } from '../behaviour.ts';
import { loadWorldView } from '../load-world-view.ts';
import { createRng } from '../rng.ts';
import { seedDemo, type TSeedDemoResult } from '../seed-demo.ts';
import { generateWorld } from '../world.ts';
import { worldToView } from '../world-view.ts';

const NOW = new Date('2025-06-01T00:00:00+08:00');
const SEED = 77;
const sealer = createSealer('test-secret');

let database: Database;
let cleanup: () => Promise<void>;
let result: TSeedDemoResult;

const rows = async (query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> => {
  const r: unknown = await database.db.execute(query);
  return r && typeof r === 'object' && 'rows' in r && Array.isArray(r.rows) ? (r.rows as Record<string, unknown>[]) : [];
};
const scalar = async (query: ReturnType<typeof sql>): Promise<number> =>
  Number(Object.values((await rows(query))[0] ?? {})[0] ?? 0);

beforeAll(async () => {
  ({ database, cleanup } = await createTestDatabase());
  result = await seedDemo({ db: database.db, sealer, seed: SEED, customers: 2_000, now: NOW, batchSize: 700 });
});
afterAll(async () => cleanup());

describe('seedDemo', () => {
  it('creates the demo tenant with the whole world and returns true counts', async () => {
    const [tenant] = await rows(sql`select slug, name, is_demo, channel from tenants where id = ${result.tenantId}`);
    expect(tenant).toEqual({ slug: 'demo', name: '茶屿', is_demo: true, channel: 'simulator' });
    const t = result.tenantId;
    const expected: Record<string, number> = {
      org_units: 28,
      staff: 80,
      group_chats: 150,
      customers: 2_000,
      follows: result.counts.follows,
      customer_tags: result.counts.customerTags,
      group_members: result.counts.groupMembers,
      orders: result.counts.orders,
      messages: result.counts.messages,
      customer_events: result.counts.customerEvents,
    };
    for (const [table, n] of Object.entries(expected)) {
      expect(await scalar(sql`select count(*) from ${sql.raw(table)} where tenant_id = ${t}`), table).toBe(n);
    }
    expect(result.counts.customers).toBe(2_000);
    expect(result.counts.orders).toBeGreaterThan(1_000);
    expect(result.now).toEqual(NOW);
    expect(await scalar(sql`select count(*) from accounts where tenant_id = ${t}`)).toBe(0);
  });

  it('stores exactly the generated world', async () => {
    const world = generateWorld({ seed: SEED, customers: 2_000, now: NOW });
    const t = result.tenantId;
    expect(result.counts.follows).toBe(world.follows.length);
    expect(result.counts.orders).toBe(world.orders.length);
    expect(await scalar(sql`select sum(amount_cents) from orders where tenant_id = ${t} and status = 'paid'`)).toBe(
      world.orders.filter((o) => o.status === 'paid').reduce((s, o) => s + o.amountCents, 0),
    );
    const [first] = await rows(
      sql`select name, external_user_id from customers where tenant_id = ${t} and external_user_id = ${world.customers[0]?.externalUserId ?? ''}`,
    );
    expect(first?.name).toBe(world.customers[0]?.name);
  });

  it('keeps member_count equal to the current group_members rows and within the cap', async () => {
    const mismatches = await rows(sql`
      select g.id, g.member_count, g.member_cap, count(m.id) filter (where m.left_at is null) as current
      from group_chats g left join group_members m on m.tenant_id = g.tenant_id and m.group_id = g.id
      where g.tenant_id = ${result.tenantId}
      group by g.tenant_id, g.id having g.member_count <> count(m.id) filter (where m.left_at is null) or g.member_count > g.member_cap or g.member_count < 1`);
    expect(mismatches).toEqual([]);
  });

  it('writes a timeline for every customer: created, follows, joins, orders, tags', async () => {
    const t = result.tenantId;
    const missing = async (type: string, source: ReturnType<typeof sql>) =>
      scalar(sql`select count(*) from (${source}) s where not exists (
        select 1 from customer_events e where e.tenant_id = ${t} and e.customer_id = s.customer_id and e.type = ${type} and e.occurred_at = s.at)`);
    expect(
      await missing('customer.created', sql`select id as customer_id, created_at as at from customers where tenant_id = ${t}`),
    ).toBe(0);
    expect(await missing('follow.added', sql`select customer_id, added_at as at from follows where tenant_id = ${t}`)).toBe(0);
    expect(
      await missing(
        'follow.deleted',
        sql`select customer_id, deleted_at as at from follows where tenant_id = ${t} and deleted_at is not null`,
      ),
    ).toBe(0);
    expect(
      await missing(
        'group.joined',
        sql`select customer_id, joined_at as at from group_members where tenant_id = ${t} and member_type = 'customer'`,
      ),
    ).toBe(0);
    expect(await missing('order.paid', sql`select customer_id, paid_at as at from orders where tenant_id = ${t}`)).toBe(0);
    expect(await missing('tag.added', sql`select customer_id, created_at as at from customer_tags where tenant_id = ${t}`)).toBe(
      0,
    );

    const [follow] = await rows(sql`select e.data, s.name, f.state from customer_events e
      join follows f on f.tenant_id = e.tenant_id and f.customer_id = e.customer_id and f.added_at = e.occurred_at
      join staff s on s.tenant_id = f.tenant_id and s.id = f.staff_id
      where e.tenant_id = ${t} and e.type = 'follow.added' and f.state is not null limit 1`);
    expect(follow?.data).toMatchObject({ staffName: follow?.name, state: follow?.state });
    const badOrders =
      await scalar(sql`select count(*) from customer_events e join orders o on o.tenant_id = e.tenant_id and o.id = (e.data->>'orderId')::bigint
      where e.tenant_id = ${t} and e.type = 'order.paid' and ((e.data->>'amountCents')::int <> o.amount_cents or o.customer_id <> e.customer_id)`);
    expect(badOrders).toBe(0);
    const [joined] = await rows(sql`select data from customer_events where tenant_id = ${t} and type = 'group.joined' limit 1`);
    expect(String((joined?.data as { groupName?: string } | undefined)?.groupName)).toMatch(/^茶屿·.+群$/);
    const [tag] = await rows(sql`select data from customer_events where tenant_id = ${t} and type = 'tag.added' limit 1`);
    expect(typeof (tag?.data as { tagName?: unknown } | undefined)?.tagName).toBe('string');
  });

  it('seals phone numbers and indexes them blindly', async () => {
    const sample = await rows(
      sql`select phone_enc, phone_hash from customers where tenant_id = ${result.tenantId} and phone_enc is not null limit 20`,
    );
    expect(sample.length).toBe(20);
    for (const r of sample) {
      const phone = sealer.open(String(r.phone_enc));
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(r.phone_hash).toBe(sealer.blindIndex(phone));
    }
  });

  it("records the simulator state at the world's now, with the seed", async () => {
    const [state] = await rows(sql`select seed, clock from sim_state where tenant_id = ${result.tenantId}`);
    expect(Number(state?.seed)).toBe(SEED);
    expect(new Date(String(state?.clock instanceof Date ? state.clock.toISOString() : state?.clock))).toEqual(NOW);
  });

  it('refuses to seed a second time and leaves nothing behind when it fails', async () => {
    const before = await scalar(sql`select count(*) from customers`);
    const error = await seedDemo({ db: database.db, sealer, seed: 1, customers: 50, now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect(await scalar(sql`select count(*) from customers`)).toBe(before);
    expect(await scalar(sql`select count(*) from tenants where slug = 'demo'`)).toBe(1);
  });

  it('loads the same view from the database as from the generated world', async () => {
    const fromDb = await loadWorldView({ db: database.db, tenantId: result.tenantId });
    const fromWorld = worldToView(generateWorld({ seed: SEED, customers: 2_000, now: NOW }));
    expect(fromDb.customers).toHaveLength(2_000);
    expect(fromDb.groups).toHaveLength(150);
    expect(fromDb.staff).toHaveLength(80);
    expect(fromDb.stores).toHaveLength(24);
    const shape = (v: typeof fromDb) =>
      v.customers
        .map((c) => [c.name, c.staffIds.length, c.groupIds.length, c.valueSegment, c.createdAt.toISOString()].join('|'))
        .sort();
    expect(shape(fromDb)).toEqual(shape(fromWorld));
    expect(fromDb.groups.map((g) => g.memberCount).sort()).toEqual(fromWorld.groups.map((g) => g.memberCount).sort());
    const plan = planActions({ view: fromDb, rng: createRng(1), from: NOW, to: new Date(NOW.getTime() + 3_600_000 * 12) });
    expect(plan.length).toBeGreaterThan(0);
  });
});
