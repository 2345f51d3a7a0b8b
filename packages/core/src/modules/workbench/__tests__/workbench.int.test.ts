import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { customerEvents, customers, follows } from '../../customers/customers.tables.ts';
import { orders } from '../../orders/orders.tables.ts';
import { registerOutboxJobs } from '../../outbox/outbox.jobs.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { tags } from '../../tags/tags.tables.ts';
import { createGuideTask } from '../../tasks/create-guide-task.ts';
import { guideTasks } from '../../tasks/tasks.tables.ts';

let w: TestWorld;
// Wednesday 2026-03-04, 10:00 in Shanghai: the week began Monday 03-02, the month on 03-01.
const clock = new Date('2026-03-04T10:00:00+08:00');
const at = (local: string) => new Date(`${local}+08:00`);
let c4: number;
let c5: number;

beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerOutboxJobs(w.deps);
  const db = w.deps.db;
  const t = w.tenantId;
  // guide1 (王芳) has c1 since January; c4 added this week; c5 added and deleted (by the customer) this week.
  const [r4, r5] = await db
    .insert(customers)
    .values([
      { tenantId: t, name: '周婷', storeId: w.ids.store1, externalUserId: 'wm_c4', source: 'wecom' },
      { tenantId: t, name: '吴昊', storeId: w.ids.store1, externalUserId: 'wm_c5', source: 'wecom' },
    ])
    .returning();
  if (!r4 || !r5) throw new Error('customers not created');
  c4 = r4.id;
  c5 = r5.id;
  await db.insert(follows).values([
    { tenantId: t, customerId: c4, staffId: w.ids.guide1, addedAt: at('2026-03-03T15:00:00') },
    {
      tenantId: t,
      customerId: c5,
      staffId: w.ids.guide1,
      addedAt: at('2026-03-02T09:00:00'),
      deletedAt: at('2026-03-03T09:00:00'),
      deletedBy: 'customer',
    },
  ]);
  await db
    .update(follows)
    .set({ remark: '老客户VIP' })
    .where(and(eq(follows.tenantId, t), eq(follows.customerId, w.ids.c1), eq(follows.staffId, w.ids.guide1)));
  const order = (externalId: string, customerId: number, amountCents: number, paidAt: Date, status = 'paid') => ({
    tenantId: t,
    externalId,
    customerId,
    amountCents,
    paidAt,
    status,
    storeId: w.ids.store1,
  });
  await db
    .insert(orders)
    .values([
      order('o1', w.ids.c1, 10000, at('2026-03-02T12:00:00')),
      order('o2', w.ids.c1, 5000, at('2026-03-03T12:00:00')),
      order('o3', c4, 3000, at('2026-02-27T12:00:00')),
      order('o4', c4, 8800, at('2026-03-03T18:00:00'), 'refunded'),
      order('o5', w.ids.c2, 99900, at('2026-03-03T12:00:00')),
    ]);
  // The fruit tag exists on the channel (synced); the milk tag is Pond-only.
  await db
    .update(tags)
    .set({ externalId: 'et_fruit' })
    .where(and(eq(tags.tenantId, t), eq(tags.id, w.ids.tagFruit)));
});
afterAll(async () => {
  await w?.deps.queue.stop();
  await w?.cleanup();
});

const sys = () => withActor(w.deps, systemActor(w.tenantId));
const task = async (
  staffId: number,
  key: string,
  dueAt: Date,
  extra: { customerId?: number; kind?: 'sop_step' | 'broadcast_confirm' } = {},
) =>
  (await createGuideTask(sys(), { staffId, kind: extra.kind ?? 'follow_up', title: key, sourceKey: key, dueAt, ...extra }))
    .taskId;
const outbox = (kind: string) =>
  w.deps.db
    .select()
    .from(outboundActions)
    .where(and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.kind, kind)));

describe('workbench: customers', () => {
  it('a guide sees only their own current customers', async () => {
    const body = await json(await w.request('GET', '/api/workbench/customers', { as: 'guide1' }));
    expect(body.items.map((c: { id: number }) => c.id)).toEqual([c4, w.ids.c1]);
    expect(body.items[1]).toMatchObject({ name: '陈静', remark: '老客户VIP', phone: '138****1111' });
    expect((await w.request('GET', `/api/workbench/customers/${w.ids.c2}`, { as: 'guide1' })).status).toBe(404);
    expect((await w.request('GET', `/api/workbench/customers/${c5}`, { as: 'guide1' })).status).toBe(404);
  });

  it.each([
    ['1111', 'phone last 4'],
    ['VIP', 'remark'],
    ['陈', 'name'],
    ['13800001111', 'full phone'],
  ])('finds a customer by %s (%s)', async (q) => {
    const body = await json(await w.request('GET', `/api/workbench/customers?q=${encodeURIComponent(q)}`, { as: 'guide1' }));
    expect(body.items.map((c: { id: number }) => c.id)).toEqual([w.ids.c1]);
  });

  it("does not find another guide's customer by their phone", async () => {
    const body = await json(await w.request('GET', '/api/workbench/customers?q=2222', { as: 'guide1' }));
    expect(body.total).toBe(0);
  });

  it('shows a customer: groups, orders with totals, timeline, open tasks', async () => {
    await task(w.ids.guide1, 'detail:task', at('2026-03-04T15:00:00'), { customerId: w.ids.c1 });
    const body = await json(await w.request('GET', `/api/workbench/customers/${w.ids.c1}`, { as: 'guide1' }));
    expect(body.remark).toBe('老客户VIP');
    expect(body.customer.groups.map((g: { name: string }) => g.name)).toEqual(['徐汇店福利1群']);
    expect(body.orders.recent.map((o: { externalId: string }) => o.externalId)).toEqual(['o2', 'o1']);
    expect(body.orders.totalSpentCents).toBe(15000);
    expect(body.openTasks.map((t: { title: string }) => t.title)).toEqual(['detail:task']);
  });

  it('resolves the current chat customer from its external id, only for own customers', async () => {
    const mine = await w.request('GET', '/api/workbench/context?externalUserId=wm_c1', { as: 'guide1' });
    expect(await json(mine)).toEqual({ customerId: w.ids.c1, name: '陈静' });
    expect((await w.request('GET', '/api/workbench/context?externalUserId=wm_c2', { as: 'guide1' })).status).toBe(404);
    expect((await w.request('GET', '/api/workbench/context?externalUserId=wm_nobody', { as: 'guide1' })).status).toBe(404);
  });
});

describe('workbench: quick tags, notes, send', () => {
  it('quick-add puts the tag on the customer and marks it on the channel once', async () => {
    const path = `/api/workbench/customers/${w.ids.c1}/tags`;
    const body = { add: [w.ids.tagFruit, w.ids.tagMilk], requestId: 'tap-tags-0001' };
    const first = await json(await w.request('POST', path, { as: 'guide1', body }));
    expect(first.added.sort()).toEqual([w.ids.tagFruit, w.ids.tagMilk].sort());
    expect(first.tags.map((t: { name: string }) => t.name).sort()).toEqual(['奶茶', '果茶']);
    expect(first.actionId).not.toBeNull();
    const again = await json(await w.request('POST', path, { as: 'guide1', body }));
    expect(again.added).toEqual([]);
    expect(again.actionId).toBeNull();
    const marks = await outbox('mark_tags');
    expect(marks).toHaveLength(1);
    // Only the synced tag goes to the channel, for this guide's follow.
    expect(marks[0]?.payload).toMatchObject({
      staffUserId: 'wangfang',
      externalUserId: 'wm_c1',
      addTagIds: ['et_fruit'],
      removeTagIds: [],
    });
    const removed = await json(
      await w.request('POST', path, { as: 'guide1', body: { remove: [w.ids.tagFruit], requestId: 'tap-tags-0002' } }),
    );
    expect(removed.removed).toEqual([w.ids.tagFruit]);
    expect((await outbox('mark_tags'))[1]?.payload).toMatchObject({ addTagIds: [], removeTagIds: ['et_fruit'] });
  });

  it("cannot tag another guide's customer", async () => {
    const res = await w.request('POST', `/api/workbench/customers/${w.ids.c2}/tags`, {
      as: 'guide1',
      body: { add: [w.ids.tagFruit] },
    });
    expect(res.status).toBe(404);
  });

  it('a note lands on the timeline, signed by the guide', async () => {
    const res = await w.request('POST', `/api/workbench/customers/${w.ids.c1}/notes`, {
      as: 'guide1',
      body: { text: '喜欢少糖' },
    });
    expect(res.status).toBe(201);
    const [note] = await w.deps.db
      .select()
      .from(customerEvents)
      .where(
        and(eq(customerEvents.tenantId, w.tenantId), eq(customerEvents.customerId, w.ids.c1), eq(customerEvents.type, 'note')),
      );
    expect(note).toMatchObject({
      actorType: 'staff',
      actorId: String(w.ids.guide1),
      data: { text: '喜欢少糖', staffName: '王芳' },
    });
  });

  it('sending twice with the same request id makes one outbox row, and completes the task', async () => {
    const taskId = await task(w.ids.guide1, 'send:task', at('2026-03-04T11:00:00'), { customerId: w.ids.c1 });
    const body = {
      customerId: w.ids.c1,
      content: { text: '{{customer_name}}您好，新品到店' },
      requestId: 'tap-send-0001',
      taskId,
    };
    const first = await json(await w.request('POST', '/api/workbench/send', { as: 'guide1', body }));
    const second = await json(await w.request('POST', '/api/workbench/send', { as: 'guide1', body }));
    expect(first).toMatchObject({ duplicate: false, taskCompleted: true });
    expect(second).toMatchObject({ actionId: first.actionId, duplicate: true, taskCompleted: false });
    const sends = await outbox('private_message');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.payload).toMatchObject({
      staffUserId: 'wangfang',
      externalUserId: 'wm_c1',
      content: { text: '陈静您好，新品到店' },
    });
    const [row] = await w.deps.db.select().from(guideTasks).where(eq(guideTasks.id, taskId));
    expect(row?.status).toBe('done');
  });

  it("refuses to send to another guide's customer and to previewing managers", async () => {
    const body = { customerId: w.ids.c2, content: { text: 'hi' }, requestId: 'tap-send-0002' };
    expect((await w.request('POST', '/api/workbench/send', { as: 'guide1', body })).status).toBe(404);
    const asManager = await w.request('POST', '/api/workbench/send', {
      as: 'manager1',
      body: { ...body, customerId: w.ids.c1 },
    });
    expect(asManager.status).toBe(403);
    expect(await outbox('private_message')).toHaveLength(1);
  });
});

describe('workbench: scripts and materials', () => {
  it('lists enabled scripts for the guide and sends one rendered for the customer', async () => {
    const cats = await json(await w.request('GET', '/api/script-categories', { as: 'operator' }));
    const categoryId = cats.items[0].id;
    const make = async (title: string, enabled: boolean) =>
      json(
        await w.request('POST', '/api/scripts', {
          as: 'operator',
          body: { categoryId, title, body: '{{customer_name}}您好，我是{{staff_name}}', enabled },
        }),
      );
    const on = await make('新客问候 wb', true);
    await make('旧问候 wb', false);
    const list = await json(await w.request('GET', '/api/workbench/scripts?q=wb', { as: 'guide1' }));
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([on.id]);
    const sent = await json(
      await w.request('POST', '/api/workbench/send', {
        as: 'guide1',
        body: { customerId: w.ids.c1, content: { scriptId: on.id }, requestId: 'tap-script-0001' },
      }),
    );
    const [row] = await w.deps.db.select().from(outboundActions).where(eq(outboundActions.id, sent.actionId));
    expect(row?.payload).toMatchObject({ content: { text: '陈静您好，我是王芳' } });
  });

  it('lists materials for the guide, and the library is closed to nobody logged in', async () => {
    await w.request('POST', '/api/materials', {
      as: 'operator',
      body: { type: 'link', title: '会员日活动页 wb', linkUrl: 'https://example.com/member-day' },
    });
    const list = await json(await w.request('GET', '/api/workbench/materials?q=wb', { as: 'guide1' }));
    expect(list.items.map((m: { title: string }) => m.title)).toEqual(['会员日活动页 wb']);
    expect((await w.request('GET', '/api/workbench/materials', { as: null })).status).toBe(401);
  });

  it('the workbench routes are in the OpenAPI document', async () => {
    const doc = await json(await w.request('GET', '/api/openapi.json', { as: null }));
    for (const path of ['/api/workbench/today', '/api/workbench/send', '/api/tasks/stats', '/api/tasks/{id}/reopen']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('workbench: today and stats', () => {
  it("groups today's tasks: overdue first, tomorrow's left out, closed ones counted", async () => {
    await task(w.ids.guide2, 'today:overdue', at('2026-03-03T16:00:00'));
    await task(w.ids.guide2, 'today:sop', at('2026-03-04T18:00:00'), { kind: 'sop_step' });
    await task(w.ids.guide2, 'today:broadcast', at('2026-03-04T12:00:00'), { kind: 'broadcast_confirm' });
    await task(w.ids.guide2, 'today:tomorrow', at('2026-03-05T09:00:00'));
    const done = await task(w.ids.guide2, 'today:done', at('2026-03-04T08:00:00'));
    await w.request('POST', `/api/tasks/${done}/complete`, { as: 'guide2', body: {} });
    const body = await json(await w.request('GET', '/api/workbench/today', { as: 'guide2' }));
    expect(body.date).toBe('2026-03-04');
    expect(body.counts).toEqual({ total: 4, open: 3, overdue: 1, done: 1, skipped: 0 });
    const section = (key: string) => body.sections.find((s: { key: string }) => s.key === key);
    expect(section('follow_up').tasks.map((t: { title: string }) => t.title)).toEqual(['today:overdue', 'today:done']);
    expect(section('sop').tasks.map((t: { title: string }) => t.title)).toEqual(['today:sop']);
    expect(section('broadcast').open).toBe(1);
  });

  it('a store manager previews a guide of their store, not another store', async () => {
    const ok = await json(await w.request('GET', `/api/workbench/today?staffId=${w.ids.guide2}`, { as: 'manager1' }));
    expect(ok).toMatchObject({ preview: true, staff: { id: w.ids.guide2 } });
    expect(ok.counts.total).toBe(4);
    expect((await w.request('GET', `/api/workbench/today?staffId=${w.ids.guide3}`, { as: 'manager1' })).status).toBe(404);
    // Without staffId a manager sees a customer in their own scope: their store's, not another's.
    const own = await json(await w.request('GET', `/api/workbench/customers/${w.ids.c2}`, { as: 'manager1' }));
    expect(own).toMatchObject({ customer: { id: w.ids.c2 }, remark: null });
    expect((await w.request('GET', `/api/workbench/customers/${w.ids.c3}`, { as: 'manager1' })).status).toBe(404);
  });

  it("the guide's numbers on a known world", async () => {
    const body = await json(await w.request('GET', '/api/workbench/stats', { as: 'guide1' }));
    expect(body).toMatchObject({
      customers: 2,
      newThisWeek: 2,
      deletedThisWeek: 1,
      // c1's two March orders; c4's February order is outside the month, its March one refunded; c2 is guide2's.
      ordersThisMonth: { gmvCents: 15000, paidOrders: 2, purchasingCustomers: 1, aovCents: 7500 },
    });
    // This week: detail:task (open, due 15:00 today → pending) and send:task (done).
    expect(body.tasksThisWeek).toMatchObject({ total: 2, done: 1, overdue: 0, completionRate: 1 });
  });
});
