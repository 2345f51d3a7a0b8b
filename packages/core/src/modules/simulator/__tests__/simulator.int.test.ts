import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { customerEvents, follows } from '../../customers/customers.tables.ts';
import { groupChats, messages } from '../../groups/groups.tables.ts';
import { inboxEvents } from '../../inbox/inbox.tables.ts';
import { orders } from '../../orders/orders.tables.ts';
import { recordOrder } from '../../orders/record-order.ts';
import { refundOrder } from '../../orders/refund-order.ts';
import { tenants } from '../../org/org.tables.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const act = (body: unknown, as = 'admin', query = '') => w.request('POST', `/api/sim/actions${query}`, { as, body });
const followOf = async (customerId: number, staffId: number) => {
  const [row] = await w.deps.db
    .select()
    .from(follows)
    .where(and(eq(follows.tenantId, w.tenantId), eq(follows.customerId, customerId), eq(follows.staffId, staffId)));
  return row;
};
const timeline = (customerId: number, type: string) =>
  w.deps.db
    .select()
    .from(customerEvents)
    .where(
      and(eq(customerEvents.tenantId, w.tenantId), eq(customerEvents.customerId, customerId), eq(customerEvents.type, type)),
    );

describe('POST /api/sim/actions', () => {
  it('a new customer adds a guide: customer, follow, timeline, and the welcome in the chat log', async () => {
    const res = await act({
      type: 'add_staff',
      staffId: w.ids.guide1,
      newCustomer: { name: '沈佳', gender: 2 },
      state: 'store-qr',
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ ok: true, duplicates: 0, deferred: 0 });
    expect(body.inboxEventIds).toHaveLength(1);
    expect(body.externalUserId).toMatch(/^wm[0-9a-f]{30}$/);
    expect(body.welcomeCode).toBeTruthy();
    expect(await followOf(body.customerId, w.ids.guide1)).toMatchObject({ state: 'store-qr', deletedAt: null });
    expect(await timeline(body.customerId, 'follow.added')).toHaveLength(1);

    await w.deps.queue.drain();
    const conversation = `private:wangfang:${body.externalUserId}`;
    const log = await w.request('GET', `/api/sim/log?conversation=${conversation}`);
    expect(log.status).toBe(200);
    const items = (await json(log)).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ conversation, sender: 'pond', senderName: '王芳', msgType: 'text' });
    expect(items[0].content).toContain('沈佳');
  });

  it('deliver=twice stores one inbox row and applies once', async () => {
    const res = await act({ type: 'add_staff', staffId: w.ids.guide2, newCustomer: { name: '韩梅' } }, 'admin', '?deliver=twice');
    const body = await json(res);
    expect(body).toMatchObject({ ok: true, duplicates: 1 });
    expect(body.inboxEventIds).toHaveLength(1);
    expect(await timeline(body.customerId, 'follow.added')).toHaveLength(1);
  });

  it('deliver=late hands the callback over later, through the queue', async () => {
    const res = await act(
      { type: 'add_staff', staffId: w.ids.guide2, newCustomer: { name: '晚到' } },
      'admin',
      '?deliver=late&lateBySeconds=0',
    );
    const body = await json(res);
    expect(body).toMatchObject({ ok: true, deferred: 1, inboxEventIds: [] });
    expect(body.customerId).toBeUndefined();
    await w.deps.queue.drain();
    const stored = await w.deps.db.select().from(inboxEvents).where(eq(inboxEvents.tenantId, w.tenantId));
    const row = stored.find((r) => (r.payload as { externalUserId?: string }).externalUserId === body.externalUserId);
    expect(row).toMatchObject({ status: 'processed', channel: 'simulator' });
  });

  it('delete and re-add through the simulator count a re-add', async () => {
    const del = await act({ type: 'delete_staff', staffId: w.ids.guide3, customerId: w.ids.c3, by: 'customer' });
    expect(del.status).toBe(200);
    expect(await followOf(w.ids.c3, w.ids.guide3)).toMatchObject({ deletedBy: 'customer' });
    const again = await act({ type: 'delete_staff', staffId: w.ids.guide3, customerId: w.ids.c3 });
    expect(again.status).toBe(409);
    const readd = await act({ type: 'add_staff', staffId: w.ids.guide3, customerId: w.ids.c3 });
    expect(readd.status).toBe(200);
    expect(await followOf(w.ids.c3, w.ids.guide3)).toMatchObject({ deletedAt: null, readds: 1 });
  });

  it('joins and leaves a group, keeping the member count', async () => {
    const count = async () => (await w.deps.db.select().from(groupChats).where(eq(groupChats.id, w.ids.group1)))[0]?.memberCount;
    const before = await count();
    expect((await act({ type: 'join_group', groupId: w.ids.group1, customerId: w.ids.c2, state: 'g-qr' })).status).toBe(200);
    expect(await count()).toBe((before ?? 0) + 1);
    expect((await timeline(w.ids.c2, 'group.joined'))[0]?.data).toMatchObject({ groupName: '徐汇店福利1群', state: 'g-qr' });
    const twice = await act({ type: 'join_group', groupId: w.ids.group1, customerId: w.ids.c2 });
    expect(twice.status).toBe(409);
    expect((await act({ type: 'leave_group', groupId: w.ids.group1, customerId: w.ids.c2 })).status).toBe(200);
    expect(await count()).toBe(before);
  });

  it('a full group refuses new members', async () => {
    await w.deps.db.update(groupChats).set({ memberCap: 1 }).where(eq(groupChats.id, w.ids.group2));
    const res = await act({ type: 'join_group', groupId: w.ids.group2, customerId: w.ids.c3 });
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toMatch(/full/);
  });

  it('messages go to the chat log and, as if session archive were on, to the inbox', async () => {
    const res = await act({ type: 'message', customerId: w.ids.c1, groupId: w.ids.group1, content: '有人一起拼单吗' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.msgId).toMatch(/^simmsg_\d+$/);
    const [stored] = await w.deps.db.select().from(messages).where(eq(messages.externalMsgId, body.msgId));
    expect(stored).toMatchObject({
      conversation: 'group',
      groupId: w.ids.group1,
      customerId: w.ids.c1,
      senderType: 'customer',
      content: '有人一起拼单吗',
    });
    const log = await json(await w.request('GET', '/api/sim/log?conversation=group:wr_g1'));
    expect(log.items.at(-1)).toMatchObject({ sender: 'wm_c1', senderName: '陈静', content: '有人一起拼单吗' });

    const direct = await act({ type: 'message', customerId: w.ids.c1, staffId: w.ids.guide1, content: '在吗？' });
    expect(direct.status).toBe(200);
    expect((await timeline(w.ids.c1, 'message')).map((e) => e.data.excerpt)).toEqual(
      expect.arrayContaining(['在吗？', '有人一起拼单吗']),
    );

    const both = await act({ type: 'message', customerId: w.ids.c1, staffId: w.ids.guide1, groupId: w.ids.group1, content: 'x' });
    expect(both.status).toBe(400);
  });

  it('an order is recorded with an order.paid timeline event', async () => {
    const res = await act({
      type: 'order',
      customerId: w.ids.c1,
      staffId: w.ids.guide1,
      amountCents: 3600,
      items: [{ sku: 'T01', name: '杨枝甘露', quantity: 2, priceCents: 1800 }],
    });
    expect(res.status).toBe(200);
    const { orderId } = await json(res);
    const [order] = await w.deps.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({
      customerId: w.ids.c1,
      storeId: w.ids.store1,
      staffId: w.ids.guide1,
      amountCents: 3600,
      status: 'paid',
    });
    expect(order?.externalId).toMatch(/^SIM-\d{8}-/);
    expect((await timeline(w.ids.c1, 'order.paid'))[0]?.data).toMatchObject({ orderId, amountCents: 3600, itemCount: 2 });
  });

  it('orders are idempotent on their number, and a refund applies once', async () => {
    const ctx = withActor(w.deps, systemActor(w.tenantId));
    const input = { externalId: 'POS-TEST-1', customerId: w.ids.c2, amountCents: 1500, paidAt: new Date('2026-03-01T10:00:00Z') };
    const first = await recordOrder(ctx, input);
    expect(await recordOrder(ctx, input)).toEqual({ orderId: first.orderId, duplicate: true });
    await expect(recordOrder(ctx, { ...input, customerId: w.ids.c1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const refundedAt = new Date('2026-03-02T10:00:00Z');
    expect(await refundOrder(ctx, { externalId: 'POS-TEST-1', refundedAt })).toEqual({
      orderId: first.orderId,
      duplicate: false,
    });
    expect(await refundOrder(ctx, { externalId: 'POS-TEST-1', refundedAt })).toEqual({ orderId: first.orderId, duplicate: true });
    expect(await timeline(w.ids.c2, 'order.paid')).toHaveLength(1);
    expect(await timeline(w.ids.c2, 'order.refunded')).toHaveLength(1);
    await expect(refundOrder(ctx, { externalId: 'POS-NOPE', refundedAt })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('unknown ids are 404 with the error shape; a malformed action is 400', async () => {
    const res = await act({ type: 'add_staff', staffId: 999_999, newCustomer: { name: 'x' } });
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(/Staff member 999999/);
    expect((await act({ type: 'join_group', groupId: 999_999, customerId: w.ids.c1 })).status).toBe(404);
    expect((await act({ type: 'delete_staff', staffId: w.ids.guide1, customerId: 999_999 })).status).toBe(404);
    const bad = await act({ type: 'teleport', staffId: 1 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('VALIDATION');
  });

  it('guides act only as themselves on their own customers; store managers within their store', async () => {
    expect((await act({ type: 'message', customerId: w.ids.c2, staffId: w.ids.guide2, content: 'hi' }, 'guide1')).status).toBe(
      404,
    );
    expect((await act({ type: 'add_staff', staffId: w.ids.guide2, newCustomer: { name: 'x' } }, 'guide1')).status).toBe(404);
    expect((await act({ type: 'message', customerId: w.ids.c1, staffId: w.ids.guide1, content: '你好' }, 'guide1')).status).toBe(
      200,
    );
    expect((await act({ type: 'add_staff', staffId: w.ids.guide3, newCustomer: { name: 'x' } }, 'manager1')).status).toBe(404);
    expect((await act({ type: 'add_staff', staffId: w.ids.guide2, newCustomer: { name: '店长代加' } }, 'manager1')).status).toBe(
      200,
    );
  });

  it('refuses to simulate for a tenant connected to WeCom', async () => {
    await w.deps.db.update(tenants).set({ channel: 'wecom' }).where(eq(tenants.id, w.otherTenantId));
    const login = await w.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'other', username: 'admin', password: TEST_PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await w.app.request('/api/sim/actions', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'order', customerId: w.ids.otherTenantCustomer, amountCents: 100 }),
    });
    expect(res.status).toBe(409);
  });
});

describe('GET /api/sim/status and /api/sim/log', () => {
  it('reports the clock', async () => {
    const res = await w.request('GET', '/api/sim/status', { as: 'guide1' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ speed: 1, running: false });
    expect(Number.isNaN(Date.parse(body.clock))).toBe(false);
  });

  it('pages the log with afterId; guides read only their own conversations', async () => {
    const all = (await json(await w.request('GET', '/api/sim/log?limit=200'))).items;
    expect(all.length).toBeGreaterThan(2);
    const after = (await json(await w.request('GET', `/api/sim/log?afterId=${all[0].id}&limit=1`))).items;
    expect(after).toEqual([all[1]]);
    expect((await w.request('GET', '/api/sim/log', { as: 'guide1' })).status).toBe(403);
    expect((await w.request('GET', '/api/sim/log?conversation=private:wangfang:wm_c1', { as: 'guide1' })).status).toBe(200);
    expect((await w.request('GET', '/api/sim/log?conversation=private:lina:wm_c2', { as: 'guide1' })).status).toBe(404);
    expect((await w.request('GET', '/api/sim/log?conversation=private:lina:wm_c2', { as: 'manager1' })).status).toBe(200);
    expect((await w.request('GET', '/api/sim/log?conversation=group:wr_g2', { as: 'manager1' })).status).toBe(404);
  });
});

describe('POST /api/sim/mass-tasks/{msgId}/confirm', () => {
  it('confirms as the staff member, within scope', async () => {
    const sim = simulatorOf(w.deps);
    const { msgId } = await sim.createMassTask({
      tenantId: w.tenantId,
      chatType: 'single',
      staffUserId: 'wangfang',
      targets: ['wm_c1', 'wm_c3'],
      content: { text: '周年庆全场8折', attachments: [] },
    });
    expect((await w.request('POST', `/api/sim/mass-tasks/${msgId}/confirm`, { as: 'guide2' })).status).toBe(404);
    const res = await w.request('POST', `/api/sim/mass-tasks/${msgId}/confirm`, { as: 'guide1' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      msgId,
      state: 'sent',
      results: [
        { target: 'wm_c1', status: 1 },
        { target: 'wm_c3', status: 2 },
      ],
    });
    expect((await w.request('POST', '/api/sim/mass-tasks/nope/confirm')).status).toBe(404);
  });

  it('every simulator route is in the OpenAPI document', async () => {
    const doc = await json(await w.app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/sim/actions', '/api/sim/status', '/api/sim/log', '/api/sim/mass-tasks/{msgId}/confirm']),
    );
  });
});
