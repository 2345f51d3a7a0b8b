import { simChatLog } from '@pond/channels/simulator/simulator.tables';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { auditLog } from '../../audit/audit.tables.ts';
import { notifications } from '../../notifications/notifications.tables.ts';
import { staff } from '../../org/org.tables.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { getTagsOfCustomers } from '../../tags/tag-queries.ts';
import { tags } from '../../tags/tags.tables.ts';
import { applyLiveCodeRouting } from '../apply-live-code-routing.ts';
import { bumpLiveCodeCount } from '../attribute-live-code-add.ts';
import { batchCreateLiveCodes } from '../batch-create-live-codes.ts';
import { getLiveCodeStats } from '../live-code-stats.ts';
import { sweepLiveCodes } from '../live-codes.jobs.ts';
import { liveCodeAttributions, liveCodeDailyCounts, liveCodes } from '../live-codes.tables.ts';
import { createLiveCode, deleteLiveCode, updateLiveCode } from '../save-live-code.ts';

// Simulated time: Monday 2 March 2026, 10:00 in Shanghai. Moved forward only.
let clock = new Date('2026-03-02T02:00:00Z');
const setClock = (shanghai: string) => {
  const next = new Date(`${shanghai.replace(' ', 'T')}:00+08:00`);
  if (next < clock) throw new Error('the test clock only moves forward');
  clock = next;
};

let w: TestWorld;
let ctx: Ctx;
const sim = () => simulatorOf(w.deps);
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

const wayOf = async (configId: string | null) => {
  if (!configId) throw new Error('the code has no contact way');
  return sim().getWay({ tenantId: w.tenantId, configId });
};
const codeRow = async (id: number) => {
  const [row] = await w.deps.db
    .select()
    .from(liveCodes)
    .where(and(eq(liveCodes.tenantId, w.tenantId), eq(liveCodes.id, id)));
  if (!row) throw new Error(`no live code ${id}`);
  return row;
};
const attributions = (codeId: number) =>
  w.deps.db
    .select()
    .from(liveCodeAttributions)
    .where(and(eq(liveCodeAttributions.tenantId, w.tenantId), eq(liveCodeAttributions.codeId, codeId)))
    .orderBy(liveCodeAttributions.id);
const counts = (codeId: number) =>
  w.deps.db
    .select()
    .from(liveCodeDailyCounts)
    .where(and(eq(liveCodeDailyCounts.tenantId, w.tenantId), eq(liveCodeDailyCounts.codeId, codeId)));
const chat = (conversation: string) =>
  w.deps.db
    .select()
    .from(simChatLog)
    .where(and(eq(simChatLog.tenantId, w.tenantId), eq(simChatLog.conversation, conversation)))
    .orderBy(simChatLog.id);
const scan = async (configId: string | null, who: { name?: string; customerId?: number }) => {
  const r = await performSimAction(ctx, {
    type: 'scan_contact_way',
    configId: configId ?? '',
    ...(who.customerId ? { customerId: who.customerId } : { newCustomer: { name: who.name ?? '顾客' } }),
  });
  return { ...r, customerId: r.customerId ?? 0 };
};

describe('a live code from creation to statistics', () => {
  let codeId = 0;
  let configId: string | null = null;
  let firstCustomer = 0;

  it('creating a code creates the contact way (state lc<id>) holding the routed staff list', async () => {
    const code = await createLiveCode(ctx, {
      name: '徐汇店海报',
      channelName: '门店海报',
      pool: [
        { staffId: w.ids.guide1, weight: 1 },
        { staffId: w.ids.guide2, weight: 1 },
      ],
      dailyCap: 2,
      backupStaffIds: [w.ids.manager1],
      tagIds: [w.ids.tagFruit],
      remarkTemplate: '{channel}-{date}',
      welcome: {
        text: '你好 {customer_name}，我是{store_name}的{staff_name}，送你一张新客券～',
        attachments: [
          { type: 'link', title: '{store_name}新客礼', url: 'https://example.com/gift', description: '给{customer_name}的礼物' },
          { type: 'image', url: 'https://example.com/menu.png' },
          { type: 'miniprogram', title: '点单小程序', appId: 'wx123', page: 'pages/index' },
        ],
      },
    });
    codeId = code.id;
    configId = code.configId;
    expect(code).toMatchObject({ state: `lc${code.id}`, status: 'active', appliedMode: 'pool', syncError: null });
    expect(code.appliedStaff.map((s) => s.staffId)).toEqual([w.ids.guide1, w.ids.guide2]);
    expect(code.qrCode).toMatch(/^https:\/\/sim\.pond\.local\/qr\//);
    const way = await wayOf(configId);
    expect(way).toMatchObject({ kind: 'contact', state: `lc${code.id}`, members: ['wangfang', 'lina'] });
  });

  it('a scan adds the customer: attribution, remark, tags, counter and the welcome with its variables filled', async () => {
    const r = await scan(configId, { name: '林晓' });
    firstCustomer = r.customerId;
    await w.deps.queue.drain();
    const [a] = await attributions(codeId);
    expect(a).toMatchObject({
      customerId: r.customerId,
      staffId: w.ids.guide1,
      channelName: '门店海报',
      day: '2026-03-02',
      readd: null,
      remark: '门店海报-20260302',
      deletedAt: null,
    });
    const customerTags = await getTagsOfCustomers(ctx, [r.customerId]);
    expect(customerTags.get(r.customerId)?.map((t) => t.id)).toEqual([w.ids.tagFruit]);
    expect(await counts(codeId)).toMatchObject([{ staffId: w.ids.guide1, day: '2026-03-02', added: 1, readds: 0 }]);
    const lines = await chat(`private:wangfang:${r.externalUserId}`);
    expect(lines.map((l) => [l.msgType, l.content])).toEqual([
      ['text', '你好 林晓，我是徐汇店的王芳，送你一张新客券～'],
      ['link', '徐汇店新客礼 https://example.com/gift'],
      ['image', 'https://example.com/menu.png'],
      ['miniprogram', '点单小程序 (wx123 pages/index)'],
    ]);
    const [welcome] = await w.deps.db
      .select()
      .from(outboundActions)
      .where(and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.kind, 'welcome')))
      .orderBy(outboundActions.id);
    expect(welcome?.status).toBe('sent');
  });

  it('an add that reaches the cap takes that staff member out of the way at once; both capped → backup', async () => {
    await scan(configId, { name: '周舟' }); // lina 1
    await scan(configId, { name: '吴昊' }); // wangfang 2 = cap
    await w.deps.queue.drain();
    expect((await wayOf(configId))?.members).toEqual(['lina']);
    await scan(configId, { name: '郑爽' }); // lina 2 = cap
    await w.deps.queue.drain();
    expect((await wayOf(configId))?.members).toEqual(['liuyang']);
    const row = await codeRow(codeId);
    expect(row.appliedStaffIds).toEqual([w.ids.manager1]);
    expect(row.appliedMode).toBe('backup');
    const byStaff = Object.fromEntries((await counts(codeId)).map((c) => [c.staffId, c.added]));
    expect(byStaff).toEqual({ [w.ids.guide1]: 2, [w.ids.guide2]: 2 });
  });

  it('the next day the caps start again: the minute sweep puts the pool back', async () => {
    setClock('2026-03-03 09:00');
    const updatesBefore = (await wayOf(configId))?.updates ?? 0;
    await sweepLiveCodes(w.deps);
    await w.deps.queue.drain();
    const way = await wayOf(configId);
    expect(way?.members).toEqual(['wangfang', 'lina']);
    expect(way?.updates).toBe(updatesBefore + 1);
    // Nothing changed since: another sweep calls nothing.
    setClock('2026-03-03 09:01');
    await sweepLiveCodes(w.deps);
    await w.deps.queue.drain();
    expect((await wayOf(configId))?.updates).toBe(updatesBefore + 1);
  });

  it('deletions count by who deleted; only follows that came through the code', async () => {
    await performSimAction(ctx, { type: 'delete_staff', staffId: w.ids.guide1, customerId: firstCustomer, by: 'customer' });
    const [first] = await attributions(codeId);
    expect(first).toMatchObject({ deletedBy: 'customer' });
    // c1 follows guide1 from the fixture, not through the code: their deletion is not the code's.
    await performSimAction(ctx, { type: 'delete_staff', staffId: w.ids.guide1, customerId: w.ids.c1, by: 'staff' });
    const rows = await counts(codeId);
    const tuesday = rows.filter((r) => r.day === '2026-03-03');
    expect(tuesday).toMatchObject([{ staffId: w.ids.guide1, added: 0, deletedByCustomer: 1, deletedByStaff: 0 }]);
  });

  it('archiving deletes the contact way; active again makes a new one; deleting removes it', async () => {
    await updateLiveCode(ctx, codeId, { status: 'archived' });
    expect(await wayOf(configId)).toBeNull();
    expect((await codeRow(codeId)).configId).toBeNull();
    const again = await updateLiveCode(ctx, codeId, { status: 'active' });
    expect(again.configId).not.toBe(configId);
    expect((await wayOf(again.configId))?.state).toBe(`lc${codeId}`);
    await deleteLiveCode(ctx, codeId);
    expect(await wayOf(again.configId)).toBeNull();
    const audit = await w.deps.db.select().from(auditLog).where(eq(auditLog.action, 'live_code.delete'));
    expect(audit).toHaveLength(1);
  });
});

describe('schedules and backups', () => {
  it('off schedule the backups take over; back on schedule the pool returns', async () => {
    setClock('2026-03-03 10:00'); // Tuesday
    const code = await createLiveCode(ctx, {
      name: '西湖店工作日',
      channelName: '西湖店',
      pool: [{ staffId: w.ids.guide3, weight: 1 }],
      schedule: { weekdays: [1, 2, 3, 4, 5], windows: [{ start: '09:00', end: '18:00' }] },
      backupStaffIds: [w.ids.guide2],
    });
    expect((await wayOf(code.configId))?.members).toEqual(['zhangwei']);
    setClock('2026-03-03 18:00');
    await sweepLiveCodes(w.deps);
    await w.deps.queue.drain();
    expect((await wayOf(code.configId))?.members).toEqual(['lina']);
    expect((await codeRow(code.id)).appliedMode).toBe('backup');
    setClock('2026-03-04 09:00');
    await sweepLiveCodes(w.deps);
    await w.deps.queue.drain();
    expect((await wayOf(code.configId))?.members).toEqual(['zhangwei']);
  });

  it('everyone away and the backup resigned: the way keeps someone and the operators are told', async () => {
    setClock('2026-03-04 10:00');
    const code = await createLiveCode(ctx, {
      name: '夜班码',
      channelName: '夜班',
      pool: [{ staffId: w.ids.guide2, weight: 1, schedule: { weekdays: [3], windows: [{ start: '22:00', end: '02:00' }] } }],
      backupStaffIds: [w.ids.guide3],
    });
    expect((await wayOf(code.configId))?.members).toEqual(['zhangwei']);
    await w.deps.db
      .update(staff)
      .set({ status: 'resigned' })
      .where(and(eq(staff.tenantId, w.tenantId), eq(staff.id, w.ids.guide3)));
    try {
      const r = await applyLiveCodeRouting(ctx, code.id, { reason: 'manual' });
      expect(r).toMatchObject({ outcome: 'updated', mode: 'fallback', fallback: 'off_schedule', staffIds: [w.ids.guide2] });
      expect((await wayOf(code.configId))?.members).toEqual(['lina']);
      const notices = await w.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, w.tenantId), eq(notifications.kind, 'live_code.fallback')));
      expect(notices).toHaveLength(1);
      // Wednesday 23:00 is inside the night window that crosses midnight.
      setClock('2026-03-04 23:00');
      const night = await applyLiveCodeRouting(ctx, code.id, { reason: 'sweep' });
      expect(night).toMatchObject({ outcome: 'unchanged', mode: 'pool', staffIds: [w.ids.guide2] });
    } finally {
      await w.deps.db
        .update(staff)
        .set({ status: 'active' })
        .where(and(eq(staff.tenantId, w.tenantId), eq(staff.id, w.ids.guide3)));
    }
  });
});

describe('re-adds, deletions, conversions and exact statistics', () => {
  let codeId = 0;
  let configId: string | null = null;
  let x = 0;

  it('recognises re-adds to the same staff member and customers who already knew the brand', async () => {
    setClock('2026-03-05 10:00'); // Thursday
    const code = await createLiveCode(ctx, {
      name: '李娜专属码',
      channelName: '朋友圈',
      pool: [{ staffId: w.ids.guide2, weight: 1 }],
      remarkTemplate: '{channel}{staff_name}',
    });
    codeId = code.id;
    configId = code.configId;
    const first = await scan(configId, { name: '钱多多' });
    x = first.customerId;
    await performSimAction(ctx, { type: 'delete_staff', staffId: w.ids.guide2, customerId: x, by: 'staff' });
    setClock('2026-03-06 11:00');
    await scan(configId, { customerId: x });
    // c3 knows the brand (follows guide3) and now scans this code.
    await scan(configId, { customerId: w.ids.c3 });
    await performSimAction(ctx, { type: 'delete_staff', staffId: w.ids.guide2, customerId: w.ids.c3, by: 'customer' });
    const rows = await attributions(codeId);
    expect(rows.map((r) => [r.customerId, r.readd, r.deletedBy, r.remark])).toEqual([
      [x, null, 'staff', '朋友圈李娜'],
      [x, 'same_staff', null, '朋友圈李娜'],
      [w.ids.c3, 'other_staff', 'customer', '朋友圈李娜'],
    ]);
  });

  it('a first order after the add converts once; a customer who had ordered before does not', async () => {
    // c3 ordered before? No — but an order placed now, after both of x's adds, converts x once.
    await performSimAction(ctx, { type: 'order', customerId: x, amountCents: 3200, items: [] });
    await performSimAction(ctx, { type: 'order', customerId: x, amountCents: 1800, items: [] });
    // A new customer who orders, then re-adds through the code: not a conversion of that re-add.
    setClock('2026-03-06 12:00');
    const y = (await scan(configId, { name: '孙悦' })).customerId;
    await performSimAction(ctx, { type: 'order', customerId: y, amountCents: 990, items: [] });
    await performSimAction(ctx, { type: 'delete_staff', staffId: w.ids.guide2, customerId: y, by: 'customer' });
    await scan(configId, { customerId: y });
    const rows = await attributions(codeId);
    expect(rows.map((r) => [r.customerId, r.firstOrderAt !== null, r.orderedBefore])).toEqual([
      [x, false, false],
      [x, true, false],
      [w.ids.c3, false, false],
      [y, true, false],
      [y, false, true],
    ]);
  });

  it('statistics by day, by staff and in total are exact', async () => {
    const byDay = await getLiveCodeStats(ctx, codeId, { from: '2026-03-04', to: '2026-03-06', groupBy: 'day' });
    expect(byDay.rows.map((r) => [r.day, r.added, r.readds, r.deletedByCustomer, r.deletedByStaff, r.net, r.converted])).toEqual([
      ['2026-03-04', 0, 0, 0, 0, 0, 0],
      ['2026-03-05', 1, 0, 0, 1, 0, 0],
      ['2026-03-06', 4, 3, 2, 0, 2, 2],
    ]);
    expect(byDay.totals).toEqual({
      added: 5,
      readds: 3,
      deletedByCustomer: 2,
      deletedByStaff: 1,
      deleted: 3,
      net: 2,
      converted: 2,
      conversionRate: 0.4,
    });
    const byStaff = await getLiveCodeStats(ctx, codeId, { from: '2026-03-04', to: '2026-03-06', groupBy: 'staff' });
    expect(byStaff.rows).toMatchObject([{ day: null, staffId: w.ids.guide2, staffName: '李娜', added: 5, net: 2 }]);
  });

  it('exports the same numbers as CSV and XLSX (round trip), audited', async () => {
    const base = `/api/live-codes/${codeId}/stats/export?from=2026-03-05&to=2026-03-06&groupBy=day_staff`;
    const csvRes = await w.request('GET', `${base}&format=csv`, { as: 'operator' });
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-disposition')).toMatch(/^attachment; filename="live-code-stats-\d+-\d{8}-\d{4}\.csv"/);
    const csv: string[][] = parse(new TextDecoder().decode(new Uint8Array(await csvRes.arrayBuffer())), { bom: true });
    expect(csv).toEqual([
      ['日期', '员工ID', '员工', '新增', '重复添加', '客户删除', '员工删除', '流失', '净增', '首单转化', '转化率'],
      ['2026-03-05', String(w.ids.guide2), '李娜', '1', '0', '0', '1', '1', '0', '0', '0'],
      ['2026-03-06', String(w.ids.guide2), '李娜', '4', '3', '2', '0', '2', '2', '2', '0.5'],
      ['合计', '', '', '5', '3', '2', '1', '3', '2', '2', '0.4'],
    ]);
    const xlsxRes = await w.request('GET', `${base}&format=xlsx`, { as: 'operator' });
    expect(xlsxRes.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet: string[][] = [];
    wb.worksheets[0]?.eachRow((row) => {
      sheet.push(
        Array.from(row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : String(v))),
      );
    });
    expect(sheet).toEqual(csv);
    const audit = await w.deps.db.select().from(auditLog).where(eq(auditLog.action, 'live_code.export'));
    expect(audit).toHaveLength(2);
  });
});

describe('batch creation for stores', () => {
  it('makes one code per store with its guides as the pool and its managers as backups, per-store results', async () => {
    const body = {
      storeIds: [w.ids.store1, w.ids.store2, w.ids.region],
      nameTemplate: '{store_name}导购码',
      channelTemplate: '{store_name}',
      dailyCap: 30,
    };
    const res = await w.request('POST', '/api/live-codes/batch', { as: 'operator', body });
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result).toMatchObject({ created: 2, skipped: 0, failed: 1 });
    expect(result.results.map((r: { storeName: string; outcome: string }) => [r.storeName, r.outcome])).toEqual([
      ['徐汇店', 'created'],
      ['西湖店', 'created'],
      ['华东', 'failed'],
    ]);
    const xuhui = await codeRow(result.results[0].codeId);
    expect(xuhui).toMatchObject({ name: '徐汇店导购码', channelName: '徐汇店', storeId: w.ids.store1, dailyCap: 30 });
    expect(xuhui.pool.map((m) => m.staffId)).toEqual([w.ids.guide1, w.ids.guide2]);
    expect(xuhui.backupStaffIds).toEqual([w.ids.manager1]);
    expect((await wayOf(xuhui.configId))?.members).toEqual(['wangfang', 'lina']);
    // Run again: the stores that have their code are skipped.
    const again = await batchCreateLiveCodes(ctx, { ...body, storeIds: [w.ids.store1, w.ids.store2] });
    expect(again).toMatchObject({ created: 0, skipped: 2, failed: 0 });
  });
});

describe('HTTP, roles and scope', () => {
  it('operators create and edit; guides and store managers read the codes that concern them', async () => {
    setClock('2026-03-06 13:00');
    const created = await w.request('POST', '/api/live-codes', {
      as: 'operator',
      body: {
        name: '王芳个人码',
        channelName: '个人名片',
        pool: [{ staffId: w.ids.guide1 }],
        welcome: { text: '你好 {customer_name}', attachments: [] },
      },
    });
    expect(created.status).toBe(201);
    const code = await json(created);
    expect(code.pool).toMatchObject([{ staffId: w.ids.guide1, weight: 1, name: '王芳', active: true, todayAdds: 0 }]);

    const guide1 = await json(await w.request('GET', '/api/live-codes?q=王芳个人', { as: 'guide1' }));
    expect(guide1.items.map((i: { id: number }) => i.id)).toEqual([code.id]);
    const guide3 = await json(await w.request('GET', '/api/live-codes?q=王芳个人', { as: 'guide3' }));
    expect(guide3.total).toBe(0);
    expect((await w.request('GET', `/api/live-codes/${code.id}`, { as: 'guide3' })).status).toBe(404);
    expect((await w.request('GET', `/api/live-codes/${code.id}`, { as: 'manager1' })).status).toBe(200);
    expect((await w.request('PATCH', `/api/live-codes/${code.id}`, { as: 'guide1', body: { name: 'x' } })).status).toBe(403);
    expect((await w.request('POST', `/api/live-codes/${code.id}/sweep`, { as: 'guide1' })).status).toBe(403);

    const swept = await w.request('POST', `/api/live-codes/${code.id}/sweep`, { as: 'operator' });
    expect(swept.status).toBe(200);
    expect(await json(swept)).toMatchObject({ outcome: 'unchanged', staffIds: [w.ids.guide1], mode: 'pool' });

    const bad = await w.request('PATCH', `/api/live-codes/${code.id}`, {
      as: 'operator',
      body: { welcome: { text: '你好 {nickname}', attachments: [] } },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/\{nickname\} is not a variable/);
    const paused = await w.request('PATCH', `/api/live-codes/${code.id}`, { as: 'operator', body: { status: 'paused' } });
    expect(await json(paused)).toMatchObject({ status: 'paused' });
    const list = await json(await w.request('GET', '/api/live-codes?status=paused', { as: 'operator' }));
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([code.id]);
  });

  it('folders group codes; deleting a folder keeps its codes', async () => {
    const folder = await json(await w.request('POST', '/api/live-code-folders', { as: 'operator', body: { name: '门店' } }));
    expect((await w.request('POST', '/api/live-code-folders', { as: 'operator', body: { name: '门店' } })).status).toBe(409);
    const [any] = (await json(await w.request('GET', '/api/live-codes?pageSize=1', { as: 'operator' }))).items;
    await w.request('PATCH', `/api/live-codes/${any.id}`, { as: 'operator', body: { folderId: folder.id } });
    const inFolder = await json(await w.request('GET', `/api/live-codes?folderId=${folder.id}`, { as: 'operator' }));
    expect(inFolder.items.map((i: { id: number }) => i.id)).toEqual([any.id]);
    const folders = await json(await w.request('GET', '/api/live-code-folders', { as: 'guide1' }));
    expect(folders.items).toMatchObject([{ name: '门店', codeCount: 1 }]);
    expect((await w.request('DELETE', `/api/live-code-folders/${folder.id}`, { as: 'operator' })).status).toBe(204);
    expect((await codeRow(any.id)).folderId).toBeNull();
  });

  it('refuses a resigned staff member in a new pool, with what to do', async () => {
    await w.deps.db
      .update(staff)
      .set({ status: 'resigned' })
      .where(and(eq(staff.tenantId, w.tenantId), eq(staff.id, w.ids.guide3)));
    try {
      const res = await w.request('POST', '/api/live-codes', {
        as: 'operator',
        body: { name: 'x', channelName: 'x', pool: [{ staffId: w.ids.guide3 }] },
      });
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(/张伟 has resigned/);
    } finally {
      await w.deps.db
        .update(staff)
        .set({ status: 'active' })
        .where(and(eq(staff.tenantId, w.tenantId), eq(staff.id, w.ids.guide3)));
    }
  });
});

describe('concurrency', () => {
  it('two applies at once: one claims the code, the other stands back; the way is updated once', async () => {
    const code = await createLiveCode(ctx, {
      name: '并发码',
      channelName: '并发',
      pool: [
        { staffId: w.ids.guide1, weight: 1 },
        { staffId: w.ids.guide2, weight: 1 },
      ],
      dailyCap: 1,
    });
    await bumpLiveCodeCount(ctx, { codeId: code.id, day: '2026-03-06', staffId: w.ids.guide1 }, { added: 1 });
    const before = (await wayOf(code.configId))?.updates ?? 0;
    const results = await Promise.all([
      applyLiveCodeRouting(ctx, code.id, { reason: 'sweep' }),
      applyLiveCodeRouting(ctx, code.id, { reason: 'sweep' }),
    ]);
    const outcomes = results.map((r) => r.outcome).sort();
    // On PGlite the two runs take turns (the second sees the list applied); on PostgreSQL they race.
    expect([
      ['busy', 'updated'],
      ['unchanged', 'updated'],
    ]).toContainEqual(outcomes);
    const way = await wayOf(code.configId);
    expect(way?.members).toEqual(['lina']);
    expect(way?.updates).toBe(before + 1);
    expect((await codeRow(code.id)).applyingUntil).toBeNull();
  });

  it('counters never lose an increment under concurrent adds', async () => {
    const key = { codeId: 999_999, day: '2026-03-06', staffId: w.ids.guide1 };
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        w.deps.db.transaction(async (tx) => {
          await bumpLiveCodeCount({ ...ctx, tx }, key, i % 5 === 0 ? { added: 1, readds: 1 } : { added: 1 });
        }),
      ),
    );
    const [row] = await w.deps.db
      .select()
      .from(liveCodeDailyCounts)
      .where(and(eq(liveCodeDailyCounts.tenantId, w.tenantId), eq(liveCodeDailyCounts.codeId, key.codeId)));
    expect(row).toMatchObject({ added: 25, readds: 5 });
  });

  it('a redelivered add is attributed and counted once', async () => {
    const code = await createLiveCode(ctx, { name: '重投码', channelName: '重投', pool: [{ staffId: w.ids.guide1, weight: 1 }] });
    const r = await performSimAction(
      ctx,
      { type: 'scan_contact_way', configId: code.configId ?? '', newCustomer: { name: '重复' } },
      { deliver: 'twice' },
    );
    expect(r.duplicates).toBe(1);
    expect(await attributions(code.id)).toHaveLength(1);
    expect((await counts(code.id))[0]?.added).toBe(1);
  });
});

describe('tags synced with WeCom', () => {
  it('are marked on the follow through the outbox', async () => {
    await w.deps.db
      .update(tags)
      .set({ externalId: 'et_milk' })
      .where(and(eq(tags.tenantId, w.tenantId), eq(tags.id, w.ids.tagMilk)));
    const code = await createLiveCode(ctx, {
      name: '奶茶码',
      channelName: '奶茶',
      pool: [{ staffId: w.ids.guide1, weight: 1 }],
      tagIds: [w.ids.tagMilk, w.ids.tagFruit],
    });
    const r = await scan(code.configId, { name: '钟意' });
    const [a] = await attributions(code.id);
    const [mark] = await w.deps.db
      .select()
      .from(outboundActions)
      .where(and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.idempotencyKey, `live-code-tags:${a?.id}`)));
    expect(mark?.payload).toMatchObject({
      staffUserId: 'wangfang',
      externalUserId: r.externalUserId,
      addTagIds: ['et_milk'],
    });
    await w.deps.queue.drain();
    const [sent] = await w.deps.db
      .select()
      .from(outboundActions)
      .where(eq(outboundActions.id, mark?.id ?? 0));
    expect(sent?.status).toBe('sent');
  });
});
