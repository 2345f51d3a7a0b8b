import { simChatLog } from '@pond/channels/simulator/simulator.tables';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../../testing/fixture.ts';
import { groupChats } from '../../groups/groups.tables.ts';
import { notifications } from '../../notifications/notifications.tables.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { guideTasks } from '../../tasks/tasks.tables.ts';
import { applyCalendarsToGroup } from '../apply-calendars-to-group.ts';
import { enrollInJourney } from '../enroll-in-journey.ts';
import { remindOverdueSopSteps } from '../remind-sop-steps.ts';
import { runDueSopSteps } from '../run-due-sop-steps.ts';
import { seedDemoSops } from '../seed-demo-sops.ts';
import { sopCalendars, sopJourneyEnrollments, sopJourneys, sopPlanSteps } from '../sops.tables.ts';

let w: TestWorld;
let clock = new Date('2026-03-02T08:00:00+08:00'); // a Monday
beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
});
afterAll(async () => {
  await w?.deps.queue.stop();
  await w?.cleanup();
});

/** Sets the clock to a Shanghai wall-clock time; tests run in order and only move it forward. */
const setClock = (local: string) => {
  clock = new Date(`${local}+08:00`);
};
const sys = (): Ctx => withActor(w.deps, systemActor(w.tenantId));
// Sessions expire as the test clock moves on by days: log in afresh for each call.
const api = async (method: string, path: string, body?: unknown, as = 'operator') => {
  const login = await w.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'acme', username: as, password: TEST_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return w.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
};
const json = async <T>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
};
const stepsOf = (planKind: string, planId: number) =>
  w.deps.db
    .select()
    .from(sopPlanSteps)
    .where(and(eq(sopPlanSteps.tenantId, w.tenantId), eq(sopPlanSteps.planKind, planKind), eq(sopPlanSteps.planId, planId)))
    .orderBy(sopPlanSteps.dueAt, sopPlanSteps.id);
const tasksLike = (prefix: string) =>
  w.deps.db
    .select()
    .from(guideTasks)
    .where(and(eq(guideTasks.tenantId, w.tenantId), like(guideTasks.sourceKey, `${prefix}%`)));

const COLUMNS = [
  { name: '每日好物', color: '#fa8c16' },
  { name: '精选推荐', color: '#1677ff' },
  { name: '限时秒杀', color: '#f5222d' },
  { name: '知识分享', color: '#52c41a' },
];

describe('group SOP calendars', () => {
  let calendarId = 0;

  it('validates a calendar: items in its columns, weekdays on a weekly timeline, some target', async () => {
    const base = { name: 'x', timeline: 'weekly', columns: COLUMNS, targets: { storeIds: [w.ids.store1] } };
    const badColumn = await api('POST', '/api/sops/calendars', {
      ...base,
      items: [{ column: '不存在', weekday: 1, time: '10:00', title: 't', content: { text: 'hi' } }],
    });
    expect(badColumn.status).toBe(400);
    const noWeekday = await api('POST', '/api/sops/calendars', {
      ...base,
      items: [{ column: '每日好物', time: '10:00', title: 't', content: { text: 'hi' } }],
    });
    expect(noWeekday.status).toBe(400);
    const missingMaterial = await api('POST', '/api/sops/calendars', {
      ...base,
      items: [{ column: '每日好物', weekday: 1, time: '10:00', title: 't', content: { text: 'hi', materialIds: [999_999] } }],
    });
    expect(missingMaterial.status).toBe(400);
    expect(await missingMaterial.text()).toContain('items.0.content');
    const noTarget = await api('POST', '/api/sops/calendars', { ...base, targets: {}, items: [] });
    expect(noTarget.status).toBe(400);
    const guide = await api('POST', '/api/sops/calendars', { ...base, items: [] }, 'guide1');
    expect(guide.status).toBe(403);
  });

  it("applies a weekly calendar to a store's groups: one dated step per group × slot, past slots left out", async () => {
    const cal = await json<{ id: number; items: { id: number }[] }>(
      await api('POST', '/api/sops/calendars', {
        name: '徐汇店社群周历',
        timeline: 'weekly',
        columns: COLUMNS,
        targets: { storeIds: [w.ids.store1] },
        horizonDays: 7,
        items: [
          { column: '每日好物', weekday: 1, time: '10:00', title: '周一好物', content: { text: '今日好物：桂花乌龙' } },
          // Already past at 08:00 today: not planned; next Monday is outside the 7-day horizon.
          { column: '知识分享', weekday: 1, time: '07:00', title: '早安茶知识', content: { text: '冷泡茶小知识' } },
          { column: '限时秒杀', weekday: 3, time: '20:00', title: '周三秒杀', content: { text: '20 点秒杀' } },
        ],
      }),
      201,
    );
    calendarId = cal.id;
    const steps = await stepsOf('calendar', calendarId);
    // Only group 1 is in store 1 (group 2 is in store 2).
    expect(steps.map((s) => [s.targetId, s.planDate, s.dueAt.toISOString(), s.column, s.staffId])).toEqual([
      [w.ids.group1, '2026-03-02', '2026-03-02T02:00:00.000Z', '每日好物', w.ids.guide1],
      [w.ids.group1, '2026-03-04', '2026-03-04T12:00:00.000Z', '限时秒杀', w.ids.guide1],
    ]);
    expect(steps.every((s) => s.status === 'planned' && s.storeId === w.ids.store1)).toBe(true);
  });

  it('re-applying is idempotent and keeps an operator-edited step as edited', async () => {
    const [first] = await stepsOf('calendar', calendarId);
    const edited = await json<{ edited: boolean; dueAt: string }>(
      await api('PATCH', `/api/sops/plans/${first?.id}`, { dueAt: '2026-03-02T11:30:00+08:00', title: '周一好物（改）' }),
    );
    expect(edited).toMatchObject({ edited: true, dueAt: '2026-03-02T03:30:00.000Z' });
    const applied = await json<{ planned: number; cancelled: number }>(
      await api('POST', `/api/sops/calendars/${calendarId}/apply`),
    );
    expect(applied.cancelled).toBe(0);
    const steps = await stepsOf('calendar', calendarId);
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatchObject({ title: '周一好物（改）', edited: true, status: 'planned' });
  });

  it('removing an item from the calendar cancels its planned steps', async () => {
    const cal = await json<{
      items: { id: number; title: string; column: string; weekday: number; time: string; content: unknown }[];
    }>(await api('GET', `/api/sops/calendars/${calendarId}`));
    const keep = cal.items.filter((i) => i.title !== '周三秒杀');
    await json(await api('PATCH', `/api/sops/calendars/${calendarId}`, { items: keep }));
    const steps = await stepsOf('calendar', calendarId);
    expect(steps.map((s) => [s.title, s.status])).toEqual([
      ['周一好物（改）', 'planned'],
      ['周三秒杀', 'cancelled'],
    ]);
  });

  it("shows a group's week as a calendar view, and hides it from a guide of another store", async () => {
    const view = await json<{ days: { date: string; weekday: number; steps: { title: string; column: string }[] }[] }>(
      await api('GET', `/api/sops/groups/${w.ids.group1}/calendar`),
    );
    expect(view.days.map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(view.days[0]?.steps.map((s) => s.title)).toEqual(['周一好物（改）']);
    expect((await api('GET', `/api/sops/groups/${w.ids.group1}/calendar`, undefined, 'guide3')).status).toBe(404);
    const own = await api('GET', `/api/sops/groups/${w.ids.group1}/calendar`, undefined, 'guide1');
    expect(own.status).toBe(200);
  });

  it('turns a due step into one guide task for the group owner, even when the due job runs twice at once', async () => {
    setClock('2026-03-02T11:31:00');
    const runs = await Promise.all([runDueSopSteps(w.deps), runDueSopSteps(w.deps)]);
    await runDueSopSteps(w.deps);
    expect(runs.reduce((n, r) => n + r.outcomes.task_created, 0)).toBe(1);
    const [step] = await stepsOf('calendar', calendarId);
    expect(step).toMatchObject({ status: 'task_created', staffId: w.ids.guide1 });
    const tasks = await tasksLike(`sop_step:${step?.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ staffId: w.ids.guide1, kind: 'sop_step', groupId: w.ids.group1, status: 'open' });
    // A step no longer planned cannot be edited.
    expect((await api('PATCH', `/api/sops/plans/${step?.id}`, { skip: true })).status).toBe(409);
  });

  it('reminds once for a task still open an hour after it was due, and counts it overdue', async () => {
    setClock('2026-03-02T12:40:00');
    expect((await remindOverdueSopSteps(w.deps)).reminded).toBe(1);
    expect((await remindOverdueSopSteps(w.deps)).reminded).toBe(0);
    const notes = await w.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.tenantId, w.tenantId), eq(notifications.kind, 'sop.overdue')));
    expect(notes).toHaveLength(1);
    const progress = await json<{ totals: Record<string, number>; stores: { storeId: number; overdue: number }[] }>(
      await api('GET', `/api/sops/calendars/${calendarId}/progress`),
    );
    expect(progress.totals).toEqual({ due: 1, done: 0, overdue: 1, skipped: 0 });
    expect(progress.stores).toEqual([expect.objectContaining({ storeId: w.ids.store1, name: '徐汇店', overdue: 1 })]);
  });

  it('counts the step done once the guide completes the task (per store and per guide)', async () => {
    const [step] = await stepsOf('calendar', calendarId);
    await w.deps.db
      .update(guideTasks)
      .set({ status: 'done', completedAt: clock })
      .where(and(eq(guideTasks.tenantId, w.tenantId), eq(guideTasks.id, step?.taskId ?? 0)));
    const progress = await json<{ totals: Record<string, number>; staff: { id: number; name: string; done: number }[] }>(
      await api('GET', `/api/sops/calendars/${calendarId}/progress`),
    );
    expect(progress.totals).toEqual({ due: 1, done: 1, overdue: 0, skipped: 0 });
    expect(progress.staff).toEqual([expect.objectContaining({ id: w.ids.guide1, name: '王芳', done: 1 })]);
    expect((await stepsOf('calendar', calendarId))[0]?.status).toBe('done');
  });

  it("posts an 'auto' calendar's step straight into the group through the outbox on the simulator", async () => {
    const cal = await json<{ id: number }>(
      await api('POST', '/api/sops/calendars', {
        name: '西湖店每日',
        timeline: 'daily',
        columns: COLUMNS,
        targets: { groupIds: [w.ids.group2] },
        delivery: 'auto',
        horizonDays: 2,
        items: [{ column: '每日好物', time: '14:00', title: '每日好物', content: { text: '{{group_name}} 今日好物' } }],
      }),
      201,
    );
    const steps = await stepsOf('calendar', cal.id);
    expect(steps.map((s) => s.planDate)).toEqual(['2026-03-02', '2026-03-03']);
    setClock('2026-03-02T14:00:00');
    await runDueSopSteps(w.deps);
    await runDueSopSteps(w.deps);
    const [sent] = await stepsOf('calendar', cal.id);
    expect(sent).toMatchObject({ status: 'sent' });
    const actions = await w.deps.db
      .select()
      .from(outboundActions)
      .where(and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.idempotencyKey, `sop_step:${sent?.id}`)));
    expect(actions).toHaveLength(1);
    await w.deps.queue.drain();
    const lines = await w.deps.db
      .select()
      .from(simChatLog)
      .where(and(eq(simChatLog.tenantId, w.tenantId), eq(simChatLog.conversation, 'group:wr_g2')));
    expect(lines.map((l) => l.content)).toContain('西湖店福利1群 今日好物');
    expect(await tasksLike(`sop_step:${sent?.id}`)).toHaveLength(0);
  });
  it('plans a group created later in a targeted store at once (group.created)', async () => {
    const cal = await json<{ id: number }>(
      await api('POST', '/api/sops/calendars', {
        name: '西湖店群日历',
        timeline: 'daily',
        columns: COLUMNS,
        targets: { storeIds: [w.ids.store2] },
        horizonDays: 2,
        items: [{ column: '知识分享', time: '21:00', title: '晚间茶知识', content: { text: '茶知识' } }],
      }),
      201,
    );
    const [created] = await w.deps.db
      .insert(groupChats)
      .values({
        tenantId: w.tenantId,
        externalChatId: 'wr_new',
        name: '西湖店福利2群',
        ownerStaffId: w.ids.guide3,
        storeId: w.ids.store2,
      })
      .returning();
    expect(await applyCalendarsToGroup(sys(), created?.id ?? 0)).toBe(1);
    const steps = await stepsOf('calendar', cal.id);
    expect(steps.filter((s) => s.targetId === created?.id).map((s) => s.planDate)).toEqual(['2026-03-02', '2026-03-03']);
    expect(steps.filter((s) => s.targetId === w.ids.group2)).toHaveLength(2);
    // A later full apply keeps them and cancels nothing.
    expect((await json<{ cancelled: number }>(await api('POST', `/api/sops/calendars/${cal.id}/apply`))).cancelled).toBe(0);
    // Pausing cancels its future steps (and the group goes away, so later tests see the fixture's groups only).
    await json(await api('PATCH', `/api/sops/calendars/${cal.id}`, { status: 'paused' }));
    expect((await stepsOf('calendar', cal.id)).every((s) => s.status === 'cancelled')).toBe(true);
    await w.deps.db
      .update(groupChats)
      .set({ status: 'dismissed' })
      .where(and(eq(groupChats.tenantId, w.tenantId), eq(groupChats.id, created?.id ?? 0)));
  });
});

describe('customer journey SOPs', () => {
  let journeyId = 0;
  let customerId = 0;

  it('enrols a customer on customer.added with steps at day 0, 1, 3 and 7', async () => {
    const journey = await json<{ id: number }>(
      await api('POST', '/api/sops/journeys', {
        name: '新客关怀（测试）',
        trigger: 'customer_added',
        newCustomersOnly: true,
        steps: [
          { dayOffset: 0, time: null, title: '欢迎语跟进', content: { text: '欢迎！' } },
          { dayOffset: 1, time: '09:00', title: '次日回访', content: { text: '昨天的茶还喜欢吗？' } },
          {
            dayOffset: 3,
            time: '10:30',
            title: '奶茶爱好者专属券',
            content: { text: '送你一张奶茶券' },
            condition: { tag: String(w.ids.tagMilk) },
          },
          { dayOffset: 7, time: '19:00', title: '一周关怀', content: { text: '一周啦' } },
        ],
      }),
      201,
    );
    journeyId = journey.id;
    // Only adds whose state starts with "lc": this add (no state) does not enrol here.
    await json(
      await api('POST', '/api/sops/journeys', {
        name: '活码客户',
        trigger: 'customer_added',
        statePrefix: 'lc',
        steps: [{ dayOffset: 0, time: null, title: 'x', content: { text: 'x' } }],
      }),
      201,
    );
    setClock('2026-03-02T15:00:00');
    const ctx = withActor(w.deps, { ...systemActor(w.tenantId), role: 'admin', name: 'admin' });
    const r = await performSimAction(ctx, { type: 'add_staff', staffId: w.ids.guide2, newCustomer: { name: '周新客' } });
    await w.deps.queue.drain();
    customerId = r.customerId ?? 0;
    const enrollments = await w.deps.db
      .select()
      .from(sopJourneyEnrollments)
      .where(and(eq(sopJourneyEnrollments.tenantId, w.tenantId), eq(sopJourneyEnrollments.customerId, customerId)));
    expect(enrollments.map((e) => e.journeyId)).toEqual([journeyId]);
    const steps = await stepsOf('journey', journeyId);
    expect(steps.map((s) => [s.planDate, s.dueAt.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-02T07:00:00.000Z'],
      ['2026-03-03', '2026-03-03T01:00:00.000Z'],
      ['2026-03-05', '2026-03-05T02:30:00.000Z'],
      ['2026-03-09', '2026-03-09T11:00:00.000Z'],
    ]);
    expect(steps.every((s) => s.staffId === w.ids.guide2 && s.targetId === customerId)).toBe(true);
  });

  it('enrolling again with the same source key changes nothing', async () => {
    const again = await enrollInJourney(sys(), { journeyId, customerId, anchorAt: clock, sourceKey: 'automation:1' });
    const twice = await enrollInJourney(sys(), { journeyId, customerId, anchorAt: clock, sourceKey: 'automation:1' });
    expect(again.duplicate).toBe(false);
    // The same steps on the same dates already exist from the add: nothing doubled.
    expect(again.steps).toBe(0);
    expect(twice).toMatchObject({ duplicate: true, enrollmentId: again.enrollmentId });
    expect(await stepsOf('journey', journeyId)).toHaveLength(4);
  });

  it('makes tasks for the serving guide when due, and skips a step whose condition is false at due time', async () => {
    setClock('2026-03-05T10:31:00');
    // (A queue drain in an earlier test may already have run the scheduled `sops.due`: assert the end state.)
    await runDueSopSteps(w.deps);
    const steps = await stepsOf('journey', journeyId);
    expect(steps.map((s) => [s.title, s.status, s.skipReason])).toEqual([
      ['欢迎语跟进', 'task_created', null],
      ['次日回访', 'task_created', null],
      ['奶茶爱好者专属券', 'skipped', 'condition'],
      ['一周关怀', 'planned', null],
    ]);
    const tasks = await tasksLike('sop_step:');
    const forCustomer = tasks.filter((t) => t.customerId === customerId);
    expect(forCustomer.map((t) => t.staffId)).toEqual([w.ids.guide2, w.ids.guide2]);
  });

  it('lists plans in scope: a guide sees only their own steps', async () => {
    const mine = await json<{ items: { staffId: number }[]; total: number }>(
      await api('GET', `/api/sops/plans?planKind=journey&planId=${journeyId}`, undefined, 'guide2'),
    );
    expect(mine.total).toBe(4);
    const other = await json<{ total: number }>(
      await api('GET', `/api/sops/plans?planKind=journey&planId=${journeyId}`, undefined, 'guide1'),
    );
    expect(other.total).toBe(0);
    const skip = await json<{ status: string; skipReason: string }>(
      await api('PATCH', `/api/sops/plans/${(await stepsOf('journey', journeyId))[3]?.id}`, { skip: true }),
    );
    expect(skip).toMatchObject({ status: 'skipped', skipReason: 'operator' });
  });
});

describe('demo SOPs', () => {
  it('seeds a four-column weekly calendar for store groups and a day 0/1/3/7 journey, once', async () => {
    expect(await seedDemoSops(w.deps, w.tenantId)).toEqual({ calendars: 2, journeys: 1 });
    expect(await seedDemoSops(w.deps, w.tenantId)).toEqual({ calendars: 0, journeys: 0 });
    const [weekly] = await w.deps.db
      .select()
      .from(sopCalendars)
      .where(and(eq(sopCalendars.tenantId, w.tenantId), eq(sopCalendars.name, '门店社群周历')));
    expect(weekly?.columns.map((c) => c.name)).toEqual(['每日好物', '精选推荐', '限时秒杀', '知识分享']);
    // Both fixture groups are store groups: each gets this week's remaining slots.
    const steps = await stepsOf('calendar', weekly?.id ?? 0);
    expect(new Set(steps.map((s) => s.targetId))).toEqual(new Set([w.ids.group1, w.ids.group2]));
    const journeys = await w.deps.db.select().from(sopJourneys).where(eq(sopJourneys.tenantId, w.tenantId));
    expect(journeys.map((j) => j.name)).toContain('新客 7 天关怀');
  });
});
