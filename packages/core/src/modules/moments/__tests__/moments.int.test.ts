import { momentPublishDelayMs } from '@pond/channels/simulator/sim-moments';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../../testing/fixture.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { guideTasks } from '../../tasks/tasks.tables.ts';
import { syncOpenMomentTasks } from '../sync-moment-tasks.ts';

let w: TestWorld;
let clock = new Date('2026-03-02T10:00:00+08:00');
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

type TDetail = {
  id: number;
  status: string;
  momentId: string | null;
  staffCount: number;
  publishedCount: number;
  staff: { staffId: number; storeId: number; published: boolean; guideTaskId: number }[];
};

describe('moments tasks through the simulator', () => {
  let task: TDetail;

  it('refuses guides and empty targets', async () => {
    const body = { title: '春季新品', content: { text: '春季限定上新' }, targetKind: 'stores', storeIds: [w.ids.store1] };
    expect((await api('POST', '/api/moments', body, 'guide1')).status).toBe(403);
    expect((await api('POST', '/api/moments', { ...body, storeIds: [] })).status).toBe(400);
    expect((await api('POST', '/api/moments', { ...body, content: {} })).status).toBe(400);
  });

  it("creates one moment action for the store's staff and a guide task for each of them", async () => {
    task = await json<TDetail>(
      await api('POST', '/api/moments', {
        title: '春季新品',
        content: { text: '春季限定上新，到店尝鲜' },
        targetKind: 'stores',
        storeIds: [w.ids.store1],
      }),
      201,
    );
    // Store 1: guide1, guide2, manager1.
    expect(task).toMatchObject({ status: 'sending', staffCount: 3, publishedCount: 0 });
    expect(task.staff.map((s) => s.staffId).sort()).toEqual([w.ids.guide1, w.ids.guide2, w.ids.manager1].sort());
    const tasks = await w.deps.db
      .select()
      .from(guideTasks)
      .where(and(eq(guideTasks.tenantId, w.tenantId), like(guideTasks.sourceKey, `moment:${task.id}:%`)));
    expect(tasks.map((t) => t.kind)).toEqual(['moment', 'moment', 'moment']);
    const actions = await w.deps.db
      .select()
      .from(outboundActions)
      .where(and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.idempotencyKey, `moment:${task.id}`)));
    expect(actions.map((a) => a.kind)).toEqual(['moment']);
  });

  it('records the moment id once the action is sent; nobody has published yet', async () => {
    await w.deps.queue.drain();
    await syncOpenMomentTasks(w.deps);
    const now = await json<TDetail>(await api('GET', `/api/moments/${task.id}`));
    expect(now.status).toBe('running');
    expect(now.momentId).toMatch(/^simmoment_/);
    expect(now.publishedCount).toBe(0);
    task = now;
  });

  it('pulls who published three hours later, completes their guide tasks, and finishes when all did or time ran out', async () => {
    const userIds = { [w.ids.guide1]: 'wangfang', [w.ids.guide2]: 'lina', [w.ids.manager1]: 'liuyang' };
    const publishers = task.staff.filter(
      (s) => momentPublishDelayMs(w.tenantId, task.momentId ?? '', userIds[s.staffId] ?? '') !== null,
    );
    clock = new Date(clock.getTime() + 3 * 3_600_000);
    const synced = await json<{ status: string; publishedCount: number }>(await api('POST', `/api/moments/${task.id}/sync`));
    expect(synced.publishedCount).toBe(publishers.length);
    expect(synced.status).toBe(publishers.length === 3 ? 'done' : 'running');
    const detail = await json<TDetail>(await api('GET', `/api/moments/${task.id}`));
    const done = await w.deps.db
      .select({ id: guideTasks.id, status: guideTasks.status })
      .from(guideTasks)
      .where(and(eq(guideTasks.tenantId, w.tenantId), like(guideTasks.sourceKey, `moment:${task.id}:%`)));
    for (const s of detail.staff) {
      const isPublisher = publishers.some((p) => p.staffId === s.staffId);
      expect(s.published).toBe(isPublisher);
      expect(done.find((t) => t.id === s.guideTaskId)?.status).toBe(isPublisher ? 'done' : 'open');
    }
    // Pond stops following after MOMENT_TRACK_DAYS.
    clock = new Date(clock.getTime() + 4 * 86_400_000);
    await syncOpenMomentTasks(w.deps);
    expect((await json<TDetail>(await api('GET', `/api/moments/${task.id}`))).status).toBe('done');
  });

  it('shows a store manager only their store’s staff', async () => {
    const other = await json<TDetail>(
      await api('POST', '/api/moments', { title: '全员', content: { text: '全员转发' }, targetKind: 'all' }),
      201,
    );
    expect(other.staffCount).toBe(4);
    const seen = await json<TDetail>(await api('GET', `/api/moments/${other.id}`, undefined, 'manager1'));
    expect(seen.staff.every((s) => s.storeId === w.ids.store1)).toBe(true);
    expect(seen.staff).toHaveLength(3);
  });
});
