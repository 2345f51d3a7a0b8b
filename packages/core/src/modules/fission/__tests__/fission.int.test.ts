import { advanceSimClock } from '@pond/channels/simulator/sim-clock';
import { simChatLog, simWays } from '@pond/channels/simulator/simulator.tables';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { customerToken } from '../../links/customer-token.ts';
import { rewardGrants } from '../../rewards/rewards.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { applyFissionAdd } from '../apply-fission-add.ts';
import { fissionInvites, fissionParticipants } from '../fission.tables.ts';

let w: TestWorld;
let sys: Ctx;
beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  sys = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const DAY = 86_400_000;
const simNow = async () => simulatorOf(w.deps).now(w.tenantId);
const coupon = { kind: 'coupon', amount: 1000, name: '满50减10券' };
const points = { kind: 'points', amount: 200, name: '200 积分' };

// Windows around the process clock, wide enough for the simulated clock tests move forward by days.
async function campaignBody(patch: Record<string, unknown> = {}) {
  const now = w.deps.now();
  return {
    name: '春季邀请有礼',
    description: '邀请好友添加导购，领取奖励',
    rules: '1. 好友需为新客户\n2. 72 小时内删除不计',
    startsAt: new Date(now.getTime() - DAY).toISOString(),
    endsAt: new Date(now.getTime() + 30 * DAY).toISOString(),
    goal: 2,
    tiers: [
      { invites: 1, reward: coupon },
      { invites: 2, reward: points },
    ],
    staffIds: [w.ids.guide1],
    deleteWindowHours: 72,
    ...patch,
  };
}

async function startedCampaign(patch: Record<string, unknown> = {}): Promise<{ id: number; slug: string }> {
  const created = await w.request('POST', '/api/fission/campaigns', { as: 'operator', body: await campaignBody(patch) });
  expect(created.status, await created.clone().text()).toBe(201);
  const campaign = await json(created);
  const started = await w.request('POST', `/api/fission/campaigns/${campaign.id}/start`, { as: 'operator' });
  expect(started.status, await started.clone().text()).toBe(200);
  return { id: campaign.id, slug: String(campaign.url).split('/').pop() as string };
}

const h5 = (method: string, path: string, customerId: number | null) =>
  w.app.request(`/api/public/fission/${path}`, {
    method,
    headers: customerId === null ? {} : { 'x-pond-customer': customerToken(w.deps, w.tenantId, customerId) },
  });

async function join(slug: string, customerId: number) {
  const res = await h5('POST', `${slug}/join`, customerId);
  expect(res.status, await res.clone().text()).toBe(200);
  return json(res);
}

async function participantRow(id: number) {
  const [row] = await w.deps.db
    .select()
    .from(fissionParticipants)
    .where(and(eq(fissionParticipants.tenantId, w.tenantId), eq(fissionParticipants.id, id)));
  if (!row?.wayConfigId) throw new Error(`participant ${id} has no way`);
  return row as typeof row & { wayConfigId: string };
}

const scan = (configId: string, who: { name?: string; customerId?: number }, deliver?: 'now' | 'twice') =>
  performSimAction(
    sys,
    who.customerId
      ? { type: 'scan_contact_way', configId, customerId: who.customerId }
      : { type: 'scan_contact_way', configId, newCustomer: { name: who.name ?? '新朋友' } },
    { deliver },
  );

const invitesOf = (participantId: number) =>
  w.deps.db
    .select()
    .from(fissionInvites)
    .where(and(eq(fissionInvites.tenantId, w.tenantId), eq(fissionInvites.participantId, participantId)));

const grantsOf = (campaignId: number) =>
  w.deps.db
    .select()
    .from(rewardGrants)
    .where(and(eq(rewardGrants.tenantId, w.tenantId), eq(rewardGrants.source, 'fission'), eq(rewardGrants.sourceId, campaignId)));

describe('fission campaigns: settings', () => {
  it('validates with messages that say what to fix', async () => {
    const bad = async (patch: Record<string, unknown>) => {
      const res = await w.request('POST', '/api/fission/campaigns', { as: 'operator', body: await campaignBody(patch) });
      expect(res.status).toBe(400);
      return (await json(res)).error.message as string;
    };
    expect(
      await bad({
        tiers: [
          { invites: 3, reward: coupon },
          { invites: 2, reward: points },
        ],
        goal: 3,
      }),
    ).toMatch(/tiers.*order the tiers/);
    expect(await bad({ staffIds: [] })).toMatch(/staffIds/);
    const now = await simNow();
    expect(await bad({ endsAt: new Date(now.getTime() - 2 * DAY).toISOString() })).toMatch(/endsAt.*end after it starts/);
    expect(await bad({ goal: 5 })).toMatch(/goal/);
    expect(await bad({ staffIds: [999_999] })).toMatch(/staffIds: staff member 999999 does not exist/);
    expect(await bad({ tiers: [{ invites: 1, reward: { kind: 'coupon', amount: 0, name: '券' } }], goal: 1 })).toMatch(/amount/);
  });

  it('lets operators create, edit and start; guides read but cannot write', async () => {
    const res = await w.request('POST', '/api/fission/campaigns', { as: 'guide1', body: await campaignBody() });
    expect(res.status).toBe(403);
    const created = await json(await w.request('POST', '/api/fission/campaigns', { as: 'operator', body: await campaignBody() }));
    expect(created).toMatchObject({ status: 'draft', phase: 'draft', participants: 0, deleteWindowHours: 72 });
    expect(created.staff).toEqual([{ id: w.ids.guide1, name: '王芳', active: true }]);
    expect(created.url).toMatch(/\/f\/[0-9A-Za-z]{10}$/);
    const edited = await w.request('PATCH', `/api/fission/campaigns/${created.id}`, {
      as: 'operator',
      body: { name: '春季邀请有礼（改）', tiers: [{ invites: 2, reward: points }] },
    });
    expect(edited.status).toBe(200);
    expect((await json(edited)).name).toBe('春季邀请有礼（改）');
    expect((await w.request('GET', `/api/fission/campaigns/${created.id}`, { as: 'guide1' })).status).toBe(200);
    expect((await w.request('POST', `/api/fission/campaigns/${created.id}/start`, { as: 'guide1' })).status).toBe(403);
    expect((await w.request('POST', `/api/fission/campaigns/${created.id}/start`, { as: 'operator' })).status).toBe(200);
    // Started: the rules every participant plays by are fixed.
    const locked = await w.request('PATCH', `/api/fission/campaigns/${created.id}`, {
      as: 'operator',
      body: { tiers: [{ invites: 1, reward: coupon }], goal: 1 },
    });
    expect(locked.status).toBe(409);
    expect((await w.request('DELETE', `/api/fission/campaigns/${created.id}`, { as: 'operator' })).status).toBe(409);
    const list = await json(await w.request('GET', '/api/fission/campaigns?status=active', { as: 'operator' }));
    expect(list.items.map((c: { id: number }) => c.id)).toContain(created.id);
  });

  it('hides campaigns from another tenant', async () => {
    const { id } = await startedCampaign();
    const other = withActor(w.deps, { ...systemActor(w.otherTenantId), role: 'admin' });
    const { getFissionCampaign } = await import('../list-fission-campaigns.ts');
    await expect(getFissionCampaign(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('fission: participants, codes and counting through the simulator', () => {
  it('a participant joins once (also when five joins race), with one contact way and a poster', async () => {
    const { id, slug } = await startedCampaign();
    const anonymous = await h5('POST', `${slug}/join`, null);
    expect(anonymous.status).toBe(401);
    const results = await Promise.all(Array.from({ length: 5 }, () => join(slug, w.ids.c1)));
    expect(new Set(results.map((r) => r.participantId)).size).toBe(1);
    const first = results[0];
    expect(first.posterUrl).toMatch(/\/api\/public\/fission\/[0-9A-Za-z]{10}\/poster\.png$/);
    const participant = await participantRow(first.participantId);
    const ways = await w.deps.db
      .select()
      .from(simWays)
      .where(and(eq(simWays.tenantId, w.tenantId), eq(simWays.state, `fi${id}.${participant.id}`)));
    expect(ways).toHaveLength(1);
    expect(ways[0]?.members).toEqual(['wangfang']);

    const posterPath = new URL(first.posterUrl).pathname.replace('/api/public/fission/', '');
    const png = await h5('GET', posterPath, null);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const etag = png.headers.get('etag') ?? '';
    const again = await w.app.request(`/api/public/fission/${posterPath}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const statsRes = await w.request('GET', `/api/fission/campaigns/${id}/stats`, { as: 'operator' });
    expect(statsRes.status, await statsRes.clone().text()).toBe(200);
    const stats = await json(statsRes);
    expect(stats.funnel).toMatchObject({ participants: 1, postersShared: 1, friendsAdded: 0 });
    // The shared link has no personal poster.
    expect((await h5('GET', `${slug}/poster.png`, null)).status).toBe(404);
  });

  it('counts new friends once, not existing customers nor the participant; tells the participant; grants each tier once', async () => {
    const { id, slug } = await startedCampaign();
    const me = await join(slug, w.ids.c1);
    const p = await participantRow(me.participantId);

    // An existing customer (c3) scanning does not count; nor does the participant scanning their own code.
    await scan(p.wayConfigId, { customerId: w.ids.c3 });
    const self = await scan(p.wayConfigId, { customerId: w.ids.c1 }).catch((e: Error) => e);
    expect(self).toBeInstanceOf(Error); // c1 is already a friend of 王芳: the simulator refuses the add

    const a = await scan(p.wayConfigId, { name: '周小雨' });
    await w.deps.queue.drain();
    let invites = await invitesOf(p.id);
    expect(invites.map((i) => i.status).sort()).toEqual(['counted', 'not_new']);
    expect((await participantRow(p.id)).invitedCount).toBe(1);
    let grants = await grantsOf(id);
    expect(grants.map((g) => g.name)).toEqual(['满50减10券']);

    // The progress message, from the guide the participant follows, in the virtual chat log.
    const log = await w.deps.db
      .select()
      .from(simChatLog)
      .where(and(eq(simChatLog.tenantId, w.tenantId), eq(simChatLog.conversation, 'private:wangfang:wm_c1')));
    const progress = log.filter((l) => l.content.includes('助力进度'));
    expect(progress).toHaveLength(1);
    expect(progress[0]?.content).toContain('周小雨');
    expect(progress[0]?.content).toContain('1/2');
    expect(progress[0]?.content).toContain('满50减10券');

    // The friend got the campaign's welcome with a link to join themselves.
    const welcome = await w.deps.db
      .select()
      .from(simChatLog)
      .where(and(eq(simChatLog.tenantId, w.tenantId), eq(simChatLog.conversation, `private:wangfang:${a.externalUserId}`)));
    expect(welcome.map((l) => l.content).join('\n')).toContain('正在参加「春季邀请有礼」');

    // Delivered twice: one invite, one count.
    await scan(p.wayConfigId, { name: '吴磊' }, 'twice');
    await w.deps.queue.drain();
    expect((await participantRow(p.id)).invitedCount).toBe(2);
    grants = await grantsOf(id);
    expect(grants.map((g) => g.name).sort()).toEqual(['200 积分', '满50减10券']);
    invites = await invitesOf(p.id);
    expect(invites.filter((i) => i.status === 'counted')).toHaveLength(2);

    // The H5 page shows c1 their progress; someone else sees the campaign only.
    const page = await json(await h5('GET', slug, w.ids.c1));
    expect(page.me).toMatchObject({ invitedCount: 2, tiersReached: [1, 2], next: null });
    expect(page.me.rewards.map((r: { status: string }) => r.status)).toEqual(['granted', 'granted']);
    expect(page.me.friends.map((f: { name: string }) => f.name)).toContain('周**');
    expect(page.leaderboard[0]).toMatchObject({ rank: 1, name: '陈*', invitedCount: 2 });
    const stranger = await json(await h5('GET', slug, null));
    expect(stranger.me).toBeNull();
    expect(stranger.campaign).toMatchObject({ name: '春季邀请有礼', phase: 'running', goal: 2 });
    const forged = await w.app.request(`/api/public/fission/${slug}`, {
      headers: { 'x-pond-customer': '1.1.AAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(forged.status).toBe(401);

    const leaderboard = await json(await w.request('GET', `/api/fission/campaigns/${id}/leaderboard`, { as: 'operator' }));
    expect(leaderboard.items[0]).toMatchObject({ rank: 1, customerId: w.ids.c1, invitedCount: 2 });
    const stats = await json(await w.request('GET', `/api/fission/campaigns/${id}/stats`, { as: 'operator' }));
    expect(stats.funnel).toMatchObject({ participants: 1, friendsAdded: 3, counted: 2, rewardsGranted: 2, completed: 1 });
    expect(stats.funnel.notCounted.notNew).toBe(1);
    expect(stats.days.reduce((s: number, d: { counted: number }) => s + d.counted, 0)).toBe(2);
  });

  it('a friend scanning two participants’ codes counts once', async () => {
    const { slug } = await startedCampaign({ staffIds: [w.ids.guide1, w.ids.guide2] });
    const p1 = await participantRow((await join(slug, w.ids.c1)).participantId);
    const p2 = await participantRow((await join(slug, w.ids.c2)).participantId);
    // Each code hands scanners to 王芳, then 李娜, in turn.
    const friend = await scan(p1.wayConfigId, { name: '郑爽' });
    await scan(p2.wayConfigId, { name: '何静' });
    const second = await scan(p2.wayConfigId, { customerId: friend.customerId as number });
    expect(second.ok).toBe(true);
    expect((await participantRow(p1.id)).invitedCount).toBe(1);
    expect((await participantRow(p2.id)).invitedCount).toBe(1);
    const friendOnP2 = (await invitesOf(p2.id)).find((i) => i.friendCustomerId === friend.customerId);
    expect(friendOnP2?.status).toBe('not_new');
  });

  it('a friend deleting within the window is subtracted and the granted tier is flagged; later deletions are not', async () => {
    const { id, slug } = await startedCampaign({ staffIds: [w.ids.guide1, w.ids.guide2] });
    const p = await participantRow((await join(slug, w.ids.c1)).participantId);
    const a = await scan(p.wayConfigId, { name: '冯晨' });
    const b = await scan(p.wayConfigId, { name: '陈晓' });
    expect((await participantRow(p.id)).invitedCount).toBe(2);
    const staffOf = async (customerId: number) =>
      (await invitesOf(p.id)).find((i) => i.friendCustomerId === customerId)?.staffId as number;

    // b deletes an hour later: subtracted, and the 2-invite tier now waits for review.
    await advanceSimClock(w.deps.db, w.tenantId, 3_600_000, () => w.deps.now());
    await performSimAction(sys, {
      type: 'delete_staff',
      staffId: await staffOf(b.customerId as number),
      customerId: b.customerId as number,
      by: 'customer',
    });
    expect((await participantRow(p.id)).invitedCount).toBe(1);
    const grants = await grantsOf(id);
    expect(grants.find((g) => g.name === '200 积分')).toMatchObject({ status: 'flagged' });
    expect(grants.find((g) => g.name === '200 积分')?.reason).toMatch(/within 72 h/);
    expect(grants.find((g) => g.name === '满50减10券')).toMatchObject({ status: 'granted' });
    const flaggedQueue = await json(
      await w.request('GET', `/api/rewards?status=flagged&source=fission&sourceId=${id}`, { as: 'operator' }),
    );
    expect(flaggedQueue.total).toBe(1);

    // a deletes after the 72 h window: still counts.
    await advanceSimClock(w.deps.db, w.tenantId, 73 * 3_600_000, () => w.deps.now());
    await performSimAction(sys, {
      type: 'delete_staff',
      staffId: await staffOf(a.customerId as number),
      customerId: a.customerId as number,
      by: 'staff',
    });
    expect((await participantRow(p.id)).invitedCount).toBe(1);
    const invites = await invitesOf(p.id);
    expect(invites.map((i) => [i.friendCustomerId, i.status, i.revokedBy]).sort()).toEqual(
      [
        [a.customerId, 'counted', null],
        [b.customerId, 'revoked', 'customer'],
      ].sort(),
    );
    // b re-adding is not new any more: never counted again.
    await scan(p.wayConfigId, { customerId: b.customerId as number });
    expect((await participantRow(p.id)).invitedCount).toBe(1);
    const stats = await json(await w.request('GET', `/api/fission/campaigns/${id}/stats`, { as: 'operator' }));
    expect(stats.funnel).toMatchObject({ counted: 1, revoked: 1, rewardsGranted: 2, rewardsFlagged: 1 });
  });

  it('concurrent duplicate add events count once and grant each tier once', async () => {
    const { id, slug } = await startedCampaign();
    const p = await participantRow((await join(slug, w.ids.c1)).participantId);
    const friend = await scan(p.wayConfigId, { name: '钱多多' });
    // Count is 1 now; replay the same add (as if WeCom's retry slipped past the inbox) eight times at once.
    const event = {
      type: 'customer.added' as const,
      customerId: friend.customerId as number,
      staffId: w.ids.guide1,
      state: `fi${id}.${p.id}`,
      readd: false,
      newCustomer: true,
      inboxEventId: null,
      at: await simNow(),
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => w.deps.db.transaction((tx) => applyFissionAdd({ ...sys, tx }, event))),
    );
    expect(results.filter((r) => r.status === 'counted')).toHaveLength(0);
    // Eight brand-new friends at once: each counts, tier 2 is granted once.
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        w.deps.db.transaction((tx) =>
          applyFissionAdd({ ...sys, tx }, { ...event, customerId: 900_000 + i + id * 100, inboxEventId: null }),
        ),
      ),
    );
    expect(many.filter((r) => r.status === 'counted')).toHaveLength(8);
    expect((await participantRow(p.id)).invitedCount).toBe(9);
    const grants = await grantsOf(id);
    expect(grants.map((g) => g.idempotencyKey).sort()).toEqual([
      `fission:${id}:participant:${p.id}:tier:1`,
      `fission:${id}:participant:${p.id}:tier:2`,
    ]);
  });

  it('adds after the campaign ended do not count, and joining is closed', async () => {
    const { id, slug } = await startedCampaign();
    const p = await participantRow((await join(slug, w.ids.c1)).participantId);
    expect((await w.request('POST', `/api/fission/campaigns/${id}/end`, { as: 'operator' })).status).toBe(200);
    await scan(p.wayConfigId, { name: '孙悦' });
    expect((await invitesOf(p.id)).map((i) => i.status)).toEqual(['outside_window']);
    const closed = await h5('POST', `${slug}/join`, w.ids.c2);
    expect(closed.status).toBe(409);
    expect((await json(closed)).error.details).toMatchObject({ reason: 'ended' });
    expect((await json(await h5('GET', slug, w.ids.c1))).campaign.phase).toBe('ended');
  });

  it('the keyword joins a customer and sends their poster; a guide can send the link', async () => {
    const { id } = await startedCampaign({ keyword: '我要参加' });
    await performSimAction(sys, { type: 'message', customerId: w.ids.c2, staffId: w.ids.guide2, content: ' 我要参加 ' });
    await w.deps.queue.drain();
    const [participant] = await w.deps.db
      .select()
      .from(fissionParticipants)
      .where(and(eq(fissionParticipants.tenantId, w.tenantId), eq(fissionParticipants.campaignId, id)));
    expect(participant).toMatchObject({ customerId: w.ids.c2, joinedVia: 'keyword' });
    expect(participant?.wayConfigId).toBeTruthy();
    const reply = await w.deps.db
      .select()
      .from(simChatLog)
      .where(
        and(
          eq(simChatLog.tenantId, w.tenantId),
          eq(simChatLog.conversation, 'private:lina:wm_c2'),
          like(simChatLog.content, '%你已成功参与%'),
        ),
      );
    expect(reply).toHaveLength(1);

    const sent = await w.request('POST', `/api/fission/campaigns/${id}/send-link`, {
      as: 'guide1',
      body: { customerId: w.ids.c1 },
    });
    expect(sent.status).toBe(200);
    expect(await json(sent)).toMatchObject({ duplicate: false, staffId: w.ids.guide1 });
    const twice = await json(
      await w.request('POST', `/api/fission/campaigns/${id}/send-link`, { as: 'guide1', body: { customerId: w.ids.c1 } }),
    );
    expect(twice.duplicate).toBe(true);
    // Not guide1's customer: looks missing.
    const other = await w.request('POST', `/api/fission/campaigns/${id}/send-link`, {
      as: 'guide1',
      body: { customerId: w.ids.c2 },
    });
    expect(other.status).toBe(404);
  });

  it('keeps guides to their own customers among participants and invites', async () => {
    const { id, slug } = await startedCampaign();
    const p1 = (await join(slug, w.ids.c1)).participantId;
    await join(slug, w.ids.c2);
    const all = await json(await w.request('GET', `/api/fission/campaigns/${id}/participants`, { as: 'operator' }));
    expect(all.total).toBe(2);
    const mine = await json(await w.request('GET', `/api/fission/campaigns/${id}/participants`, { as: 'guide1' }));
    expect(mine.items.map((i: { customerId: number }) => i.customerId)).toEqual([w.ids.c1]);
    expect((await w.request('GET', `/api/fission/participants/${p1}/invites`, { as: 'guide1' })).status).toBe(200);
    expect((await w.request('GET', `/api/fission/participants/${p1}/invites`, { as: 'guide2' })).status).toBe(404);
  });
});
