import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { customerToken } from '../../links/customer-token.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { rewardGrants } from '../../rewards/rewards.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { checkinCampaigns, checkinRecords } from '../checkins.tables.ts';
import { sendCheckinReminders } from '../send-checkin-reminders.ts';
import { sweepCheckinCampaigns } from '../sweep-checkin-campaigns.ts';

let w: TestWorld;
let clock = new Date('2026-03-01T10:00:00+08:00');
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

/** Sets the clock to a Shanghai wall-clock time. Tests run in order and only move it forward. */
const setClock = (local: string) => {
  clock = new Date(`${local}+08:00`);
};
const sys = () => withActor(w.deps, systemActor(w.tenantId));
const h5 = (method: string, path: string, customerId: number | null, body?: unknown) => {
  const headers: Record<string, string> = {};
  if (customerId !== null) headers['x-pond-customer'] = customerToken(w.deps, w.tenantId, customerId);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return w.app.request(`/api/public/checkins${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
};
// The fixture caches sessions, which expire as the test clock moves on by days: log in afresh.
const asOperator = async (method: string, path: string, body?: unknown) => {
  const login = await w.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'acme', username: 'operator', password: TEST_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return w.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
};
const recordsOf = (campaignId: number, customerId: number) =>
  w.deps.db
    .select()
    .from(checkinRecords)
    .where(and(eq(checkinRecords.campaignId, campaignId), eq(checkinRecords.customerId, customerId)))
    .orderBy(checkinRecords.day);
const actionsLike = (prefix: string) =>
  w.deps.db
    .select()
    .from(outboundActions)
    .where(and(eq(outboundActions.tenantId, w.tenantId), like(outboundActions.idempotencyKey, `${prefix}%`)))
    .orderBy(outboundActions.idempotencyKey);

const points10 = { kind: 'points', amount: 10, name: '10 积分' };
const coupon5 = { kind: 'coupon', amount: 500, name: '5 元券' };

// Campaign A: 21 days from 2026-03-02, group 1 + open link, make-up rule, replies and reminders on.
let a: { id: number; slug: string };
// Campaign B: 5 days from 2026-03-06, group 1 members only, reset rule.
let b: { id: number; slug: string };

describe('check-in campaigns', () => {
  it('creates, validates and starts a campaign; operators only; fixed settings once started', async () => {
    const body = {
      name: '21 天轻食打卡',
      description: '每天打卡，连续 7 天送积分',
      days: 21,
      startDate: '2026-03-02',
      groupIds: [w.ids.group1],
      keywords: ['打卡'],
      missedDayRule: 'makeup',
      milestones: [
        { kind: 'streak', days: 2, reward: points10 },
        { kind: 'total', days: 3, reward: coupon5 },
      ],
      reminderEnabled: true,
      reminderTime: '20:00',
      remindInGroups: true,
      remindPrivately: true,
      replyInGroup: true,
    };
    expect((await w.request('POST', '/api/checkins', { as: 'guide1', body })).status).toBe(403);
    const tooFar = await w.request('POST', '/api/checkins', {
      as: 'operator',
      body: { ...body, milestones: [{ kind: 'streak', days: 30, reward: points10 }] },
    });
    expect(tooFar.status).toBe(400);
    expect((await json(tooFar)).error.message).toMatch(/milestones\.0\.days/);
    const nowhere = await w.request('POST', '/api/checkins', {
      as: 'operator',
      body: { ...body, groupIds: [], openToAll: false },
    });
    expect(nowhere.status).toBe(400);
    expect((await w.request('POST', '/api/checkins', { as: 'operator', body: { ...body, groupIds: [999999] } })).status).toBe(
      400,
    );
    const noTemplate = await w.request('POST', '/api/checkins', { as: 'operator', body: { ...body, posterTemplateId: 999999 } });
    expect((await json(noTemplate)).error.message).toMatch(/posterTemplateId/);

    const created = await w.request('POST', '/api/checkins', { as: 'operator', body });
    expect(created.status).toBe(201);
    const c = await json(created);
    expect(c).toMatchObject({ status: 'draft', phase: 'draft', days: 21, endDate: '2026-03-22', openToAll: true });
    expect(c.groups).toEqual([{ id: w.ids.group1, name: '徐汇店福利1群' }]);
    expect(c.url).toBe(`http://localhost:3000/c/${c.slug}`);
    a = { id: c.id, slug: c.slug };

    const renamed = await w.request('PATCH', `/api/checkins/${a.id}`, { as: 'operator', body: { name: '21 天轻食打卡挑战' } });
    expect((await json(renamed)).name).toBe('21 天轻食打卡挑战');
    const started = await w.request('POST', `/api/checkins/${a.id}/start`, { as: 'operator' });
    expect(await json(started)).toMatchObject({ status: 'active', phase: 'upcoming', todayNumber: null });
    expect((await w.request('POST', `/api/checkins/${a.id}/start`, { as: 'operator' })).status).toBe(409);
    const fixed = await w.request('PATCH', `/api/checkins/${a.id}`, { as: 'operator', body: { days: 30 } });
    expect(fixed.status).toBe(409);
    expect((await json(fixed)).error.message).toMatch(/days: fixed once the campaign has started/);
    // Still editable while active: the reminder text.
    expect(
      (
        await w.request('PATCH', `/api/checkins/${a.id}`, {
          as: 'operator',
          body: { reminderText: '「{campaign}」今天还没打卡哦' },
        })
      ).status,
    ).toBe(200);
    expect((await w.request('DELETE', `/api/checkins/${a.id}`, { as: 'operator' })).status).toBe(409);
  });

  it('shows the campaign on the H5 page, refuses check-ins before day 1, and lets customers join', async () => {
    const anonymous = await json(await h5('GET', `/${a.slug}`, null));
    expect(anonymous.campaign).toMatchObject({ phase: 'upcoming', days: 21, startDate: '2026-03-02', missedDayRule: 'makeup' });
    expect(anonymous.me).toBeNull();
    const mine = await json(await h5('GET', `/${a.slug}`, w.ids.c2));
    expect(mine.me).toMatchObject({ name: '杨磊', joined: false, eligible: true, currentStreak: 0 });
    expect(mine.me.calendar).toHaveLength(21);
    const early = await h5('POST', `/${a.slug}/check-in`, w.ids.c2);
    expect(early.status).toBe(409);
    expect((await json(early)).error.details.reason).toBe('NOT_STARTED');
    expect((await h5('POST', `/${a.slug}/join`, w.ids.c2)).status).toBe(200);
    expect((await h5('POST', `/${a.slug}/join`, w.ids.c2)).status).toBe(200);
    // The share poster: the campaign's, and a participant's own with their name.
    for (const who of [null, w.ids.c2]) {
      const poster = await h5('GET', `/${a.slug}/poster`, who);
      expect(poster.status).toBe(200);
      expect(poster.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await poster.arrayBuffer()).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
    const campaign = await json(await w.request('GET', `/api/checkins/${a.id}`));
    expect(campaign.participantCount).toBe(1);
    // Results before day 1: the participant, no days yet, no streaks.
    const before = await json(await w.request('GET', `/api/checkins/${a.id}/stats`));
    expect(before).toMatchObject({ participants: 1, todayNumber: null, days: [] });
    expect(before.streakDistribution[0]).toEqual({ bucket: '0', participants: 1 });
    const ranking = await json(await w.request('GET', `/api/checkins/${a.id}/participants`));
    expect(ranking.items).toMatchObject([{ customerId: w.ids.c2, currentStreak: 0, totalDays: 0 }]);
    expect(await recordsOf(a.id, w.ids.c2)).toHaveLength(0);
  });

  it('checks in from the H5 page at most once a day, also when the taps race', async () => {
    setClock('2026-03-02T09:00:00');
    const first = await h5('POST', `/${a.slug}/check-in`, w.ids.c2);
    expect(first.status).toBe(200);
    expect(await json(first)).toMatchObject({
      outcome: 'checked_in',
      day: '2026-03-02',
      number: 1,
      currentStreak: 1,
      totalDays: 1,
    });
    expect(await json(await h5('POST', `/${a.slug}/check-in`, w.ids.c2))).toMatchObject({ outcome: 'already', currentStreak: 1 });

    const race = await Promise.all(Array.from({ length: 6 }, () => h5('POST', `/${a.slug}/check-in`, w.ids.c3)));
    const outcomes = await Promise.all(race.map(async (r) => (await json(r)).outcome));
    expect(outcomes.filter((o) => o === 'checked_in')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already')).toHaveLength(5);
    expect(await recordsOf(a.id, w.ids.c3)).toHaveLength(1);
    const view = await json(await h5('GET', `/${a.slug}`, w.ids.c3));
    expect(view.me).toMatchObject({ joined: true, checkedInToday: true, currentStreak: 1, totalDays: 1 });
    expect(view.me.calendar.slice(0, 2).map((d: { state: string }) => d.state)).toEqual(['checked', 'future']);
  });

  it('checks in by keyword in the group — the whole message, once, even redelivered — and replies once per message', async () => {
    setClock('2026-03-02T12:00:00');
    const noise = await performSimAction(sys(), {
      type: 'message',
      customerId: w.ids.c1,
      groupId: w.ids.group1,
      content: '今天不打卡了',
    });
    expect(noise.ok).toBe(true);
    expect(await recordsOf(a.id, w.ids.c1)).toHaveLength(0);

    const said = await performSimAction(
      sys(),
      { type: 'message', customerId: w.ids.c1, groupId: w.ids.group1, content: '打卡！' },
      { deliver: 'twice' },
    );
    expect(said.duplicates).toBe(1);
    const records = await recordsOf(a.id, w.ids.c1);
    expect(records).toMatchObject([{ day: '2026-03-02', kind: 'checkin', source: 'keyword', groupId: w.ids.group1 }]);
    await performSimAction(sys(), { type: 'message', customerId: w.ids.c1, groupId: w.ids.group1, content: '打卡' });
    expect(await recordsOf(a.id, w.ids.c1)).toHaveLength(1);

    const replies = await actionsLike(`checkin:${a.id}:reply:`);
    expect(replies).toHaveLength(2);
    await w.deps.queue.drain();
    const sent = await actionsLike(`checkin:${a.id}:reply:`);
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent']);
    const texts = sent.map((r) => (r.payload as { content: { text: string } }).content.text).sort();
    expect(texts).toEqual(['@陈静 今天已经打过卡啦，已连续打卡 1 天', '@陈静 打卡成功！已连续打卡 1 天，累计 1 天']);
  });

  it('grants milestone rewards once, and applies the make-up rule: one card, earlier days only', async () => {
    setClock('2026-03-03T08:00:00');
    const day2 = await json(await h5('POST', `/${a.slug}/check-in`, w.ids.c2));
    expect(day2).toMatchObject({
      currentStreak: 2,
      newMilestones: [{ index: 0, kind: 'streak', days: 2, rewardName: '10 积分' }],
    });

    // c2 misses 2026-03-04 and checks in on the 5th: the streak resets, the total reaches 3.
    setClock('2026-03-05T08:00:00');
    const day4 = await json(await h5('POST', `/${a.slug}/check-in`, w.ids.c2));
    expect(day4).toMatchObject({ currentStreak: 1, totalDays: 3, newMilestones: [{ index: 1, kind: 'total', days: 3 }] });

    const today = await h5('POST', `/${a.slug}/make-up`, w.ids.c2, { day: '2026-03-05' });
    expect((await json(today)).error.details.reason).toBe('NOT_PAST');
    const view = await json(await h5('GET', `/${a.slug}`, w.ids.c2));
    expect(view.me.makeupDays).toEqual(['2026-03-04']);
    expect(view.me.makeupCardsLeft).toBe(1);
    const madeUp = await h5('POST', `/${a.slug}/make-up`, w.ids.c2, { day: '2026-03-04' });
    expect(await json(madeUp)).toMatchObject({ outcome: 'made_up', number: 3, currentStreak: 4, totalDays: 4, longestStreak: 4 });
    const after = await json(await h5('GET', `/${a.slug}`, w.ids.c2));
    expect(after.me.calendar.slice(0, 5).map((d: { state: string }) => d.state)).toEqual([
      'checked',
      'checked',
      'makeup',
      'checked',
      'future',
    ]);
    expect(after.me.makeupCardsLeft).toBe(0);

    // c3: day 1 only. The one card fills day 2; a second one is refused.
    expect((await h5('POST', `/${a.slug}/make-up`, w.ids.c3, { day: '2026-03-03' })).status).toBe(200);
    const second = await h5('POST', `/${a.slug}/make-up`, w.ids.c3, { day: '2026-03-04' });
    expect(second.status).toBe(409);
    expect((await json(second)).error.details.reason).toBe('NO_CARD');

    // c1 spends the card twice at once, on two different days: exactly one succeeds.
    const raced = await Promise.all([
      h5('POST', `/${a.slug}/make-up`, w.ids.c1, { day: '2026-03-03' }),
      h5('POST', `/${a.slug}/make-up`, w.ids.c1, { day: '2026-03-04' }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await recordsOf(a.id, w.ids.c1)).filter((r) => r.kind === 'makeup')).toHaveLength(1);

    // Every milestone reward exactly once per customer, whatever happened above.
    const grants = await w.deps.db
      .select({ key: rewardGrants.idempotencyKey, n: count() })
      .from(rewardGrants)
      .where(like(rewardGrants.idempotencyKey, `checkin:${a.id}:%`))
      .groupBy(rewardGrants.idempotencyKey)
      .orderBy(rewardGrants.idempotencyKey);
    expect(grants.every((g) => g.n === 1)).toBe(true);
    expect(grants.map((g) => g.key)).toContain(`checkin:${a.id}:${w.ids.c2}:m:0`);
    expect(grants.map((g) => g.key)).toContain(`checkin:${a.id}:${w.ids.c2}:m:1`);
    const mine = await json(
      await w.app.request('/api/public/me/rewards', {
        headers: { 'x-pond-customer': customerToken(w.deps, w.tenantId, w.ids.c2) },
      }),
    );
    expect(mine.items.map((r: { name: string }) => r.name).sort()).toEqual(['10 积分', '5 元券']);
  });

  it('reminds those who have not checked in, once per recipient, even when run twice or after a crash', async () => {
    setClock('2026-03-05T19:30:00');
    expect((await sweepCheckinCampaigns(w.deps)).queued).toBe(0);
    setClock('2026-03-05T20:05:00');
    expect((await sweepCheckinCampaigns(w.deps)).queued).toBe(1);
    await w.deps.queue.drain();
    const prefix = `checkin:${a.id}:remind:2026-03-05:`;
    const first = await actionsLike(prefix);
    // c2 checked in today; c1 and c3 did not: one group reminder and two private ones.
    expect(first.map((r) => r.idempotencyKey)).toEqual([
      `${prefix}customer:${w.ids.c1}`,
      `${prefix}customer:${w.ids.c3}`,
      `${prefix}group:${w.ids.group1}`,
    ]);
    expect(first.every((r) => r.status === 'sent')).toBe(true);
    const toC1 = first[0]?.payload as { staffUserId: string; externalUserId: string; content: { text: string } };
    expect(toC1).toMatchObject({ staffUserId: 'wangfang', externalUserId: 'wm_c1' });
    expect(toC1.content.text).toMatch(new RegExp(`/c/${a.slug}\\?t=`));
    const group = first[2]?.payload as { content: { text: string } };
    expect(group.content.text).toMatch(/今天还有 2 位小伙伴没有打卡，在群里发送「打卡」即可打卡/);

    // Run again (a second sweep slot, a retried job): the day is done.
    expect((await sweepCheckinCampaigns(w.deps)).queued).toBe(0);
    expect((await sendCheckinReminders(w.deps, { tenantId: w.tenantId, campaignId: a.id, day: '2026-03-05' })).sent).toBe(
      'skipped',
    );
    // A crash after the messages were queued but before the day was marked: a rerun — even two at
    // once — queues nothing new.
    await w.deps.db.update(checkinCampaigns).set({ remindedDay: null }).where(eq(checkinCampaigns.id, a.id));
    const reruns = await Promise.all([
      sendCheckinReminders(w.deps, { tenantId: w.tenantId, campaignId: a.id, day: '2026-03-05' }),
      sendCheckinReminders(w.deps, { tenantId: w.tenantId, campaignId: a.id, day: '2026-03-05' }),
    ]);
    expect(reruns.map((r) => r.sent).sort()).toEqual(['done', 'skipped']);
    await w.deps.queue.drain();
    expect(await actionsLike(prefix)).toHaveLength(3);
  });

  it('reports results per day and ranks participants by streak, within the reader’s scope', async () => {
    // Which day c1's one make-up card filled was decided by the race above.
    const c1Card = (await recordsOf(a.id, w.ids.c1)).find((r) => r.kind === 'makeup')?.day;
    expect(['2026-03-03', '2026-03-04']).toContain(c1Card);
    const c1OnDay2 = c1Card === '2026-03-03';
    const stats = await json(await w.request('GET', `/api/checkins/${a.id}/stats`, { as: 'operator' }));
    expect(stats).toMatchObject({ today: '2026-03-05', todayNumber: 4, participants: 3, checkedInToday: 1, makeups: 3 });
    expect(stats.days.map((d: { checkins: number }) => d.checkins)).toEqual([3, 1, 0, 1]);
    // c3's card filled day 2, c2's day 3, c1's one of them.
    expect(stats.days.map((d: { makeups: number }) => d.makeups)).toEqual(c1OnDay2 ? [0, 2, 1, 0] : [0, 1, 2, 0]);
    expect(stats.days[0]).toMatchObject({ day: '2026-03-02', number: 1, participants: 3, rate: 1 });
    expect(stats.todayRate).toBeCloseTo(1 / 3, 3);
    // Streak 2: c2, c3 (day 1 + card) and c1 if its card went on day 2. Total 3: c2 only.
    expect(stats.milestones.map((m: { reached: number }) => m.reached)).toEqual([c1OnDay2 ? 3 : 2, 1]);
    // c2: 4 days in a row (with the card). c3 missed yesterday: 0. c1: 1 if its card filled yesterday.
    expect(stats.streakDistribution).toEqual([
      { bucket: '0', participants: c1OnDay2 ? 2 : 1 },
      { bucket: '1-2', participants: c1OnDay2 ? 0 : 1 },
      { bucket: '3-6', participants: 1 },
      { bucket: '7-13', participants: 0 },
      { bucket: '14-20', participants: 0 },
      { bucket: '21+', participants: 0 },
    ]);
    expect(stats.perfect).toBe(1);

    const ranking = await json(await w.request('GET', `/api/checkins/${a.id}/participants?sort=streak`, { as: 'operator' }));
    expect(ranking.total).toBe(3);
    expect(ranking.items[0]).toMatchObject({
      rank: 1,
      customerId: w.ids.c2,
      currentStreak: 4,
      longestStreak: 4,
      totalDays: 4,
      makeupsUsed: 1,
    });
    const byTotal = await json(
      await w.request('GET', `/api/checkins/${a.id}/participants?sort=total&pageSize=1&page=2`, { as: 'operator' }),
    );
    expect(byTotal.items).toHaveLength(1);
    expect(byTotal.items[0].rank).toBe(2);

    const guide = await json(await w.request('GET', `/api/checkins/${a.id}/participants`, { as: 'guide1' }));
    expect(guide.items.map((p: { customerId: number }) => p.customerId)).toEqual([w.ids.c1]);
    expect((await json(await w.request('GET', `/api/checkins/${a.id}/stats`, { as: 'guide1' }))).participants).toBe(1);
    expect((await w.request('PATCH', `/api/checkins/${a.id}`, { as: 'guide1', body: { name: 'x' } })).status).toBe(403);
    const list = await json(await w.request('GET', '/api/checkins?status=active', { as: 'guide1' }));
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([a.id]);
  });

  it('under the reset rule a missed day breaks the streak; days turn at 00:00 Shanghai; group-only campaigns', async () => {
    const created = await asOperator('POST', '/api/checkins', {
      name: '5 天早餐打卡',
      days: 5,
      startDate: '2026-03-06',
      groupIds: [w.ids.group1],
      openToAll: false,
      keywords: ['早餐打卡'],
    });
    const c = await json(created);
    b = { id: c.id, slug: c.slug };
    expect(c.missedDayRule).toBe('reset');
    expect((await asOperator('POST', `/api/checkins/${b.id}/start`)).status).toBe(200);

    const outsider = await h5('POST', `/${b.slug}/join`, w.ids.c2);
    expect((await json(outsider)).error.details.reason).toBe('NOT_ELIGIBLE');
    expect((await h5('POST', `/${b.slug}/check-in`, w.ids.c2)).status).toBe(409);

    setClock('2026-03-06T23:59:30');
    expect(await json(await h5('POST', `/${b.slug}/check-in`, w.ids.c1))).toMatchObject({ outcome: 'checked_in', number: 1 });
    setClock('2026-03-07T00:00:00');
    expect(await json(await h5('POST', `/${b.slug}/check-in`, w.ids.c1))).toMatchObject({
      outcome: 'checked_in',
      day: '2026-03-07',
      number: 2,
      currentStreak: 2,
    });
    setClock('2026-03-09T10:00:00');
    expect(await json(await h5('POST', `/${b.slug}/check-in`, w.ids.c1))).toMatchObject({
      number: 4,
      currentStreak: 1,
      longestStreak: 2,
      totalDays: 3,
    });
    const view = await json(await h5('GET', `/${b.slug}`, w.ids.c1));
    expect(view.me.calendar.map((d: { state: string }) => d.state)).toEqual([
      'checked',
      'checked',
      'missed',
      'checked',
      'future',
    ]);
    expect(view.me.makeupDays).toEqual([]);
    const makeUp = await h5('POST', `/${b.slug}/make-up`, w.ids.c1, { day: '2026-03-08' });
    expect((await json(makeUp)).error.details.reason).toBe('RULE_RESET');
  });

  it('closes campaigns after their last day (sweep) or when ended; closed campaigns take no check-ins', async () => {
    setClock('2026-03-11T01:00:00');
    expect((await sweepCheckinCampaigns(w.deps)).ended).toBe(1);
    const closed = await h5('POST', `/${b.slug}/check-in`, w.ids.c1);
    expect((await json(closed)).error.details.reason).toBe('ENDED');
    expect((await json(await h5('GET', `/${b.slug}`, w.ids.c1))).campaign.phase).toBe('ended');

    expect((await json(await asOperator('POST', `/api/checkins/${a.id}/end`))).status).toBe('ended');
    await performSimAction(sys(), { type: 'message', customerId: w.ids.c1, groupId: w.ids.group1, content: '打卡' });
    expect((await recordsOf(a.id, w.ids.c1)).map((r) => r.day)).not.toContain('2026-03-11');
    expect((await asOperator('PATCH', `/api/checkins/${a.id}`, { keywords: ['签到'] })).status).toBe(409);
  });

  it('answers unknown links with 404 and forged or foreign tokens with 401; deletes drafts only', async () => {
    expect((await h5('GET', '/Zz9unknown0', w.ids.c1)).status).toBe(404);
    const forged = await w.app.request(`/api/public/checkins/${a.slug}/check-in`, {
      method: 'POST',
      headers: { 'x-pond-customer': `${w.tenantId}.${w.ids.c1}.AAAAAAAAAAAAAAAAAAAAAA` },
    });
    expect(forged.status).toBe(401);
    const foreign = await w.app.request(`/api/public/checkins/${a.slug}`, {
      headers: { 'x-pond-customer': customerToken(w.deps, w.otherTenantId, w.ids.otherTenantCustomer) },
    });
    expect(foreign.status).toBe(401);
    const draft = await json(await asOperator('POST', '/api/checkins', { name: '草稿', startDate: '2026-04-01' }));
    expect((await h5('POST', `/${draft.slug}/check-in`, w.ids.c1)).status).toBe(409);
    expect((await asOperator('DELETE', `/api/checkins/${draft.id}`)).status).toBe(204);
    expect((await asOperator('GET', `/api/checkins/${draft.id}`)).status).toBe(404);
  });
});
