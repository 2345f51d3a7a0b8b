import type { FakeWecom } from '@pond/channels/wecom/fake/fake-wecom';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorld } from '../../../testing/fixture.ts';
import { daysBetween, shanghaiDay } from '../stats/stats-rules.ts';
import type { TPullWecomStatsResult, TWecomStaffDayStat } from '../sync/wecom-sync.schemas.ts';
import { wecomGroupDailyStats, wecomStaffDailyStats } from '../wecom.tables.ts';
import { connectWecom, json, startWecomTestWorld, stopWecomTestWorld } from './wecom-test-world.ts';

let w: TestWorld;
let fake: FakeWecom;
const DAY = 86_400_000;
const today = shanghaiDay(new Date());
const dayBefore = (n: number) => shanghaiDay(new Date(Date.now() - n * DAY));

beforeAll(async () => {
  ({ w, fake } = await startWecomTestWorld());
  fake.control.addStaff({ userid: 'wangfang', name: '王芳' });
  fake.control.addStaff({ userid: 'lina', name: '李娜' });
  fake.control.addGroup({ chat_id: 'wr_s1', name: '统计群', owner: 'wangfang', members: [{ userid: 'wm_x', type: 2 }] });
  await connectWecom(w);
});

afterAll(() => stopWecomTestWorld(w, fake));

const pull = (from: string, to: string, as = 'admin') => w.request('POST', '/api/wecom/stats/pull', { as, body: { from, to } });
const rows = async () => ({
  staff: await w.deps.db
    .select()
    .from(wecomStaffDailyStats)
    .where(eq(wecomStaffDailyStats.tenantId, w.tenantId))
    .orderBy(asc(wecomStaffDailyStats.day), asc(wecomStaffDailyStats.staffUserId)),
  groups: await w.deps.db
    .select()
    .from(wecomGroupDailyStats)
    .where(eq(wecomGroupDailyStats.tenantId, w.tenantId))
    .orderBy(asc(wecomGroupDailyStats.day), asc(wecomGroupDailyStats.ownerUserId)),
});

describe('WeCom daily statistics', () => {
  it.each([
    [dayBefore(31), dayBefore(1), /more than 30/],
    [dayBefore(1), today, /up to yesterday/],
    [dayBefore(1), dayBefore(3), /on or before/],
    ['2026-13-01', dayBefore(1), /date/],
  ])('refuses %s..%s', async (from, to, message) => {
    const body = await json<{ error: { code: string; message: string } }>(await pull(from, to), 400);
    expect(body.error.message).toMatch(message);
  });

  it('is for HQ admins', async () => {
    expect((await pull(dayBefore(2), dayBefore(1), 'operator')).status).toBe(403);
  });

  it('pulls each staff member and owner per day, and a re-pull changes nothing', async () => {
    const from = dayBefore(3);
    const to = dayBefore(1);
    const first = await json<TPullWecomStatsResult>(await pull(from, to), 200);
    expect(first).toMatchObject({ from, to, staffRows: 6, groupRows: 6, changed: 12 });
    const before = await rows();
    expect(before.staff.map((r) => `${r.day}:${r.staffUserId}`)).toEqual(
      daysBetween(from, to).flatMap((d) => [`${d}:lina`, `${d}:wangfang`]),
    );
    const one = before.staff[0];
    expect(one?.chatCnt).toBe(one?.raw.chat_cnt);
    expect(one?.replyPercentage).toBe(one?.raw.reply_percentage);
    expect(before.groups.find((g) => g.ownerUserId === 'wangfang')).toMatchObject({ chatTotal: 1, memberTotal: 2 });

    const again = await json<TPullWecomStatsResult>(await pull(from, to), 200);
    expect(again).toMatchObject({ staffRows: 6, groupRows: 6, changed: 0 });
    expect(await rows()).toEqual(before);

    // WeCom's numbers for a day change (a late correction): only the rows that differ are written.
    fake.control.addGroup({ chat_id: 'wr_s2', name: '统计二群', owner: 'wangfang' });
    const corrected = await json<TPullWecomStatsResult>(await pull(to, to), 200);
    expect(corrected.changed).toBe(1);
    const after = await rows();
    expect(after.groups.find((g) => g.day === to && g.ownerUserId === 'wangfang')?.chatTotal).toBe(2);
    expect(after.staff).toEqual(before.staff);
  });

  it('lists the pulled staff statistics by day, paged', async () => {
    const page = await json<{ items: TWecomStaffDayStat[]; total: number }>(
      await w.request('GET', `/api/wecom/stats/staff?from=${dayBefore(3)}&to=${dayBefore(1)}&pageSize=4`, { as: 'admin' }),
      200,
    );
    expect(page.total).toBe(6);
    expect(page.items.map((i) => `${i.day}:${i.staffUserId}`)).toEqual([
      `${dayBefore(3)}:lina`,
      `${dayBefore(3)}:wangfang`,
      `${dayBefore(2)}:lina`,
      `${dayBefore(2)}:wangfang`,
    ]);
    const status = await json<{ lastDay: string | null; lastPulledAt: string | null }>(
      await w.request('GET', '/api/wecom/stats/status', { as: 'admin' }),
      200,
    );
    expect(status.lastDay).toBe(dayBefore(1));
  });
});
