import type { FakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { AppError } from '../../../lib/errors.ts';
import type { TestWorld } from '../../../testing/fixture.ts';
import { audienceChanges } from '../../audiences/audiences.tables.ts';
import { customerEvents, customers, follows } from '../../customers/customers.tables.ts';
import { groupChats, groupMembers } from '../../groups/groups.tables.ts';
import { staff, tenants } from '../../org/org.tables.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { customerTags, tagGroups, tags } from '../../tags/tags.tables.ts';
import { yesterdayIn } from '../stats/stats-rules.ts';
import { runWecomSync } from '../sync/run-wecom-sync.ts';
import { startWecomSync } from '../sync/start-wecom-sync.ts';
import { sweepWecomSyncs } from '../sync/sweep-wecom-syncs.ts';
import type { TWecomSyncRun } from '../sync/wecom-sync.schemas.ts';
import { type TWecomSyncApi, wecomSyncApiFor } from '../sync/wecom-sync-api.ts';
import { handleWecomSyncJob, WECOM_NIGHTLY_JOB, WECOM_STATS_DAILY_JOB } from '../wecom.jobs.ts';
import { wecomStaffDailyStats, wecomSyncRuns } from '../wecom.tables.ts';
import { connectWecom, json, startWecomTestWorld, stopWecomTestWorld } from './wecom-test-world.ts';

let w: TestWorld;
let fake: FakeWecom;
// Enough customers for one staff member that batch/get_by_user needs a second page (limit 100).
const MANY = 120;

beforeAll(async () => {
  ({ w, fake } = await startWecomTestWorld());
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  const c = fake.control;
  // The fixture's staff, as WeCom knows them, plus one Pond has not seen.
  c.addStaff({ userid: 'wangfang', name: '王芳' });
  c.addStaff({ userid: 'lina', name: '李娜' });
  c.addStaff({ userid: 'zhangwei', name: '张伟' });
  c.addStaff({ userid: 'newstaff', name: '新同事' });
  const vip = c.addTag({ group_name: '会员等级', name: 'VIP' });
  c.addTag({ group_name: '会员等级', name: '普通' });
  // Same group and tag names as Pond's own: adopted, not duplicated.
  const fruit = c.addTag({ group_name: '兴趣', name: '果茶' });
  const t0 = Math.floor(Date.parse('2026-02-01T00:00:00Z') / 1000);
  c.addCustomer({
    external_userid: 'wm_c1',
    name: '陈静',
    follows: [{ userid: 'wangfang', remark: '老客户', state: 'store-qr', tag_ids: [vip.tag_id, fruit.tag_id], createtime: t0 }],
  });
  c.addCustomer({ external_userid: 'wm_c2', name: '杨磊', follows: [{ userid: 'lina', createtime: t0 }] });
  // wm_c3 ↔ zhangwei is gone from WeCom (its deletion callback was lost): reconcile ends it.
  c.addCustomer({
    external_userid: 'wm_n1',
    name: '新客一',
    gender: 2,
    follows: [
      { userid: 'newstaff', remark: '门店扫码', state: 'live-1', tag_ids: [vip.tag_id], createtime: t0 },
      { userid: 'wangfang', createtime: t0 },
    ],
  });
  for (let i = 0; i < MANY; i++) {
    c.addCustomer({
      external_userid: `wm_bulk_${String(i).padStart(3, '0')}`,
      name: `批量客户${i}`,
      follows: [{ userid: 'newstaff', createtime: t0 + i }],
    });
  }
  c.addGroup({
    chat_id: 'wr_g1',
    name: '徐汇店福利1群',
    owner: 'wangfang',
    members: [
      { userid: 'wm_c1', type: 2, join_scene: 3 },
      { userid: 'wm_n1', type: 2, join_scene: 2, invitor: 'wangfang' },
    ],
  });
  // wr_g2 is gone from WeCom: reconcile marks it dismissed.
  c.addGroup({
    chat_id: 'wr_new',
    name: '新品体验群',
    owner: 'lina',
    members: [
      { userid: 'wm_c2', type: 2, join_scene: 3 },
      { userid: 'newstaff', type: 1 },
    ],
  });
  await connectWecom(w);
});

afterAll(() => stopWecomTestWorld(w, fake));

async function startAndDrain(kind: 'import' | 'reconcile'): Promise<TWecomSyncRun> {
  const started = await json<TWecomSyncRun>(await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind } }), 202);
  await w.deps.queue.drain();
  return json<TWecomSyncRun>(await w.request('GET', `/api/wecom/sync-runs/${started.id}`, { as: 'admin' }), 200);
}

/** Pond's WeCom-facing state, in WeCom's ids (so two runs can be compared row for row). */
async function snapshot() {
  const db = w.deps.db;
  const t = w.tenantId;
  const staffRows = await db
    .select({ id: staff.id, userid: staff.wecomUserId, name: staff.name, status: staff.status })
    .from(staff)
    .where(eq(staff.tenantId, t))
    .orderBy(asc(staff.wecomUserId));
  const userOf = new Map(staffRows.map((s) => [s.id, s.userid]));
  const customerRows = await db
    .select({
      id: customers.id,
      ext: customers.externalUserId,
      name: customers.name,
      gender: customers.gender,
      storeId: customers.storeId,
    })
    .from(customers)
    .where(eq(customers.tenantId, t))
    .orderBy(asc(customers.externalUserId));
  const extOf = new Map(customerRows.map((c) => [c.id, c.ext]));
  const followRows = (await db.select().from(follows).where(eq(follows.tenantId, t)))
    .map((f) => ({
      pair: `${extOf.get(f.customerId)}|${userOf.get(f.staffId)}`,
      remark: f.remark,
      state: f.state,
      deleted: f.deletedAt !== null,
      readds: f.readds,
    }))
    .sort((a, b) => a.pair.localeCompare(b.pair));
  const tagRows = await db
    .select({ group: tagGroups.name, groupExt: tagGroups.externalId, name: tags.name, ext: tags.externalId, id: tags.id })
    .from(tags)
    .innerJoin(tagGroups, and(eq(tagGroups.tenantId, tags.tenantId), eq(tagGroups.id, tags.groupId)))
    .where(eq(tags.tenantId, t))
    .orderBy(asc(tagGroups.name), asc(tags.name));
  const tagName = new Map(tagRows.map((r) => [r.id, r.name]));
  const customerTagRows = (await db.select().from(customerTags).where(eq(customerTags.tenantId, t)))
    .map((r) => `${extOf.get(r.customerId)}:${tagName.get(r.tagId)}:${r.source}`)
    .sort();
  const groupRows = await db
    .select({
      id: groupChats.id,
      chatId: groupChats.externalChatId,
      name: groupChats.name,
      status: groupChats.status,
      memberCount: groupChats.memberCount,
    })
    .from(groupChats)
    .where(eq(groupChats.tenantId, t))
    .orderBy(asc(groupChats.externalChatId));
  const chatOf = new Map(groupRows.map((g) => [g.id, g.chatId]));
  const memberRows = (await db.select().from(groupMembers).where(eq(groupMembers.tenantId, t)))
    .map((m) => ({ key: `${chatOf.get(m.groupId)}|${m.externalMemberId}`, left: m.leftAt !== null, joinScene: m.joinScene }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const [events] = await db.select({ n: count() }).from(customerEvents).where(eq(customerEvents.tenantId, t));
  return {
    staff: staffRows.map(({ id: _id, ...s }) => s),
    customers: customerRows.map(({ id: _id, ...c }) => c),
    follows: followRows,
    tags: tagRows.map(({ id: _id, ...r }) => r),
    customerTags: customerTagRows,
    groups: groupRows.map(({ id: _id, ...g }) => g),
    members: memberRows,
    timelineEvents: events?.n ?? 0,
  };
}

const sumOf = (run: TWecomSyncRun, key: 'created' | 'updated' | 'removed') =>
  Object.values(run.counts).reduce((n, c) => n + c[key], 0);

describe('WeCom import and reconcile against the fake WeCom', () => {
  let afterImport: Awaited<ReturnType<typeof snapshot>>;

  it('refuses people who are not HQ admins, and bad kinds', async () => {
    expect((await w.request('POST', '/api/wecom/sync', { as: 'operator', body: { kind: 'import' } })).status).toBe(403);
    expect((await w.request('GET', '/api/wecom/sync-runs', { as: 'guide1' })).status).toBe(403);
    expect((await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind: 'everything' } })).status).toBe(400);
  });

  it('refuses to start without a WeCom connection', async () => {
    const other = withActor(w.deps, systemActor(w.otherTenantId));
    const error = await startWecomSync(other, { kind: 'import' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/no WeCom connection.*WeCom page/) });
  });

  it('imports staff, tags, customers, follows and groups, firing nothing a live add fires', async () => {
    const [auditBefore] = await w.deps.db.select({ n: count() }).from(audienceChanges);
    const run = await startAndDrain('import');
    expect(run).toMatchObject({ kind: 'import', status: 'done', phase: 'done', error: null });
    expect(run.counts.staff).toMatchObject({ seen: 4, created: 1 });
    expect(run.counts.tags).toMatchObject({ seen: 3, created: 2, updated: 1, removed: 0 });
    expect(run.counts.follows).toMatchObject({ seen: MANY + 4, created: MANY + 2, removed: 1 });
    expect(run.counts.groups).toMatchObject({ seen: 2, created: 1, removed: 1 });

    const s = await snapshot();
    expect(s.staff).toContainEqual({ userid: 'newstaff', name: '新同事', status: 'active' });
    expect(s.tags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ group: '会员等级', name: 'VIP', ext: expect.stringMatching(/^et/) }),
        expect.objectContaining({ group: '兴趣', name: '果茶', ext: expect.stringMatching(/^et/) }),
        // Pond's own tag stays, untied to WeCom.
        expect.objectContaining({ group: '兴趣', name: '奶茶', ext: null }),
      ]),
    );
    expect(s.customers.filter((c) => c.ext?.startsWith('wm_bulk_'))).toHaveLength(MANY);
    expect(s.customers).toContainEqual(expect.objectContaining({ ext: 'wm_n1', name: '新客一', gender: 2 }));
    expect(s.follows).toEqual(
      expect.arrayContaining([
        { pair: 'wm_c1|wangfang', remark: '老客户', state: 'store-qr', deleted: false, readds: 0 },
        { pair: 'wm_n1|newstaff', remark: '门店扫码', state: 'live-1', deleted: false, readds: 0 },
        expect.objectContaining({ pair: 'wm_n1|wangfang', deleted: false }),
        // Gone from WeCom: ended, and the timeline says why.
        expect.objectContaining({ pair: 'wm_c3|zhangwei', deleted: true }),
      ]),
    );
    expect(s.customerTags).toEqual(expect.arrayContaining(['wm_c1:VIP:wecom', 'wm_c1:果茶:wecom', 'wm_n1:VIP:wecom']));
    expect(s.groups).toEqual([
      { chatId: 'wr_g1', name: '徐汇店福利1群', status: 'active', memberCount: 3 },
      { chatId: 'wr_g2', name: '西湖店福利1群', status: 'dismissed', memberCount: 0 },
      { chatId: 'wr_new', name: '新品体验群', status: 'active', memberCount: 3 },
    ]);
    expect(s.members).toEqual(
      expect.arrayContaining([
        { key: 'wr_g1|wm_n1', left: false, joinScene: 2 },
        { key: 'wr_g2|zhangwei', left: true, joinScene: null },
        { key: 'wr_new|newstaff', left: false, joinScene: 1 },
      ]),
    );
    const [why] = await w.deps.db
      .select({ data: customerEvents.data })
      .from(customerEvents)
      .where(
        and(
          eq(customerEvents.tenantId, w.tenantId),
          eq(customerEvents.customerId, w.ids.c3),
          eq(customerEvents.type, 'follow.deleted'),
        ),
      );
    expect(why?.data).toMatchObject({ reason: 'reconcile', runId: run.id });
    // No welcome message, no other outbound action: an import is not a live add.
    const [actions] = await w.deps.db
      .select({ n: count() })
      .from(outboundActions)
      .where(eq(outboundActions.tenantId, w.tenantId));
    expect(actions?.n).toBe(0);
    // The audience change log saw the new customers (migration 0003's triggers).
    const [auditAfter] = await w.deps.db.select({ n: count() }).from(audienceChanges);
    expect((auditAfter?.n ?? 0) - (auditBefore?.n ?? 0)).toBeGreaterThanOrEqual(MANY);
    afterImport = s;
  });

  it('a second run over unchanged WeCom data reports everything unchanged and changes no row', async () => {
    const run = await startAndDrain('reconcile');
    expect(run.status).toBe('done');
    expect(sumOf(run, 'created')).toBe(0);
    expect(sumOf(run, 'updated')).toBe(0);
    expect(sumOf(run, 'removed')).toBe(0);
    expect(run.counts.follows?.unchanged).toBe(MANY + 4);
    expect(await snapshot()).toEqual(afterImport);
  });

  it('allows one running run per tenant', async () => {
    const first = await json<TWecomSyncRun>(
      await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind: 'reconcile' } }),
      202,
    );
    const second = await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind: 'import' } });
    const body = await json<{ error: { code: string; message: string } }>(second, 409);
    expect(body.error.message).toMatch(new RegExp(`run ${first.id}.*already running`));
    const cancelled = await json<TWecomSyncRun>(
      await w.request('POST', `/api/wecom/sync-runs/${first.id}/cancel`, { as: 'admin' }),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    // Its queued job finds it cancelled and does nothing.
    await w.deps.queue.drain();
    expect(await snapshot()).toEqual(afterImport);
    expect((await w.request('POST', `/api/wecom/sync-runs/${first.id}/cancel`, { as: 'admin' })).status).toBe(409);
  });

  it('a run that dies mid-way resumes to the state an uninterrupted run reaches, counting nothing twice', async () => {
    const c = fake.control;
    // WeCom changes while nobody is listening (callbacks lost).
    for (let i = 0; i < 30; i++) {
      c.addCustomer({ external_userid: `wm_late_${i}`, name: `后来客户${i}`, follows: [{ userid: 'lina' }] });
    }
    c.state.follows.delete('wangfang|wm_n1');
    const g1 = c.state.groups.get('wr_g1');
    if (!g1) throw new Error('fake: wr_g1');
    g1.member_list = g1.member_list.filter((m) => m.userid !== 'wm_c1');
    g1.name = '徐汇店福利群';
    // A tag deleted in WeCom, and one unmarked on a customer.
    const level = c.state.tagGroups.find((g) => g.group_name === '会员等级');
    if (!level) throw new Error('fake: 会员等级');
    level.tags = level.tags.filter((x) => x.name !== '普通');
    const c1Follow = c.state.follows.get('wangfang|wm_c1');
    if (!c1Follow) throw new Error('fake: wangfang|wm_c1');
    c1Follow.tag_ids = c1Follow.tag_ids.filter((id) => id === level.tags.find((x) => x.name === 'VIP')?.id);
    // Customers commit, then every groupchat/get fails long enough for the job to give up this attempt.
    c.failNext('externalcontact/groupchat/get', 'http500', 10);
    const started = await json<TWecomSyncRun>(
      await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind: 'reconcile' } }),
      202,
    );
    await w.deps.queue.drain();
    const [dead] = await w.deps.db
      .select()
      .from(wecomSyncRuns)
      .where(and(eq(wecomSyncRuns.tenantId, w.tenantId), eq(wecomSyncRuns.id, started.id)));
    expect(dead).toMatchObject({ status: 'running', phase: 'groups', attempts: 1 });
    expect(dead?.error).toMatch(/UNAVAILABLE/);
    expect(dead?.counts.follows).toMatchObject({ created: 30, removed: 1 });

    // Not moving for more than 2 minutes (its job gone): the minute sweep queues it again.
    const realNow = w.deps.now;
    w.deps.now = () => new Date(realNow().getTime() + 3 * 60_000);
    try {
      expect(await sweepWecomSyncs(w.deps)).toBe(1);
    } finally {
      w.deps.now = realNow;
    }
    // The failures run out; the job runs again (the queue's retry, or the sweep) and resumes.
    // (The client retries each call 4 times, so 10 failures take a few attempts to run out.)
    let tries = 0;
    for (;;) {
      tries++;
      try {
        await handleWecomSyncJob(w.deps, { tenantId: w.tenantId, runId: started.id });
        break;
      } catch (error) {
        expect(String(error)).toMatch(/HTTP 500/);
        if (tries > 5) throw error;
      }
    }
    const resumed = await json<TWecomSyncRun>(await w.request('GET', `/api/wecom/sync-runs/${started.id}`, { as: 'admin' }), 200);
    expect(resumed).toMatchObject({ status: 'done', error: null });
    // Counted once: the 30 new follows and the one WeCom lost, not again after the resume.
    expect(resumed.counts.follows).toMatchObject({ seen: MANY + 4 - 1 + 30, created: 30, removed: 1 });
    expect(resumed.counts.groups).toMatchObject({ seen: 2, updated: 1 });
    expect(resumed.counts.members).toMatchObject({ removed: 1 });
    expect(resumed.counts.tags).toMatchObject({ seen: 2, removed: 1 });
    const interrupted = await snapshot();
    expect(interrupted.tags.map((x) => x.name)).not.toContain('普通');
    expect(interrupted.customerTags).toContain('wm_c1:VIP:wecom');
    expect(interrupted.customerTags).not.toContain('wm_c1:果茶:wecom');
    expect(interrupted.follows).toContainEqual(expect.objectContaining({ pair: 'wm_n1|wangfang', deleted: true }));
    expect(interrupted.members).toContainEqual({ key: 'wr_g1|wm_c1', left: true, joinScene: 3 });

    // An uninterrupted run from here finds nothing left to do: the interrupted one reached its state.
    const again = await startAndDrain('reconcile');
    expect(sumOf(again, 'created') + sumOf(again, 'updated') + sumOf(again, 'removed')).toBe(0);
    expect(await snapshot()).toEqual(interrupted);
  });

  it('a page read by one worker while another committed it is not applied twice', async () => {
    fake.control.addCustomer({ external_userid: 'wm_twice', name: '并发客户', follows: [{ userid: 'zhangwei' }] });
    const started = await json<TWecomSyncRun>(
      await w.request('POST', '/api/wecom/sync', { as: 'admin', body: { kind: 'reconcile' } }),
      202,
    );
    const real = await wecomSyncApiFor(withActor(w.deps, systemActor(w.tenantId)));
    const withBatch = (batchGetByUser: TWecomSyncApi['externalcontact']['batchGetByUser']): TWecomSyncApi => ({
      ...real,
      externalcontact: { ...real.externalcontact, batchGetByUser },
    });
    // Worker A reads the first customers page, then stalls before committing it…
    let stalled: () => void = () => {};
    const aStalled = new Promise<void>((resolve) => {
      stalled = resolve;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let aCalls = 0;
    const a = runWecomSync(w.deps, {
      tenantId: w.tenantId,
      runId: started.id,
      api: withBatch(async (body) => {
        const page = await real.externalcontact.batchGetByUser(body);
        if (++aCalls === 1) {
          stalled();
          await released;
        }
        return page;
      }),
    });
    await aStalled;
    // …while worker B (the sweep's job) commits that same page and dies on the next one.
    let bCalls = 0;
    const b = await runWecomSync(w.deps, {
      tenantId: w.tenantId,
      runId: started.id,
      api: withBatch(async (body) => {
        if (++bCalls === 2) throw new Error('worker B died');
        return real.externalcontact.batchGetByUser(body);
      }),
    }).catch((e: unknown) => e);
    expect(String(b)).toMatch(/worker B died/);
    release();
    expect((await a).status).toBe('done');
    const run = await json<TWecomSyncRun>(await w.request('GET', `/api/wecom/sync-runs/${started.id}`, { as: 'admin' }), 200);
    // Every follow WeCom has was seen once: A's stale copy of the first page was dropped.
    expect(run.counts.follows).toMatchObject({ seen: fake.state.follows.size, created: 1, removed: 0 });
    expect(run.counts.staff?.seen).toBe(4);
    await w.deps.queue.drain();
  });

  it('the nightly reconcile starts one run per tenant on WeCom per day; the daily stats pull yesterday', async () => {
    const runs = async () =>
      (await w.deps.db.select({ n: count() }).from(wecomSyncRuns).where(eq(wecomSyncRuns.tenantId, w.tenantId)))[0]?.n ?? 0;
    const before = await runs();
    // Only tenants served by WeCom are swept.
    await w.deps.queue.send(WECOM_NIGHTLY_JOB, {});
    await w.deps.queue.drain();
    expect(await runs()).toBe(before);
    await w.deps.db.update(tenants).set({ channel: 'wecom' }).where(eq(tenants.id, w.tenantId));
    await w.deps.queue.send(WECOM_NIGHTLY_JOB, {});
    await w.deps.queue.drain();
    expect(await runs()).toBe(before + 1);
    const [latest] = await w.deps.db
      .select()
      .from(wecomSyncRuns)
      .where(eq(wecomSyncRuns.tenantId, w.tenantId))
      .orderBy(desc(wecomSyncRuns.id))
      .limit(1);
    expect(latest).toMatchObject({ kind: 'reconcile', status: 'done', startedBy: null });
    // A second sweep the same day (another worker, a restart) queues nothing new.
    await w.deps.queue.send(WECOM_NIGHTLY_JOB, {});
    await w.deps.queue.drain();
    expect(await runs()).toBe(before + 1);

    await w.deps.queue.send(WECOM_STATS_DAILY_JOB, {});
    await w.deps.queue.drain();
    const stats = await w.deps.db
      .select({ day: wecomStaffDailyStats.day, userid: wecomStaffDailyStats.staffUserId })
      .from(wecomStaffDailyStats)
      .where(eq(wecomStaffDailyStats.tenantId, w.tenantId));
    expect(new Set(stats.map((r) => r.day))).toEqual(new Set([yesterdayIn(new Date())]));
    expect(stats.map((r) => r.userid).sort()).toEqual(['lina', 'newstaff', 'wangfang', 'zhangwei']);
  });

  it('lists runs newest first, paged', async () => {
    const page = await json<{ items: TWecomSyncRun[]; total: number }>(
      await w.request('GET', '/api/wecom/sync-runs?page=1&pageSize=2', { as: 'admin' }),
      200,
    );
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(page.items).toHaveLength(2);
    expect((page.items[0]?.id ?? 0) > (page.items[1]?.id ?? 0)).toBe(true);
  });
});
