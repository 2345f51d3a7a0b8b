import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { decodeQr } from '../../../testing/decode-qr.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { customers } from '../../customers/customers.tables.ts';
import { applyGroupEvent } from '../../groups/apply-group-event.ts';
import { getGroupRefsByIds } from '../../groups/group-refs.ts';
import { customerToken } from '../../links/customer-token.ts';
import { notifications } from '../../notifications/notifications.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { claimSeat } from '../claim-seat.ts';
import { readPool, readWays } from '../group-code-access.ts';
import { isFull } from '../group-code-rules.ts';
import { groupCodeJoins, groupCodeOpenings, groupCodeSeats, groupCodes } from '../group-codes.tables.ts';
import { joinThroughGroupCode } from '../join-through-group-code.ts';
import { sweepGroupCodes } from '../sweep-group-codes.ts';

let w: TestWorld;
let sys: () => Ctx;
beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  sys = () => withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w?.deps.queue.stop();
  await w?.cleanup();
});

let chatSeq = 0;
/** New customer groups owned by guide1 (王芳): one member each, the owner. */
async function newGroups(n: number, prefix: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { groupId } = await applyGroupEvent(sys(), {
      source: 'test',
      event: {
        type: 'group.created',
        at: new Date().toISOString(),
        chatId: `wr_test_${prefix}_${++chatSeq}`,
        name: `${prefix}${i + 1}`,
        ownerUserId: 'wangfang',
      },
    });
    ids.push(groupId);
  }
  return ids;
}

let customerSeq = 0;
async function newCustomers(n: number): Promise<number[]> {
  const rows = Array.from({ length: n }, () => {
    const k = ++customerSeq;
    return { tenantId: w.tenantId, name: `访客${k}`, externalUserId: `wm_gc_${k}`, source: 'sim' };
  });
  const out: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await w.deps.db
      .insert(customers)
      .values(rows.slice(i, i + 200))
      .returning({ id: customers.id });
    out.push(...inserted.map((r) => r.id));
  }
  return out;
}

async function createCode(body: Record<string, unknown>) {
  const res = await w.request('POST', '/api/group-codes', { as: 'operator', body });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return json(res);
}

const notificationsOf = async (kind: string, codeId: number) =>
  (await w.deps.db.select().from(notifications).where(eq(notifications.tenantId, w.tenantId))).filter(
    (n) => n.kind === kind && n.link === `/group-codes/${codeId}`,
  );

describe('group codes: CRUD, validation and scope', () => {
  it('creates a code with its link, pool and join ways; lists and reads it', async () => {
    const [a, b] = await newGroups(2, '会员群');
    const code = await createCode({
      name: '会员群活码',
      groupNameTemplate: '茶屿会员群{n}',
      ownerStaffIds: [w.ids.guide1],
      groupIds: [a, b],
      memberCap: 100,
    });
    expect(code.url).toMatch(/\/j\/[0-9A-Za-z]{10}$/);
    expect(code.nextNumber).toBe(3);
    expect(code.pool.map((g: { groupId: number }) => g.groupId)).toEqual([a, b]);
    expect(code.pool.every((g: { wayId: number | null; qrCode: string | null }) => g.wayId !== null && g.qrCode)).toBe(true);
    // Each way is headed by the group it leads to, and the simulated WeCom holds the same list.
    for (const way of await readWays(sys(), code.id)) {
      const sim = await simulatorOf(w.deps).getWay({ tenantId: w.tenantId, configId: way.configId });
      expect(sim?.members).toEqual(way.chatIds);
      expect(sim?.state).toBe(`gc${code.id}`);
    }
    const list = await json(await w.request('GET', '/api/group-codes?pageSize=5&q=会员', { as: 'operator' }));
    expect(list.items.map((c: { id: number }) => c.id)).toContain(code.id);
    expect(list.items[0]).toMatchObject({ poolSize: 2, groupsWithRoom: 2 });
    const one = await w.request('GET', `/api/group-codes/${code.id}`, { as: 'admin' });
    expect(one.status).toBe(200);
    // The printable poster carries the permanent link in its QR.
    const poster = await w.request('GET', `/api/group-codes/${code.id}/poster.png`, { as: 'operator' });
    expect(poster.headers.get('content-type')).toBe('image/png');
    expect(await decodeQr(new Uint8Array(await poster.arrayBuffer()))).toBe(code.url);
  });

  it('refuses bad settings with a message that says what to fix', async () => {
    const [g] = await newGroups(1, '校验群');
    const bad = async (body: Record<string, unknown>, status: number, text: RegExp) => {
      const res = await w.request('POST', '/api/group-codes', {
        as: 'operator',
        body: { name: 'x', groupNameTemplate: '群{n}', ownerStaffIds: [w.ids.guide1], ...body },
      });
      const out = await json(res);
      expect(res.status, JSON.stringify(out)).toBe(status);
      expect(out.error.message).toMatch(text);
    };
    await bad({ groupNameTemplate: '会员群' }, 400, /\{n\}/);
    await bad({ memberCap: 201 }, 400, /200/);
    await bad({ memberCap: 0 }, 400, /at least 1/);
    await bad({ ownerStaffIds: [] }, 400, /owner/);
    await bad({ groupIds: [g, g] }, 400, /twice/);
    await bad({ groupIds: [999_999] }, 404, /not found/);
    await bad({ ownerStaffIds: [999_999] }, 400, /does not exist/);
    const first = await createCode({ name: '先占', groupNameTemplate: '群{n}', ownerStaffIds: [w.ids.guide1], groupIds: [g] });
    await bad({ groupIds: [g] }, 409, /先占/);
    const empty = await w.request('PATCH', `/api/group-codes/${first.id}`, { as: 'operator', body: {} });
    expect(empty.status).toBe(400);
  });

  it('lets only HQ roles change codes; a store manager sees their store’s codes only', async () => {
    const mine = await createCode({
      name: '徐汇店群码',
      storeId: w.ids.store1,
      groupNameTemplate: '徐汇{n}',
      ownerStaffIds: [w.ids.guide1],
    });
    const other = await createCode({
      name: '西湖店群码',
      storeId: w.ids.store2,
      groupNameTemplate: '西湖{n}',
      ownerStaffIds: [w.ids.guide3],
    });
    expect((await w.request('GET', `/api/group-codes/${mine.id}`, { as: 'manager1' })).status).toBe(200);
    expect((await w.request('GET', `/api/group-codes/${other.id}`, { as: 'manager1' })).status).toBe(404);
    const list = await json(await w.request('GET', '/api/group-codes?pageSize=200', { as: 'manager1' }));
    expect(list.items.every((c: { storeId: number }) => c.storeId === w.ids.store1)).toBe(true);
    expect((await w.request('PATCH', `/api/group-codes/${mine.id}`, { as: 'manager1', body: { name: 'y' } })).status).toBe(403);
    expect((await w.request('GET', '/api/group-codes', { as: 'guide1' })).status).toBe(403);
    const del = await w.request('DELETE', `/api/group-codes/${other.id}`, { as: 'operator' });
    expect(del.status).toBe(204);
    expect((await w.request('GET', `/api/group-codes/${other.id}`, { as: 'admin' })).status).toBe(404);
  });
});

describe('the landing', () => {
  it('routes a visitor, gives the same seat on reload, and says when the code is paused or unknown', async () => {
    const [g] = await newGroups(1, '落地群');
    const code = await createCode({ name: '落地页', groupNameTemplate: '落地{n}', ownerStaffIds: [w.ids.guide1], groupIds: [g] });
    const open = (query = '') => w.app.request(`/api/public/group-codes/${code.slug}${query}`);
    const first = await open('?v=visitor-0001');
    expect(first.status).toBe(200);
    const landing = await json(first);
    expect(landing).toMatchObject({ status: 'ok', codeName: '落地页', group: { name: '落地群1', memberCount: 1, cap: 200 } });
    expect(landing.qrCode).toMatch(/^https:\/\/sim\.pond\.local\/qr\//);
    expect((await json(await open('?v=visitor-0001'))).seatExpiresAt >= landing.seatExpiresAt).toBe(true);
    expect((await readPool(sys(), code.id))[0]?.reserved).toBe(1);
    await open('?v=visitor-0002');
    expect((await readPool(sys(), code.id))[0]?.reserved).toBe(2);
    // A customer token is used when valid, ignored when forged.
    const token = customerToken(w.deps, w.tenantId, w.ids.c2);
    expect((await w.app.request(`/api/public/group-codes/${code.slug}`, { headers: { 'x-pond-customer': token } })).status).toBe(
      200,
    );
    expect(
      (await w.app.request(`/api/public/group-codes/${code.slug}`, { headers: { 'x-pond-customer': 'x.y.z' } })).status,
    ).toBe(200);
    expect((await open('?v=bad id')).status).toBe(400);
    expect((await w.app.request('/api/public/group-codes/Zz9unknown0')).status).toBe(404);

    const preview = await json(await w.request('GET', `/api/group-codes/${code.id}/preview`, { as: 'operator' }));
    expect(preview).toMatchObject({ status: 'ok', group: { id: g }, opensNext: false });
    await w.request('PATCH', `/api/group-codes/${code.id}`, { as: 'operator', body: { status: 'paused' } });
    const paused = await open('?v=visitor-0003');
    expect(paused.status).toBe(200);
    expect(await json(paused)).toMatchObject({ status: 'paused', codeName: '落地页', group: null, qrCode: null });
  });

  it('releases seats nobody used, and reconciles drifted counters with the real member counts', async () => {
    const [g] = await newGroups(1, '过期群');
    const code = await createCode({ name: '过期', groupNameTemplate: '过期{n}', ownerStaffIds: [w.ids.guide1], groupIds: [g] });
    for (const v of ['a', 'b', 'c']) await w.app.request(`/api/public/group-codes/${code.slug}?v=visitor-${v}-0000`);
    expect((await readPool(sys(), code.id))[0]?.reserved).toBe(3);
    await w.deps.db.execute(sql`update group_code_groups set members = 77 where code_id = ${code.id}`);
    const later = { ...w.deps, now: () => new Date(Date.now() + 10 * 60_000) };
    const swept = await sweepGroupCodes(later);
    expect(swept.expired).toBeGreaterThanOrEqual(3);
    const [row] = await readPool(sys(), code.id);
    expect(row).toMatchObject({ reserved: 0, members: 1 });
    const seats = await w.deps.db.select().from(groupCodeSeats).where(eq(groupCodeSeats.codeId, code.id));
    expect(seats.every((s) => s.status === 'expired')).toBe(true);
  });

  it('with auto-open off, a full code answers "full" and tells operators once', async () => {
    const [g] = await newGroups(1, '满员群');
    const code = await createCode({
      name: '不自动建群',
      groupNameTemplate: '满员{n}',
      autoOpen: false,
      memberCap: 2,
      groupIds: [g],
    });
    const [c1, c2] = await newCustomers(2);
    await joinThroughGroupCode(sys(), { codeId: code.id, customerId: c1 ?? 0 });
    for (const v of ['x', 'y']) {
      const res = await w.app.request(`/api/public/group-codes/${code.slug}?v=full-${v}-00000`);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ status: 'full', group: null });
    }
    await expect(joinThroughGroupCode(sys(), { codeId: code.id, customerId: c2 ?? 0 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await notificationsOf('group_code.full', code.id)).toHaveLength(1);
    const preview = await json(await w.request('GET', `/api/group-codes/${code.id}/preview`, { as: 'operator' }));
    expect(preview).toMatchObject({ status: 'full', opensNext: false });
  });
});

describe('the seat claim itself', () => {
  it('hands out exactly the free seats when 120 claims race on one group, without the in-process line', async () => {
    const [g] = await newGroups(1, '抢座群');
    const code = await createCode({ name: '抢座', groupNameTemplate: '抢座{n}', autoOpen: false, memberCap: 21, groupIds: [g] });
    // The owner takes one place: 20 seats for 120 claims fired at once straight at the database.
    const claims = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        claimSeat(sys(), {
          codeId: code.id,
          rule: 'fill_in_order',
          customerId: null,
          visitorKey: `race-${i}`,
          skipLocked: i % 2 === 0,
        }),
      ),
    );
    expect(claims.filter((c) => c !== null)).toHaveLength(20);
    const [row] = await readPool(sys(), code.id);
    expect(row).toMatchObject({ members: 1, reserved: 20, cap: 21 });
    const seats = await w.deps.db.select().from(groupCodeSeats).where(eq(groupCodeSeats.codeId, code.id));
    expect(seats).toHaveLength(20);
  });
});

describe('a burst of joins through one code', () => {
  // 500 customers join at once through a code whose pool starts with 2 groups of cap 50 (the owner
  // takes one place): 98 places, then new groups of 49 places open one at a time → 9 opened.
  const BURST = 500;
  const CAP = 50;
  let codeId = 0;

  it('never puts a group over its cap, seats everyone, opens exactly the groups needed and tells operators of each', async () => {
    const start = await newGroups(2, '爆发群');
    const code = await createCode({
      name: '爆发测试',
      groupNameTemplate: '爆发会员群{n}',
      ownerStaffIds: [w.ids.guide1, w.ids.guide2],
      groupIds: start,
      memberCap: CAP,
      welcomeText: '欢迎入群！',
      notice: '群公告：每周三会员日',
    });
    codeId = code.id;
    const people = await newCustomers(BURST);
    const results = await Promise.allSettled(people.map((customerId) => joinThroughGroupCode(sys(), { codeId, customerId })));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(failures.slice(0, 3)).toEqual([]);
    await w.deps.queue.drain();

    const pool = await readPool(sys(), codeId);
    const expectedOpened = Math.ceil((BURST - 2 * (CAP - 1)) / (CAP - 1));
    expect(pool).toHaveLength(2 + expectedOpened);
    const real = await getGroupRefsByIds(
      sys(),
      pool.map((g) => g.groupId),
    );
    for (const g of pool) {
      expect(g.members).toBeLessThanOrEqual(CAP);
      expect(real.get(g.groupId)?.memberCount).toBe(g.members);
      expect(g.reserved).toBe(0);
    }
    // Every customer is in exactly one pool group; each group has its owner besides.
    expect(pool.reduce((n, g) => n + g.members, 0)).toBe(BURST + pool.length);
    const joins = await w.deps.db.select().from(groupCodeJoins).where(eq(groupCodeJoins.codeId, codeId));
    expect(joins).toHaveLength(BURST);
    expect(new Set(joins.map((j) => j.customerId)).size).toBe(BURST);
    expect(joins.every((j) => j.seatId !== null)).toBe(true);

    const openings = await w.deps.db.select().from(groupCodeOpenings).where(eq(groupCodeOpenings.codeId, codeId));
    expect(openings.map((o) => o.status)).toEqual(Array(expectedOpened).fill('opened'));
    expect(openings.map((o) => o.number).sort((a, b) => a - b)).toEqual(Array.from({ length: expectedOpened }, (_, i) => i + 3));
    expect(new Set(openings.map((o) => o.name)).size).toBe(expectedOpened);
    expect(openings.map((o) => o.ownerStaffId)).toEqual(
      expect.arrayContaining([w.ids.guide1, w.ids.guide2].filter((id) => id !== undefined)),
    );
    expect(await notificationsOf('group_code.group_opened', codeId)).toHaveLength(expectedOpened);
    const [after] = await w.deps.db.select().from(groupCodes).where(eq(groupCodes.id, codeId));
    expect(after?.nextNumber).toBe(3 + expectedOpened);
    // A burst on a shared 2-core machine: give it time; the figures are in docs/benchmarks.md.
  }, 300_000);

  it('keeps the join ways rotated: no full group listed, each way headed by its own group, ≤ 5 chats, as WeCom holds them', async () => {
    await w.deps.queue.drain();
    const pool = await readPool(sys(), codeId);
    const byChat = new Map(pool.map((g) => [g.chatId, g]));
    const ways = await readWays(sys(), codeId);
    expect(ways.length).toBeGreaterThan(0);
    const heads = ways.map((way) => way.chatIds[0]);
    expect(new Set(heads).size).toBe(heads.length);
    for (const way of ways) {
      expect(way.chatIds.length).toBeLessThanOrEqual(5);
      for (const chat of way.chatIds) {
        const g = byChat.get(chat);
        expect(g && !isFull(g)).toBe(true);
      }
      const sim = await simulatorOf(w.deps).getWay({ tenantId: w.tenantId, configId: way.configId });
      expect(sim?.members).toEqual(way.chatIds);
    }
  });

  it('counts joins, leaves and openings in the statistics, and lists the opened groups', async () => {
    const pool = await readPool(sys(), codeId);
    const group = pool.find((g) => g.members > 1);
    const [member] = await w.deps.db
      .select({ customerId: groupCodeJoins.customerId })
      .from(groupCodeJoins)
      .where(and(eq(groupCodeJoins.codeId, codeId), eq(groupCodeJoins.groupId, group?.groupId ?? 0)))
      .limit(1);
    await performSimAction(sys(), { type: 'leave_group', groupId: group?.groupId ?? 0, customerId: member?.customerId ?? 0 });
    const [left] = await readPool(sys(), codeId).then((p) => p.filter((g) => g.groupId === group?.groupId));
    expect(left?.members).toBe((group?.members ?? 0) - 1);

    const stats = await json(await w.request('GET', `/api/group-codes/${codeId}/stats?days=3`, { as: 'operator' }));
    expect(stats.days).toHaveLength(3);
    expect(stats.totals).toMatchObject({ joins: BURST, visits: BURST, left: 1, groupsOpened: 9 });
    expect(stats.groups).toHaveLength(11);
    const openings = await json(await w.request('GET', `/api/group-codes/${codeId}/openings?pageSize=5`, { as: 'operator' }));
    expect(openings.total).toBe(9);
    expect(openings.items[0]).toMatchObject({ number: 11, name: '爆发会员群11', status: 'opened' });
  });
});

describe('customers who scan a join way directly (not through the landing)', () => {
  it('count in the pool; a group that fills leaves the ways and the next group opens without waiting for a visitor', async () => {
    const [g] = await newGroups(1, '直扫群');
    const code = await createCode({
      name: '直扫',
      groupNameTemplate: '直扫{n}',
      ownerStaffIds: [w.ids.guide1],
      groupIds: [g],
      memberCap: 3,
    });
    const [way] = await readWays(sys(), code.id);
    const people = await newCustomers(2);
    for (const customerId of people) {
      await performSimAction(sys(), { type: 'scan_join_way', configId: way?.configId ?? '', customerId });
    }
    expect((await readPool(sys(), code.id))[0]).toMatchObject({ members: 3, reserved: 0 });
    // The join that filled the group asked for a sync; the worker runs it.
    await w.deps.queue.drain();
    const pool = await readPool(sys(), code.id);
    expect(pool).toHaveLength(2);
    expect(pool[1]).toMatchObject({ members: 1, openedNumber: 2 });
    const ways = await readWays(sys(), code.id);
    expect(ways.map((x) => x.chatIds)).toEqual([[pool[1]?.chatId]]);
    const joins = await w.deps.db.select().from(groupCodeJoins).where(eq(groupCodeJoins.codeId, code.id));
    expect(joins).toHaveLength(2);
    expect(await notificationsOf('group_code.group_opened', code.id)).toHaveLength(1);
  });
});

describe('simulated visitors scan the join way the landing shows', () => {
  it('land in the routed group and keep least-full groups level', async () => {
    const start = await newGroups(3, '扫码群');
    const code = await createCode({
      name: '扫码',
      groupNameTemplate: '扫码{n}',
      ownerStaffIds: [w.ids.guide3],
      groupIds: start,
      rule: 'least_full',
      memberCap: 10,
    });
    const res = await w.request('POST', `/api/group-codes/${code.id}/simulate`, { as: 'operator', body: { count: 24 } });
    const out = await json(res);
    expect(res.status, JSON.stringify(out)).toBe(200);
    expect(out).toMatchObject({ joined: 24, failed: 0, groupsOpened: 0 });
    const pool = await readPool(sys(), code.id);
    expect(pool.map((g) => g.members)).toEqual([9, 9, 9]);
    const joins = await w.deps.db
      .select()
      .from(groupCodeJoins)
      .where(and(eq(groupCodeJoins.codeId, code.id), inArray(groupCodeJoins.groupId, start)));
    expect(joins).toHaveLength(24);
    expect(joins.every((j) => j.seatId !== null)).toBe(true);
    const more = await json(
      await w.request('POST', `/api/group-codes/${code.id}/simulate`, { as: 'operator', body: { count: 4 } }),
    );
    expect(more).toMatchObject({ joined: 4, groupsOpened: 1 });
  });
});
