import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { createGuideTask } from '../create-guide-task.ts';
import { seedDemoTasks } from '../seed-demo-tasks.ts';
import { expireGuideTasks, remindGuideTasks } from '../sweep-guide-tasks.ts';
import { guideTasks } from '../tasks.tables.ts';

let w: TestWorld;
let clock = new Date('2026-03-02T10:00:00+08:00');
beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
});
afterAll(async () => {
  await w?.cleanup();
});

const at = (local: string) => new Date(`${local}+08:00`);
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const sys = () => withActor(w.deps, systemActor(w.tenantId));
const task = async (staffId: number, key: string, dueLocal: string, extra: { customerId?: number; kind?: 'sop_step' } = {}) =>
  (
    await createGuideTask(sys(), {
      staffId,
      kind: extra.kind ?? 'follow_up',
      title: `任务 ${key}`,
      sourceKey: key,
      dueAt: at(dueLocal),
      customerId: extra.customerId,
    })
  ).taskId;
const statusOf = async (id: number) =>
  (
    await w.deps.db
      .select()
      .from(guideTasks)
      .where(and(eq(guideTasks.tenantId, w.tenantId), eq(guideTasks.id, id)))
  )[0];

describe('guide tasks: scope', () => {
  let mine: number;
  let theirs: number;
  beforeAll(async () => {
    mine = await task(w.ids.guide1, 'scope:g1', '2026-03-02T09:00:00');
    theirs = await task(w.ids.guide2, 'scope:g2', '2026-03-02T09:00:00');
    await task(w.ids.guide3, 'scope:g3', '2026-03-02T09:00:00');
  });

  it('a guide lists only their own tasks', async () => {
    const body = await json(await w.request('GET', '/api/tasks?pageSize=200', { as: 'guide1' }));
    expect(body.items.map((t: { id: number }) => t.id)).toEqual([mine]);
    expect(body.items[0]).toMatchObject({ staffName: '王芳', storeName: '徐汇店', overdue: true, status: 'open' });
  });

  it("a guide cannot see or complete another guide's task: 404 as if missing", async () => {
    expect((await w.request('GET', `/api/tasks/${theirs}`, { as: 'guide1' })).status).toBe(404);
    const res = await w.request('POST', `/api/tasks/${theirs}/complete`, { as: 'guide1', body: {} });
    expect(res.status).toBe(404);
    expect((await statusOf(theirs))?.status).toBe('open');
  });

  it("a store manager sees their store's staff, not the other store's", async () => {
    const body = await json(await w.request('GET', '/api/tasks?pageSize=200', { as: 'manager1' }));
    const staff = new Set(body.items.map((t: { staffId: number }) => t.staffId));
    expect(staff).toEqual(new Set([w.ids.guide1, w.ids.guide2]));
  });

  it('filters by store, staff and overdue for HQ', async () => {
    const byStore = await json(await w.request('GET', `/api/tasks?storeId=${w.ids.store2}`, { as: 'operator' }));
    expect(byStore.items.map((t: { staffId: number }) => t.staffId)).toEqual([w.ids.guide3]);
    const overdue = await json(await w.request('GET', '/api/tasks?status=overdue&pageSize=200', { as: 'operator' }));
    expect(overdue.total).toBe(3);
  });

  it('a manager gives a task to their staff but not to another store', async () => {
    const ok = await w.request('POST', '/api/tasks', {
      as: 'manager1',
      body: { staffId: w.ids.guide2, title: '回访', customerId: w.ids.c2, dueAt: '2026-03-02T18:00:00+08:00' },
    });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toMatchObject({ kind: 'manual', staffId: w.ids.guide2, customerName: '杨磊', status: 'open' });
    const other = await w.request('POST', '/api/tasks', {
      as: 'manager1',
      body: { staffId: w.ids.guide3, title: '回访', dueAt: '2026-03-02T18:00:00+08:00' },
    });
    expect(other.status).toBe(404);
  });
});

describe('guide tasks: complete, skip, reopen', () => {
  it('completing twice is idempotent: the second answer is the same done task', async () => {
    const id = await task(w.ids.guide1, 'done-twice', '2026-03-02T12:00:00');
    const first = await w.request('POST', `/api/tasks/${id}/complete`, { as: 'guide1', body: { note: '已发' } });
    expect(first.status).toBe(200);
    const a = await json(first);
    expect(a).toMatchObject({ status: 'done', note: '已发' });
    advance(60_000);
    const second = await json(await w.request('POST', `/api/tasks/${id}/complete`, { as: 'guide1', body: { note: '再点' } }));
    expect(second).toMatchObject({ status: 'done', note: '已发', completedAt: a.completedAt });
  });

  it('a skipped task cannot be completed (409) until reopened; skip needs a reason', async () => {
    const id = await task(w.ids.guide1, 'skip-then-complete', '2026-03-02T12:00:00');
    expect((await w.request('POST', `/api/tasks/${id}/skip`, { as: 'guide1', body: { reason: '' } })).status).toBe(400);
    expect((await w.request('POST', `/api/tasks/${id}/skip`, { as: 'guide1', body: { reason: '客户在外地' } })).status).toBe(200);
    const res = await w.request('POST', `/api/tasks/${id}/complete`, { as: 'guide1', body: {} });
    expect(res.status).toBe(409);
    expect((await json(res)).error.message).toMatch(/Reopen/);
    expect((await w.request('POST', `/api/tasks/${id}/reopen`, { as: 'guide1' })).status).toBe(200);
    expect((await statusOf(id))?.status).toBe('open');
  });

  it('reopen works within 10 minutes of closing, not after', async () => {
    const id = await task(w.ids.guide1, 'reopen-window', '2026-03-02T12:00:00');
    await w.request('POST', `/api/tasks/${id}/complete`, { as: 'guide1', body: {} });
    advance(9 * 60_000);
    const ok = await w.request('POST', `/api/tasks/${id}/reopen`, { as: 'guide1' });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toMatchObject({ status: 'open', completedAt: null, note: null });
    await w.request('POST', `/api/tasks/${id}/complete`, { as: 'guide1', body: {} });
    advance(10 * 60_000 + 1000);
    const late = await w.request('POST', `/api/tasks/${id}/reopen`, { as: 'guide1' });
    expect(late.status).toBe(409);
    expect((await statusOf(id))?.status).toBe('done');
  });

  it('bulk complete by a manager changes open tasks of their store and reports the rest', async () => {
    const a = await task(w.ids.guide1, 'bulk:a', '2026-03-02T12:00:00');
    const b = await task(w.ids.guide2, 'bulk:b', '2026-03-02T12:00:00');
    const c = await task(w.ids.guide3, 'bulk:c', '2026-03-02T12:00:00');
    const body = await json(
      await w.request('POST', '/api/tasks/bulk', { as: 'manager1', body: { ids: [a, b, c], action: 'complete' } }),
    );
    expect(body.changed).toEqual([a, b]);
    expect(body.refused.map((r: { id: number }) => r.id)).toEqual([c]);
    expect((await statusOf(c))?.status).toBe('open');
    expect((await w.request('POST', '/api/tasks/bulk', { as: 'guide1', body: { ids: [a], action: 'complete' } })).status).toBe(
      403,
    );
  });
});

describe('guide tasks: reminders, expiry and stats', () => {
  it('reminds an open task 30 minutes past due once, and expires it a week past due', async () => {
    clock = at('2026-03-03T10:00:00');
    const id = await task(w.ids.guide2, 'remind-me', '2026-03-03T09:45:00');
    await remindGuideTasks(w.deps);
    expect((await statusOf(id))?.remindedAt).toBeNull();
    clock = at('2026-03-03T10:16:00');
    await remindGuideTasks(w.deps);
    const first = (await statusOf(id))?.remindedAt;
    expect(first?.toISOString()).toBe(clock.toISOString());
    clock = at('2026-03-03T11:00:00');
    await remindGuideTasks(w.deps);
    expect((await statusOf(id))?.remindedAt?.toISOString()).toBe(first?.toISOString());

    const later = { ...w.deps, now: () => at('2026-03-10T10:00:00') };
    await expireGuideTasks(later);
    expect((await statusOf(id))?.status).toBe('expired');
    const reopen = await w.request('POST', `/api/tasks/${id}/reopen`, { as: 'guide2' });
    expect(reopen.status).toBe(409);
  });

  it('counts per store and staff on a known set', async () => {
    clock = at('2026-03-05T12:00:00');
    // Store 1 on 2026-03-05: guide1 done + overdue + pending, guide2 skipped. Store 2: guide3 done.
    const d = await task(w.ids.guide1, 'stats:done', '2026-03-05T09:00:00');
    await task(w.ids.guide1, 'stats:overdue', '2026-03-05T10:00:00');
    await task(w.ids.guide1, 'stats:pending', '2026-03-05T20:00:00');
    const s = await task(w.ids.guide2, 'stats:skipped', '2026-03-05T09:00:00');
    const d3 = await task(w.ids.guide3, 'stats:done3', '2026-03-05T09:00:00');
    await w.request('POST', `/api/tasks/${d}/complete`, { as: 'guide1', body: {} });
    await w.request('POST', `/api/tasks/${s}/skip`, { as: 'guide2', body: { reason: '休假' } });
    await w.request('POST', `/api/tasks/${d3}/complete`, { as: 'guide3', body: {} });
    const q = `from=${encodeURIComponent('2026-03-05T00:00:00+08:00')}&to=${encodeURIComponent('2026-03-06T00:00:00+08:00')}`;
    const body = await json(await w.request('GET', `/api/tasks/stats?${q}`, { as: 'operator' }));
    expect(body.totals).toMatchObject({ total: 5, done: 2, skipped: 1, overdue: 1, pending: 1 });
    expect(body.totals.completionRate).toBeCloseTo(2 / 4);
    const g1 = body.byStaff.find((r: { staffId: number }) => r.staffId === w.ids.guide1);
    expect(g1).toMatchObject({ total: 3, done: 1, overdue: 1, pending: 1, completionRate: 0.5, storeName: '徐汇店' });
    const s1 = body.byStore.find((r: { storeId: number }) => r.storeId === w.ids.store1);
    expect(s1).toMatchObject({ total: 4, done: 1, skipped: 1, completionRate: 1 / 3 });
    const s2 = body.byStore.find((r: { storeId: number }) => r.storeId === w.ids.store2);
    expect(s2).toMatchObject({ total: 1, done: 1, completionRate: 1 });
    // A manager's stats cover their store only.
    const mine = await json(await w.request('GET', `/api/tasks/stats?${q}`, { as: 'manager1' }));
    expect(mine.totals.total).toBe(4);
  });
});

describe('demo tasks', () => {
  it("gives each guide today's tasks once, the follow-up about one of their customers", async () => {
    clock = at('2026-03-06T08:00:00');
    expect(await seedDemoTasks(w.deps, w.tenantId)).toEqual({ tasks: 12 });
    expect(await seedDemoTasks(w.deps, w.tenantId)).toEqual({ tasks: 0 });
    const body = await json(
      await w.request('GET', '/api/tasks?kind=follow_up&pageSize=200&dueFrom=2026-03-06T00:00:00%2B08:00', { as: 'guide1' }),
    );
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ customerId: w.ids.c1, dueAt: at('2026-03-06T10:00:00').toISOString() });
    expect(body.items[0].content.text).toContain('{{customer_name}}');
  });
});
