import { simChatLog, simMassTasks } from '@pond/channels/simulator/simulator.tables';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { customers, follows } from '../../customers/customers.tables.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { guideTasks } from '../../tasks/tasks.tables.ts';
import { isHeldOut } from '../broadcast-rules.ts';
import { broadcastRecipients, broadcasts, broadcastTasks } from '../broadcasts.tables.ts';
import { collectBroadcastResults } from '../collect-broadcast-results.ts';
import { PLANNING_LEASE_MS, planBroadcast } from '../plan-broadcast.ts';

let w: TestWorld;
// 12:00 in Shanghai, in the past of the real clock (the queue's startAfter runs on real time).
let now = new Date('2026-11-10T04:00:00Z');
beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => now;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const bothStores = () => ({ any: [{ store: String(w.ids.store1) }, { store: String(w.ids.store2) }] });
const create = async (body: Record<string, unknown>) => {
  const res = await w.request('POST', '/api/broadcasts', {
    as: 'operator',
    body: { name: '周末上新', audience: bothStores(), content: { text: '本周新品第二杯半价' }, ...body },
  });
  return { status: res.status, body: (await res.json()) as { id: number; status: string; error?: { message: string } } };
};
const recipients = async (broadcastId: number) =>
  w.deps.db
    .select()
    .from(broadcastRecipients)
    .where(and(eq(broadcastRecipients.tenantId, w.tenantId), eq(broadcastRecipients.broadcastId, broadcastId)));

describe('broadcasts: validation', () => {
  it('documents every broadcast route in the OpenAPI document', async () => {
    const res = await w.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/broadcasts', '/api/broadcasts/preview', '/api/broadcasts/{id}/send', '/api/broadcasts/{id}/stats'])
      expect(Object.keys(doc.paths)).toContain(path);
  });

  it.each([
    [{ holdoutPercent: 60 }, /holdoutPercent/],
    [{ content: {} }, /Content needs text/],
    [{ audience: null }, /audience/],
    [{ capPerDay: 3, capPerWeek: 2 }, /capPerWeek/],
    [{ quietStart: '25:00' }, /HH:MM/],
    [{ target: 'groups' }, /groupFilter/],
  ])('%j → 400', async (body, message) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(message);
  });

  it('refuses a schedule in the past and an empty audience with 400, and guides/managers with 403', async () => {
    const past = await create({ sendAt: '2026-11-01T00:00:00Z' });
    expect(past.status).toBe(201);
    const send = await w.request('POST', `/api/broadcasts/${past.body.id}/send`, { as: 'operator', body: { when: 'schedule' } });
    expect(send.status).toBe(400);
    expect(((await send.json()) as { error: { message: string } }).error.message).toMatch(/passed/);

    const empty = await create({ audience: { tag: '999999' } });
    const sendEmpty = await w.request('POST', `/api/broadcasts/${empty.body.id}/send`, { as: 'operator', body: { when: 'now' } });
    expect(sendEmpty.status).toBe(400);
    expect(((await sendEmpty.json()) as { error: { message: string } }).error.message).toMatch(/nobody/);

    expect((await w.request('GET', '/api/broadcasts', { as: 'guide1' })).status).toBe(403);
    expect((await w.request('GET', '/api/broadcasts', { as: 'manager1' })).status).toBe(403);
  });
});

describe('broadcasts: plan, send through the outbox, collect results', () => {
  it('previews reach after caps and quiet hours, then sends once per recipient and reports results', async () => {
    // A fourth customer nobody follows any more: not a friend.
    const [c4] = await w.deps.db
      .insert(customers)
      .values({ tenantId: w.tenantId, name: '孙丽', storeId: w.ids.store2, externalUserId: 'wm_c4' })
      .returning();
    if (!c4) throw new Error('c4');
    await w.deps.db.insert(follows).values({
      tenantId: w.tenantId,
      customerId: c4.id,
      staffId: w.ids.guide3,
      addedAt: new Date('2026-01-01T00:00:00Z'),
      deletedAt: new Date('2026-02-01T00:00:00Z'),
      deletedBy: 'customer',
    });

    const preview = await w.request('POST', '/api/broadcasts/preview', {
      as: 'operator',
      body: { audience: bothStores(), sendAt: '2026-11-10T14:00:00Z' }, // 22:00 in Shanghai
    });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as {
      audience: number;
      notFriend: number;
      reach: number;
      startsAt: string;
      deferredByQuietHours: boolean;
      byStore: { storeId: number | null; reach: number }[];
    };
    expect(p).toMatchObject({
      audience: 4,
      notFriend: 1,
      reach: 3,
      deferredByQuietHours: true,
      startsAt: '2026-11-11T01:00:00.000Z',
    });
    expect(p.byStore.find((s) => s.storeId === w.ids.store1)?.reach).toBe(2);

    const created = await create({});
    expect(created.status).toBe(201);
    const id = created.body.id;
    const sent = await w.request('POST', `/api/broadcasts/${id}/send`, { as: 'operator', body: { when: 'now' } });
    expect(sent.status).toBe(200);
    expect(((await sent.json()) as { status: string }).status).toBe('scheduled');
    // Sent and read-only: a second send and an edit conflict.
    expect((await w.request('POST', `/api/broadcasts/${id}/send`, { as: 'operator', body: { when: 'now' } })).status).toBe(409);
    expect((await w.request('PATCH', `/api/broadcasts/${id}`, { as: 'operator', body: { name: 'x' } })).status).toBe(409);

    await w.deps.queue.drain();
    const rows = await recipients(id);
    expect(rows.map((r) => [r.recipientId, r.status]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [w.ids.c1, 'queued'],
      [w.ids.c2, 'queued'],
      [w.ids.c3, 'queued'],
      [c4.id, 'not_friend'],
    ]);
    const tasks = await w.deps.db.select().from(broadcastTasks).where(eq(broadcastTasks.broadcastId, id));
    expect(tasks).toHaveLength(3);
    // The outbox created one mass task per staff member; each guide got a confirm task.
    const mass = await w.deps.db.select().from(simMassTasks).where(eq(simMassTasks.tenantId, w.tenantId));
    expect(mass.flatMap((m) => m.targets).sort()).toEqual(['wm_c1', 'wm_c2', 'wm_c3']);
    const confirms = await w.deps.db
      .select()
      .from(guideTasks)
      .where(and(eq(guideTasks.tenantId, w.tenantId), eq(guideTasks.kind, 'broadcast_confirm')));
    expect(confirms.map((t) => t.staffId).sort()).toEqual([w.ids.guide1, w.ids.guide2, w.ids.guide3].sort());

    // A planning under way is not run twice; once its lease ran out (a dead worker) it is taken
    // over, and the re-run changes nothing (idempotent): no new rows, tasks or actions.
    await w.deps.db.update(broadcasts).set({ status: 'planning', planningAt: now }).where(eq(broadcasts.id, id));
    expect((await planBroadcast(w.deps, { tenantId: w.tenantId, broadcastId: id })).outcome).toBe('skipped');
    await w.deps.db
      .update(broadcasts)
      .set({ planningAt: new Date(now.getTime() - PLANNING_LEASE_MS - 1000) })
      .where(eq(broadcasts.id, id));
    expect((await planBroadcast(w.deps, { tenantId: w.tenantId, broadcastId: id })).outcome).toBe('planned');
    expect(await recipients(id)).toHaveLength(4);
    const actions = await w.deps.db
      .select()
      .from(outboundActions)
      .where(and(eq(outboundActions.tenantId, w.tenantId), sql`${outboundActions.idempotencyKey} like ${`broadcast:${id}:%`}`));
    expect(actions).toHaveLength(3);

    // guide1 confirms; guide2 unfriended c2 before confirming; guide3 never confirms.
    const sim = simulatorOf(w.deps);
    const msgOf = (userId: string) => mass.find((m) => m.staffUserId === userId)?.msgId ?? '';
    await sim.confirmMassTask({ tenantId: w.tenantId, msgId: msgOf('wangfang') });
    await w.deps.db.update(follows).set({ deletedAt: now, deletedBy: 'customer' }).where(eq(follows.customerId, w.ids.c2));
    await sim.confirmMassTask({ tenantId: w.tenantId, msgId: msgOf('lina') });
    let r = await collectBroadcastResults(w.deps, { tenantId: w.tenantId, broadcastId: id });
    expect(r).toEqual({ open: 1, settled: 2 });
    // More than three days after its creation the last task counts as unconfirmed and the broadcast is done.
    await w.deps.db
      .update(broadcastTasks)
      .set({ createdAt: new Date('2026-11-06T04:00:00Z') })
      .where(eq(broadcastTasks.broadcastId, id));
    r = await collectBroadcastResults(w.deps, { tenantId: w.tenantId, broadcastId: id });
    expect(r).toEqual({ open: 0, settled: 1 });

    const stats = await w.request('GET', `/api/broadcasts/${id}/stats`, { as: 'operator' });
    const s = (await stats.json()) as {
      total: Record<string, number>;
      byStore: { storeId: number; counts: Record<string, number> }[];
    };
    expect(s.total).toEqual({ sent: 1, not_friend: 2, unconfirmed: 1 });
    expect(s.byStore.find((x) => x.storeId === w.ids.store2)?.counts).toEqual({ unconfirmed: 1 });
    const b = await w.request('GET', `/api/broadcasts/${id}`, { as: 'operator' });
    expect(((await b.json()) as { status: string }).status).toBe('sent');
    const list = await w.request('GET', `/api/broadcasts/${id}/recipients?status=sent`, { as: 'operator' });
    expect(((await list.json()) as { items: { recipientId: number }[]; total: number }).items.map((x) => x.recipientId)).toEqual([
      w.ids.c1,
    ]);
    // What the channel did: c1 got exactly one message.
    const lines = await w.deps.db.select().from(simChatLog).where(eq(simChatLog.conversation, 'private:wangfang:wm_c1'));
    expect(lines.filter((l) => l.content.includes('本周新品第二杯半价'))).toHaveLength(1);
  });

  it('caps: a customer who already got today’s broadcast is capped; holdout keeps the control group', async () => {
    // c1 got the first broadcast today (sent); c2 is a friend again.
    await w.deps.db.update(follows).set({ deletedAt: null, deletedBy: null }).where(eq(follows.customerId, w.ids.c2));
    const second = await create({ name: '第二条', capPerDay: 1 });
    const preview = await w.request('POST', '/api/broadcasts/preview', { as: 'operator', body: { audience: bothStores() } });
    expect(((await preview.json()) as { capped: number }).capped).toBe(1);
    await w.request('POST', `/api/broadcasts/${second.body.id}/send`, { as: 'operator', body: { when: 'now' } });
    await w.deps.queue.drain();
    const rows = await recipients(second.body.id);
    expect(rows.find((x) => x.recipientId === w.ids.c1)?.status).toBe('capped');
    expect(rows.find((x) => x.recipientId === w.ids.c2)?.status).toBe('queued');

    const third = await create({ name: '对照组', holdoutPercent: 50, capPerDay: 5, capPerWeek: 10 });
    await w.request('POST', `/api/broadcasts/${third.body.id}/send`, { as: 'operator', body: { when: 'now' } });
    await w.deps.queue.drain();
    for (const row of await recipients(third.body.id)) {
      if (row.status === 'not_friend') continue;
      expect(row.status === 'held_out').toBe(isHeldOut(third.body.id, row.recipientId, 50));
    }
  });

  it('sends to groups through their owners, and cancels a scheduled broadcast', async () => {
    const g = await create({ name: '群发', target: 'groups', groupFilter: { storeIds: [w.ids.store1, w.ids.store2] } });
    expect(g.status).toBe(201);
    await w.request('POST', `/api/broadcasts/${g.body.id}/send`, { as: 'operator', body: { when: 'now' } });
    await w.deps.queue.drain();
    const rows = await recipients(g.body.id);
    expect(rows.map((x) => [x.recipientId, x.staffId, x.externalId]).sort()).toEqual(
      [
        [w.ids.group1, w.ids.guide1, 'wr_g1'],
        [w.ids.group2, w.ids.guide3, 'wr_g2'],
      ].sort(),
    );
    const mass = await w.deps.db.select().from(simMassTasks).where(eq(simMassTasks.chatType, 'group'));
    expect(mass.flatMap((m) => m.targets).sort()).toEqual(['wr_g1', 'wr_g2']);

    const later = await create({ name: '明天', sendAt: new Date(now.getTime() + 24 * 3600 * 1000).toISOString() });
    await w.request('POST', `/api/broadcasts/${later.body.id}/send`, { as: 'operator', body: { when: 'schedule' } });
    const cancel = await w.request('POST', `/api/broadcasts/${later.body.id}/cancel`, { as: 'operator' });
    expect(((await cancel.json()) as { status: string }).status).toBe('cancelled');
    await planBroadcast(w.deps, { tenantId: w.tenantId, broadcastId: later.body.id });
    expect(await recipients(later.body.id)).toHaveLength(0);
  });

  it('sends to a saved audience, and fails with the reason when that audience is gone by send time', async () => {
    const saved = await w.request('POST', '/api/audiences', {
      as: 'operator',
      body: { name: '徐汇店顾客', expression: { store: String(w.ids.store1) } },
    });
    expect(saved.status).toBe(201);
    const audienceId = ((await saved.json()) as { id: number }).id;
    const b = await create({ name: '已保存人群', audience: undefined, audienceId, capPerDay: 9, capPerWeek: 20 });
    expect(b.status).toBe(201);
    const preview = await w.request('POST', '/api/broadcasts/preview', { as: 'operator', body: { audienceId } });
    expect(((await preview.json()) as { audience: number }).audience).toBe(2);

    const later = await create({
      name: '人群已删',
      audience: undefined,
      audienceId,
      sendAt: new Date(now.getTime() + 3600_000).toISOString(),
    });
    await w.request('POST', `/api/broadcasts/${later.body.id}/send`, { as: 'operator', body: { when: 'schedule' } });
    expect((await w.request('DELETE', `/api/audiences/${audienceId}`, { as: 'operator' })).status).toBe(204);
    now = new Date(now.getTime() + 2 * 3600_000);
    await planBroadcast(w.deps, { tenantId: w.tenantId, broadcastId: later.body.id });
    const [row] = await w.deps.db.select().from(broadcasts).where(eq(broadcasts.id, later.body.id));
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/not exist|not found/i);
    expect(await recipients(later.body.id)).toHaveLength(0);
  });
});
