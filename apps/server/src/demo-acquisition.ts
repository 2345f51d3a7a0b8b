import { customers, type Deps, follows, groupChats, orders, orgUnits, staff, systemActor, withActor } from '@pond/core';
import { createCheckinCampaign } from '@pond/core/modules/checkins/create-checkin-campaign';
import { startCheckinCampaign } from '@pond/core/modules/checkins/start-checkin-campaign';
import { startFissionCampaign } from '@pond/core/modules/fission/change-campaign-status';
import { createFissionCampaign } from '@pond/core/modules/fission/create-fission-campaign';
import { ZCreateFissionCampaignRequest } from '@pond/core/modules/fission/fission.schemas';
import { ensureParticipantWay, joinFissionCampaign } from '@pond/core/modules/fission/join-fission-campaign';
import { createGroupCode } from '@pond/core/modules/group-codes/create-group-code';
import { batchCreateLiveCodes } from '@pond/core/modules/live-codes/batch-create-live-codes';
import { ZSaveReferralProgramme } from '@pond/core/modules/referral/referral.schemas';
import { saveReferralProgramme } from '@pond/core/modules/referral/referral-programme';
import { ensureReferrer, ensureReferrerWay } from '@pond/core/modules/referral/referrers';
import { createStoreCode } from '@pond/core/modules/store-codes/save-store-code';
import { ZCreateStoreCodeRequest } from '@pond/core/modules/store-codes/store-codes.schemas';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';

export type TDemoAcquisitionResult = {
  liveCodes: number;
  groupCodes: number;
  storeCodes: number;
  fissionParticipants: number;
  checkinGroups: number;
  referrers: number;
};

const DAY = 86_400_000;
// Calendar day in China (UTC+8, no daylight saving).
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The demo brand's acquisition set-up, made through the modules' own functions (so it is what an
 * operator would have built in the console): a staff live code per store, one store code for the
 * chain routing to them, a member-group code, a running fission task with a dozen participants, a 21-day check-in in
 * five store groups, and a referral programme with eight referrers. The behaviour model then
 * scans these codes, invites friends and checks in, so their numbers move live. Needs the channels
 * registered and the queue started.
 */
export async function seedDemoAcquisition(deps: Deps, tenantId: number): Promise<TDemoAcquisitionResult> {
  const ctx = withActor(deps, systemActor(tenantId));
  const now = deps.now();
  const stores = await deps.db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.kind, 'store'), eq(orgUnits.status, 'open')))
    .orderBy(asc(orgUnits.id));
  if (stores.length === 0) throw new Error('The demo brand has no open store.');

  // 1. A staff live code per store (its guides in turn, 30 adds a day each, the manager as backup).
  const batch = await batchCreateLiveCodes(ctx, {
    storeIds: stores.map((s) => s.id),
    nameTemplate: '{store_name}导购活码',
    channelTemplate: '{store_name}',
    dailyCap: 30,
    remarkTemplate: '{channel}-{date}',
    welcome: {
      text: '你好 {customer_name}，我是{store_name}的 {staff_name}～新人福利：首单立减 10 元，到店出示本消息即可使用。',
      attachments: [
        { type: 'link', title: '茶屿会员中心', url: 'https://example.com/member', description: '领券、查积分、看新品' },
      ],
    },
  });
  const codeByStore = new Map(batch.results.flatMap((r) => (r.codeId ? [[r.storeId, r.codeId] as const] : [])));

  // 2. One store code for the chain: the nearest open store within 5 km, to that store's live code.
  await createStoreCode(
    ctx,
    ZCreateStoreCodeRequest.parse({
      name: '茶屿全国门店码',
      headline: '添加附近门店福利官，领新人券',
      radiusMetres: 5_000,
      fallbackStoreId: stores[0]?.id,
      targets: [...codeByStore].map(([storeId, codeId]) => ({ storeId, kind: 'live_code', refId: codeId })),
    }),
  );

  // 3. The member-group code: the groups of the first store fill in order; a new group opens when
  //    all are full.
  const first = stores[0];
  const firstStoreGroups = first
    ? await deps.db
        .select({ id: groupChats.id, ownerStaffId: groupChats.ownerStaffId })
        .from(groupChats)
        .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.status, 'active'), eq(groupChats.storeId, first.id)))
        .orderBy(asc(groupChats.id))
    : [];
  const owners = [...new Set(firstStoreGroups.flatMap((g) => (g.ownerStaffId ? [g.ownerStaffId] : [])))];
  if (first && firstStoreGroups.length > 0) {
    await createGroupCode(ctx, {
      name: '茶屿会员福利群',
      storeId: first.id,
      rule: 'fill_in_order',
      groupNameTemplate: `${first.name.split('·').pop() ?? first.name} 福利{n}群`,
      ownerStaffIds: owners.slice(0, 3),
      welcomeText: '欢迎加入茶屿会员福利群！每周三会员日，群内专享第二杯半价～',
      notice: '群规：禁止广告；每周三会员日群内发券；有问题 @福利官。',
      groupIds: firstStoreGroups.map((g) => g.id),
    });
  }

  // 4. A fission task running for two weeks; the guides of the first three stores receive the friends.
  const guides = await deps.db
    .select({ id: staff.id })
    .from(staff)
    .where(
      and(
        eq(staff.tenantId, tenantId),
        eq(staff.status, 'active'),
        eq(staff.role, 'guide'),
        sql`${staff.storeId} in (${sql.join(
          stores.slice(0, 3).map((s) => sql`${s.id}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(asc(staff.id));
  const campaign = await createFissionCampaign(
    ctx,
    ZCreateFissionCampaignRequest.parse({
      name: '邀 3 位好友，领定制随行杯',
      description: '把你的专属海报分享给朋友，朋友扫码添加茶屿福利官即算邀请成功。',
      rules: '仅统计首次添加的新朋友；好友 72 小时内删除不计入。',
      startsAt: new Date(now.getTime() - DAY).toISOString(),
      endsAt: new Date(now.getTime() + 14 * DAY).toISOString(),
      goal: 3,
      tiers: [
        { invites: 1, reward: { kind: 'points', amount: 50, name: '50 积分' } },
        { invites: 3, reward: { kind: 'gift', amount: 0, name: '定制随行杯' } },
      ],
      staffIds: guides.slice(0, 10).map((g) => g.id),
    }),
  );
  await startFissionCampaign(ctx, campaign.id);
  // Customers in relation and active lately take part first.
  const keen = await deps.db
    .selectDistinct({ id: customers.id })
    .from(customers)
    .innerJoin(follows, and(eq(follows.tenantId, customers.tenantId), eq(follows.customerId, customers.id)))
    .where(and(eq(customers.tenantId, tenantId), isNull(customers.deletedAt), isNull(follows.deletedAt)))
    .orderBy(asc(customers.id))
    .limit(12);
  for (const c of keen) {
    const { participant } = await joinFissionCampaign(ctx, { campaignId: campaign.id, customerId: c.id, via: 'h5' });
    await ensureParticipantWay(ctx, participant.id);
  }

  // 5. A 21-day check-in in the five biggest store groups, from today.
  const groups = await deps.db
    .select({ id: groupChats.id })
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.status, 'active')))
    .orderBy(desc(groupChats.memberCount))
    .limit(5);
  const checkin = await createCheckinCampaign(ctx, {
    name: '21 天轻饮打卡',
    description: '每天一杯少糖茶，在群里发「打卡」记录，连续打卡有好礼。',
    days: 21,
    startDate: chinaDay(now),
    groupIds: groups.map((g) => g.id),
    keywords: ['打卡'],
    missedDayRule: 'makeup',
    milestones: [
      { kind: 'streak', days: 7, reward: { kind: 'points', amount: 100, name: '100 积分' } },
      { kind: 'total', days: 21, reward: { kind: 'coupon', amount: 2000, name: '20 元无门槛券' } },
    ],
    reminderEnabled: true,
    reminderTime: '20:00',
    replyInGroup: true,
  });
  await startCheckinCampaign(ctx, checkin.id);

  // 6. Referral: 5 % (2 % at level two) of what referred friends pay, settled after 7 days.
  await saveReferralProgramme(
    ctx,
    ZSaveReferralProgramme.parse({
      enabled: true,
      attributionDays: 30,
      refundDays: 7,
      level2Enabled: true,
      staffIds: guides.slice(0, 5).map((g) => g.id),
      rules: [{ name: '全部商品', level1: { kind: 'percent', value: 5 }, level2: { kind: 'percent', value: 2 } }],
    }),
  );
  // The biggest spenders of the last 90 days become referrers.
  const spenders = await deps.db
    .select({ id: orders.customerId })
    .from(orders)
    .innerJoin(customers, and(eq(customers.tenantId, orders.tenantId), eq(customers.id, orders.customerId)))
    .where(and(eq(orders.tenantId, tenantId), eq(orders.status, 'paid'), isNull(customers.deletedAt)))
    .groupBy(orders.customerId)
    .orderBy(desc(sql`sum(${orders.amountCents})`))
    .limit(8);
  for (const s of spenders) {
    const referrer = await ensureReferrer(ctx, { kind: 'customer', customerId: s.id });
    await ensureReferrerWay(ctx, referrer);
  }

  return {
    liveCodes: batch.created,
    groupCodes: first && firstStoreGroups.length > 0 ? 1 : 0,
    storeCodes: 1,
    fissionParticipants: keen.length,
    checkinGroups: groups.length,
    referrers: spenders.length,
  };
}
