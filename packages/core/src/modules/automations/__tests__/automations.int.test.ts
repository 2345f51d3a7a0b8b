import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { emitDomainEvent, type TDomainEvent } from '../../../events/domain-events.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { customers } from '../../customers/customers.tables.ts';
import { createCustomerField } from '../../customers/manage-customer-fields.ts';
import { createLiveCode } from '../../live-codes/save-live-code.ts';
import { recordOrder } from '../../orders/record-order.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { addCustomerTags } from '../../tags/add-customer-tags.ts';
import { createTag } from '../../tags/manage-tags.ts';
import { getTagsOfCustomers } from '../../tags/tag-queries.ts';
import { guideTasks } from '../../tasks/tasks.tables.ts';
import { resumeAutomationRun } from '../automations.jobs.ts';
import type { TCreateAutomation } from '../automations.schemas.ts';
import { automationRuns } from '../automations.tables.ts';
import { createAutomation } from '../create-automation.ts';
import { sweepAutomationRule, sweepAutomations } from '../sweep-automations.ts';

// Simulated time: Monday 2 March 2026, 10:00 in Shanghai. Moved forward only.
let clock = new Date('2026-03-02T02:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let w: TestWorld;
let ctx: Ctx;
beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  ctx = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const rule = (input: TCreateAutomation) => createAutomation(ctx, { enabled: true, ...input });
const runsOf = (automationId: number) =>
  w.deps.db
    .select()
    .from(automationRuns)
    .where(and(eq(automationRuns.tenantId, w.tenantId), eq(automationRuns.automationId, automationId)))
    .orderBy(automationRuns.id);
const emit = (event: TDomainEvent) => w.deps.db.transaction((tx) => emitDomainEvent({ ...ctx, tx }, event));
const tagIdsOf = async (customerId: number) =>
  ((await getTagsOfCustomers(ctx, [customerId])).get(customerId) ?? []).map((t) => t.id).sort((a, b) => a - b);
const actionsWithKey = (prefix: string) =>
  w.deps.db
    .select()
    .from(outboundActions)
    .where(and(eq(outboundActions.tenantId, w.tenantId), like(outboundActions.idempotencyKey, `${prefix}%`)));
const ok = async (res: Response, status: number) => {
  expect(res.status, await res.clone().text()).toBe(status);
  return json(res);
};
const newTag = async (name: string) => (await createTag(ctx, { groupId: w.ids.tagGroup, name })).id;

describe('customer added through a live code', () => {
  let ruleId = 0;
  let otherRuleId = 0;
  let customerId = 0;
  it('tags the customer and queues one welcome-ish message from the serving staff member', async () => {
    const code = await createLiveCode(ctx, {
      name: '徐汇店海报',
      channelName: '门店海报',
      pool: [{ staffId: w.ids.guide1, weight: 1 }],
    });
    const otherCode = await createLiveCode(ctx, {
      name: '西湖店海报',
      channelName: '门店海报',
      pool: [{ staffId: w.ids.guide3, weight: 1 }],
    });
    ruleId = (
      await rule({
        name: '海报新客',
        trigger: { type: 'customer_added', liveCodeIds: [code.id] },
        actions: [
          { type: 'add_tags', tagIds: [w.ids.tagMilk] },
          { type: 'send_private', content: { text: '{{customer_name}}您好，我是{{staff_name}}' } },
        ],
      })
    ).id;
    otherRuleId = (
      await rule({
        name: '西湖新客',
        trigger: { type: 'customer_added', liveCodeIds: [otherCode.id] },
        actions: [{ type: 'add_tags', tagIds: [w.ids.tagFruit] }],
      })
    ).id;
    const scan = await performSimAction(ctx, {
      type: 'scan_contact_way',
      configId: code.configId ?? '',
      newCustomer: { name: '林晓' },
    });
    customerId = scan.customerId ?? 0;
    await w.deps.queue.drain();

    const runs = await runsOf(ruleId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ customerId, status: 'done', actionsDone: 2, eventType: 'customer_added' });
    expect(await runsOf(otherRuleId)).toHaveLength(0);
    expect(await tagIdsOf(customerId)).toEqual([w.ids.tagMilk]);
    const sent = await actionsWithKey(`automation:${runs[0]?.id}:`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'private_message', status: 'sent' });
    expect(sent[0]?.payload).toMatchObject({ staffUserId: 'wangfang', content: { text: '林晓您好，我是王芳' } });
  });

  it('a redelivered add runs the rule once and sends nothing more', async () => {
    const [run] = await runsOf(ruleId);
    const at = new Date(String(run?.event.at));
    const event: TDomainEvent = {
      type: 'customer.added',
      customerId,
      staffId: w.ids.guide1,
      state: String(run?.event.state),
      readd: false,
      newCustomer: true,
      inboxEventId: null,
      at,
    };
    await emit(event);
    await emit(event);
    await w.deps.queue.drain();
    expect(await runsOf(ruleId)).toHaveLength(1);
    expect(await actionsWithKey(`automation:${run?.id}:`)).toHaveLength(1);
  });
});

describe('order paid at or above an amount', () => {
  it('creates a guide task for the serving staff member, once per order', async () => {
    const r = await rule({
      name: '大单跟进',
      trigger: { type: 'order_paid', minAmountCents: 10_000 },
      actions: [{ type: 'create_task', title: '感谢大单顾客', dueInHours: 4 }],
    });
    await recordOrder(ctx, { externalId: 'POS-1', customerId: w.ids.c1, amountCents: 5_000, paidAt: clock });
    await w.deps.queue.drain();
    expect(await runsOf(r.id)).toHaveLength(0);
    const { orderId } = await recordOrder(ctx, { externalId: 'POS-2', customerId: w.ids.c1, amountCents: 20_000, paidAt: clock });
    await w.deps.queue.drain();
    // The same order announced again (a redelivery): still one run.
    await emit({
      type: 'order.paid',
      orderId,
      customerId: w.ids.c1,
      amountCents: 20_000,
      storeId: null,
      staffId: null,
      at: clock,
    });
    await w.deps.queue.drain();
    const runs = await runsOf(r.id);
    expect(runs.map((x) => [x.status, x.eventKey])).toEqual([['done', `order.paid:${orderId}`]]);
    const tasks = await w.deps.db
      .select()
      .from(guideTasks)
      .where(and(eq(guideTasks.tenantId, w.tenantId), eq(guideTasks.sourceKey, `automation:${runs[0]?.id}:0`)));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ staffId: w.ids.guide1, customerId: w.ids.c1, kind: 'automation', title: '感谢大单顾客' });
    expect(tasks[0]?.dueAt.getTime()).toBe(clock.getTime() + 4 * HOUR);
  });
});

describe('the loop guard', () => {
  it('stops a two-rule cycle: tag A added → swap to B, tag B added → swap to A', async () => {
    const a = await newTag('循环A');
    const b = await newTag('循环B');
    const r1 = await rule({
      name: 'A→B',
      trigger: { type: 'tag_added', tagIds: [a] },
      actions: [
        { type: 'remove_tags', tagIds: [a] },
        { type: 'add_tags', tagIds: [b] },
      ],
    });
    const r2 = await rule({
      name: 'B→A',
      trigger: { type: 'tag_added', tagIds: [b] },
      actions: [
        { type: 'remove_tags', tagIds: [b] },
        { type: 'add_tags', tagIds: [a] },
      ],
    });
    const at = new Date(clock.getTime() - 60_000);
    await w.deps.db.transaction(async (tx) => {
      const tctx = { ...ctx, tx };
      await addCustomerTags(tctx, [{ customerId: w.ids.c2, tagId: a }], 'manual');
      await emitDomainEvent(tctx, {
        type: 'customer.tags_changed',
        customerId: w.ids.c2,
        staffId: null,
        addedTagIds: [a],
        removedTagIds: [],
        at,
      });
    });
    await w.deps.queue.drain();
    expect((await runsOf(r1.id)).map((x) => [x.status, x.reason])).toEqual([
      ['done', null],
      ['skipped', 'loop_guard'],
    ]);
    expect((await runsOf(r2.id)).map((x) => [x.status, x.reason])).toEqual([['done', null]]);
    // Where the cycle stopped: B→A ran last.
    const tags = await tagIdsOf(w.ids.c2);
    expect(tags).toContain(a);
    expect(tags).not.toContain(b);

    // A day later the window is over: the rule may run on the customer again (and the cycle stops again).
    advance(DAY + 60_000);
    await emit({
      type: 'customer.tags_changed',
      customerId: w.ids.c2,
      staffId: null,
      addedTagIds: [a],
      removedTagIds: [],
      // A second before the rules' own tag changes (which happen at `clock`), so the keys differ.
      at: new Date(clock.getTime() - 1000),
    });
    await w.deps.queue.drain();
    expect((await runsOf(r1.id)).map((x) => x.status)).toEqual(['done', 'skipped', 'done', 'skipped']);
    expect((await runsOf(r2.id)).map((x) => x.status)).toEqual(['done', 'done']);
  });

  it('caps the runs of all rules on one customer per hour', async () => {
    const t = await newTag('上限');
    const r = await rule({
      name: '消息打标',
      trigger: { type: 'message', scope: 'private' },
      actions: [{ type: 'add_tags', tagIds: [t] }],
      loopWindowMinutes: 1,
    });
    let lastMessage = 1000;
    for (let i = 0; i < 25; i++) {
      advance(61_000); // past the 1-minute loop window each time
      await emit({
        type: 'private.message',
        messageId: ++lastMessage,
        customerId: w.ids.c3,
        staffId: w.ids.guide3,
        senderType: 'customer',
        content: '在吗',
        at: clock,
      });
    }
    const statuses = (await runsOf(r.id)).map((x) => (x.status === 'skipped' ? x.reason : 'ran'));
    expect(statuses.filter((s) => s === 'ran')).toHaveLength(20);
    expect(statuses.slice(20)).toEqual(Array(5).fill('customer_hourly_cap'));
    await w.deps.queue.drain();
  });
});

describe('tags put on or taken off in Pond', () => {
  it('trigger rules like marks made in WeCom (a guide tags, an operator untags)', async () => {
    const hot = await newTag('高意向');
    const added = await rule({
      name: '高意向跟进',
      trigger: { type: 'tag_added', tagIds: [hot] },
      actions: [{ type: 'create_task', title: '高意向顾客跟进' }],
    });
    const removed = await rule({
      name: '取消高意向',
      trigger: { type: 'tag_removed', tagIds: [hot] },
      actions: [{ type: 'create_task', title: '确认是否流失' }],
    });
    const res = await w.request('POST', `/api/customers/${w.ids.c1}/tags`, { as: 'guide1', body: { tagIds: [hot] } });
    expect(res.status).toBe(200);
    await w.deps.queue.drain();
    expect((await runsOf(added.id)).map((x) => [x.customerId, x.status, x.event.staffId])).toEqual([
      [w.ids.c1, 'done', w.ids.guide1],
    ]);
    advance(1000);
    expect((await w.request('DELETE', `/api/customers/${w.ids.c1}/tags/${hot}`, { as: 'operator' })).status).toBe(204);
    await w.deps.queue.drain();
    expect((await runsOf(removed.id)).map((x) => [x.customerId, x.status])).toEqual([[w.ids.c1, 'done']]);
  });
});

describe('wait, then act', () => {
  it('runs the actions before the wait, waits, and the resume job does the rest', async () => {
    advance(2 * HOUR);
    const vip = await newTag('会员意向');
    const r = await rule({
      name: '会员咨询',
      trigger: { type: 'message', scope: 'private', keyword: '会员' },
      actions: [
        { type: 'add_tags', tagIds: [vip] },
        { type: 'wait', amount: 2, unit: 'hours' },
        { type: 'send_private', content: { text: '会员权益介绍' } },
      ],
    });
    await emit({
      type: 'private.message',
      messageId: 5001,
      customerId: w.ids.c2,
      staffId: w.ids.guide2,
      senderType: 'customer',
      content: '怎么办会员？',
      at: clock,
    });
    await w.deps.queue.drain();
    const [run] = await runsOf(r.id);
    expect(run).toMatchObject({ status: 'waiting', nextAction: 2, actionsDone: 1 });
    expect(run?.resumeAt?.getTime()).toBe(clock.getTime() + 2 * HOUR);
    expect(await tagIdsOf(w.ids.c2)).toContain(vip);
    expect(await actionsWithKey(`automation:${run?.id}:`)).toHaveLength(0);

    // Delivered too early: nothing happens yet.
    expect(await resumeAutomationRun(w.deps, { tenantId: w.tenantId, runId: run?.id })).toBe('not_due');
    advance(2 * HOUR);
    expect(await resumeAutomationRun(w.deps, { tenantId: w.tenantId, runId: run?.id })).toBe('done');
    // A second delivery of the job changes nothing.
    expect(await resumeAutomationRun(w.deps, { tenantId: w.tenantId, runId: run?.id })).toBe('nothing');
    const sent = await actionsWithKey(`automation:${run?.id}:`);
    expect(sent.map((s) => [s.kind, s.idempotencyKey])).toEqual([['private_message', `automation:${run?.id}:2`]]);
    const [after] = await runsOf(r.id);
    expect(after).toMatchObject({ status: 'done', actionsDone: 2 });
  });
});

describe('the daily sweep', () => {
  it('inactivity: customers quiet for N days get the rule once per quiet stretch', async () => {
    const quiet = await newTag('沉默30天');
    const r = await rule({
      name: '沉默唤醒',
      trigger: { type: 'inactivity', days: 30 },
      actions: [{ type: 'add_tags', tagIds: [quiet] }],
    });
    // c3 spoke 31 days ago (and not since); c1 ordered today.
    await emit({
      type: 'group.joined',
      groupId: w.ids.group2,
      memberType: 'customer',
      customerId: w.ids.otherTenantCustomer,
      staffId: null,
      joinScene: 3,
      state: null,
      at: clock,
    });
    const fresh = await w.deps.db
      .insert(customers)
      .values({ tenantId: w.tenantId, name: '沉默顾客', storeId: w.ids.store2, externalUserId: 'wm_quiet' })
      .returning();
    const quietId = fresh[0]?.id ?? 0;
    await emit({
      type: 'private.message',
      messageId: 9001,
      customerId: quietId,
      staffId: w.ids.guide3,
      senderType: 'customer',
      content: '好的',
      at: new Date(clock.getTime() - 31 * DAY),
    });
    await emit({
      type: 'order.paid',
      orderId: 9002,
      customerId: w.ids.c1,
      amountCents: 100,
      storeId: null,
      staffId: null,
      at: clock,
    });
    expect(await sweepAutomations(w.deps)).toMatchObject({ queued: 1 });
    await w.deps.queue.drain();
    const runs = await runsOf(r.id);
    expect(runs.map((x) => [x.customerId, x.status])).toEqual([[quietId, 'done']]);
    expect(runs[0]?.event).toMatchObject({ inactiveDays: 31 });
    expect(await tagIdsOf(quietId)).toContain(quiet);
    // The next day's sweep finds the same stretch: no second run.
    advance(DAY);
    expect(await sweepAutomationRule(w.deps, { tenantId: w.tenantId, ruleId: r.id })).toEqual({
      candidates: 0,
      matched: 0,
      skipped: 0,
    });
    // The customer speaks again, goes quiet for another 30 days: a new stretch, a new run.
    await emit({
      type: 'private.message',
      messageId: 9003,
      customerId: quietId,
      staffId: w.ids.guide3,
      senderType: 'customer',
      content: '嗯',
      at: clock,
    });
    advance(30 * DAY + HOUR);
    expect(await sweepAutomationRule(w.deps, { tenantId: w.tenantId, ruleId: r.id })).toMatchObject({
      candidates: expect.any(Number),
      matched: expect.any(Number),
    });
    await w.deps.queue.drain();
    expect((await runsOf(r.id)).filter((x) => x.customerId === quietId)).toHaveLength(2);
  });

  it('birthday: the date field matches today in Shanghai (3 days early here), once per day', async () => {
    await createCustomerField(ctx, { key: 'birthday', label: '生日', type: 'date', options: [] });
    const soon = new Date(clock.getTime() + 8 * HOUR + 3 * DAY).toISOString().slice(5, 10);
    const other = new Date(clock.getTime() + 8 * HOUR + 40 * DAY).toISOString().slice(5, 10);
    await w.deps.db
      .update(customers)
      .set({ attrs: { birthday: `1990-${soon}` } })
      .where(eq(customers.id, w.ids.c3));
    await w.deps.db
      .update(customers)
      .set({ attrs: { birthday: `1985-${other}` } })
      .where(eq(customers.id, w.ids.c2));
    const r = await rule({
      name: '生日前三天',
      trigger: { type: 'date_field', fieldKey: 'birthday', daysBefore: 3 },
      actions: [{ type: 'grant_reward', reward: { kind: 'coupon', amount: 2000, name: '生日券' } }],
    });
    expect(await sweepAutomationRule(w.deps, { tenantId: w.tenantId, ruleId: r.id })).toEqual({
      candidates: 1,
      matched: 1,
      skipped: 0,
    });
    await w.deps.queue.drain();
    expect(await sweepAutomationRule(w.deps, { tenantId: w.tenantId, ruleId: r.id })).toEqual({
      candidates: 0,
      matched: 0,
      skipped: 0,
    });
    const runs = await runsOf(r.id);
    expect(runs.map((x) => [x.customerId, x.status])).toEqual([[w.ids.c3, 'done']]);
    expect(runs[0]?.results[0]?.result).toBe('reward granted (生日券)');
  });
});

describe('HTTP', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    name: '接口规则',
    trigger: { type: 'tag_added', tagIds: [w.ids.tagFruit] },
    actions: [{ type: 'create_task', title: '跟进' }],
    ...over,
  });
  it('validates: unknown trigger fields, empty actions, a trailing wait, unknown tags', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ trigger: { type: 'tag_added', tagIds: [w.ids.tagFruit], colour: 'red' } }, /colour/],
      [{ actions: [] }, /at least one action/],
      [
        {
          actions: [
            { type: 'create_task', title: 'x' },
            { type: 'wait', amount: 1, unit: 'hours' },
          ],
        },
        /wait must be followed/,
      ],
      [{ actions: [{ type: 'add_tags', tagIds: [987654] }] }, /Tag 987654 does not exist/],
      [{ trigger: { type: 'date_field', fieldKey: 'nope' } }, /not a custom field of type date/],
      [{ trigger: { type: 'teleport' } }, /trigger/],
    ];
    for (const [over, message] of cases) {
      const res = await w.request('POST', '/api/automations', { body: body(over) });
      expect(res.status, JSON.stringify(over)).toBe(400);
      const err = (await res.json()) as { error: { message: string } };
      expect(err.error.message).toMatch(message);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await ok(await w.request('GET', '/api/openapi.json'), 200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/automations', '/api/automations/{id}/runs', '/api/automations/{id}/dry-run']),
    );
  });

  it('CRUD, enable/disable, runs and dry run; guides may not', async () => {
    // guide2 logs in here for the first time (sessions made earlier expired while the clock moved on).
    expect((await w.request('GET', '/api/automations', { as: 'guide2' })).status).toBe(403);
    const created = await ok(await w.request('POST', '/api/automations', { body: body() }), 201);
    expect(created).toMatchObject({ enabled: false, runCount: 0, loopWindowMinutes: 1440 });
    const on = await ok(await w.request('POST', `/api/automations/${created.id}/enable`), 200);
    expect(on.enabled).toBe(true);
    const patched = await ok(await w.request('PATCH', `/api/automations/${created.id}`, { body: { name: '改名' } }), 200);
    expect(patched).toMatchObject({ name: '改名', enabled: true });
    const list = await ok(await w.request('GET', '/api/automations?pageSize=200'), 200);
    expect(list.items.map((i: { id: number }) => i.id)).toContain(created.id);

    const dry = await ok(
      await w.request('POST', `/api/automations/${created.id}/dry-run`, { body: { customerId: w.ids.c1 } }),
      200,
    );
    expect(dry.wouldMatch).toBe(true);
    expect(dry.actions[0]?.description).toBe('Task for 王芳: 跟进');

    await emit({
      type: 'customer.tags_changed',
      customerId: w.ids.c1,
      staffId: null,
      addedTagIds: [w.ids.tagFruit],
      removedTagIds: [],
      at: clock,
    });
    await w.deps.queue.drain();
    const runs = await ok(await w.request('GET', `/api/automations/${created.id}/runs?status=done`), 200);
    expect(runs).toMatchObject({ total: 1, items: [{ status: 'done', customerName: '陈静' }] });
    const afterRun = await ok(
      await w.request('POST', `/api/automations/${created.id}/dry-run`, { body: { customerId: w.ids.c1 } }),
      200,
    );
    expect(afterRun.wouldMatch).toBe(false);
    expect(afterRun.checks.find((c: { check: string }) => c.check === 'loop_guard')?.passed).toBe(false);

    const off = await ok(await w.request('POST', `/api/automations/${created.id}/disable`), 200);
    expect(off.enabled).toBe(false);
    expect((await w.request('DELETE', `/api/automations/${created.id}`)).status).toBe(204);
    expect((await w.request('GET', `/api/automations/${created.id}`)).status).toBe(404);
  });
});
