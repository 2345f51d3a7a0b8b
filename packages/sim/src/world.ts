import { drawBasket, type TOrderItem } from './basket.ts';
import { ADD_CHANNELS, BRAND, CUSTOMER_FIELDS, REGIONS, STORES, TAG_GROUPS, type TStoreSpec } from './data/brand.ts';
import { SWEETNESS } from './data/catalogue.ts';
import { customerName, honorific, mobileNumber, personName } from './data/names.ts';
import {
  ADD_HOURS,
  CHAT_HOURS,
  DAY_MS,
  HOUR_MS,
  localDateKey,
  localMidnight,
  ORDER_HOURS,
  timeInRange,
  timeOnDay,
} from './data/rhythm.ts';
import { customerGroupLine, staffGroupLine } from './messages.ts';
import { createRng, type Rng } from './rng.ts';
import { LIFECYCLE_TAG_NAMES, type TLifecycleStage, type TValueSegment, VALUE_TAG_NAMES, valueSegmentOf } from './segments.ts';

// The demo brand's synthetic history, generated from a seed. Everything here is pure: the same
// (seed, customers, now) always gives the same rows. Rows reference each other by `ref` (1-based
// positions); seed-demo maps refs to database ids. Customers are produced as a stream of batches so
// a million of them never sit in memory at once.

export const HISTORY_DAYS = 180;
export const ORDER_WINDOW_DAYS = 90;
export const GROUP_COUNT = 150;
export const GROUP_MEMBER_CAP = 200;
export const DEFAULT_CUSTOMERS = 30_000;

export type { TOrderItem } from './basket.ts';

export type TWorldOptions = {
  seed: number;
  /** Number of customers; default 30,000. */
  customers?: number;
  /** The world's "now": history ends here. Default: today 00:00 in Asia/Shanghai. */
  now?: Date;
};

export type TWorldOrgUnit = {
  ref: number;
  parentRef: number | null;
  kind: 'hq' | 'region' | 'store';
  name: string;
  code: string;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: Date;
};

export type TWorldStaff = {
  ref: number;
  name: string;
  gender: 1 | 2;
  /** Ref of the store org unit. */
  storeRef: number;
  role: 'store_manager' | 'guide';
  wecomUserId: string;
  mobile: string;
  createdAt: Date;
};

export type TWorldTagGroup = { ref: number; name: string; sort: number };
export type TWorldTag = { ref: number; groupRef: number; name: string; source: 'manual' | 'rule'; sort: number };

export type TWorldGroup = {
  ref: number;
  externalChatId: string;
  name: string;
  ownerStaffRef: number;
  storeRef: number;
  kind: 'store' | 'activity';
  memberCap: number;
  notice: string;
  createdAt: Date;
};

export type TWorldCustomer = {
  ref: number;
  externalUserId: string;
  name: string;
  gender: 0 | 1 | 2;
  /** Plain phone number; seed-demo seals it. */
  phone: string | null;
  storeRef: number;
  attrs: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  /** From the customer's paid spend in the 90 days before `now`. */
  valueSegment: TValueSegment;
};

export type TWorldFollow = {
  customerRef: number;
  staffRef: number;
  state: string | null;
  remark: string | null;
  addedAt: Date;
  deletedAt: Date | null;
  deletedBy: 'customer' | 'staff' | null;
};

export type TWorldCustomerTag = {
  customerRef: number;
  tagRef: number;
  /** 'manual' (a guide), 'code' (a live code's auto-tag), 'rule' (segment rules). */
  source: 'manual' | 'code' | 'rule';
  addedByStaffRef: number | null;
  addedAt: Date;
};

export type TWorldGroupMember = {
  groupRef: number;
  memberType: 'customer' | 'staff';
  customerRef: number | null;
  staffRef: number | null;
  externalMemberId: string;
  joinedAt: Date;
  leftAt: Date | null;
  joinScene: 1 | 2 | 3;
  inviterStaffRef: number | null;
  state: string | null;
};

export type TWorldOrder = {
  externalId: string;
  customerRef: number;
  storeRef: number;
  /** The guide the order is attributed to (the customer's guide, at their home store). */
  staffRef: number | null;
  amountCents: number;
  status: 'paid' | 'refunded';
  items: TOrderItem[];
  paidAt: Date;
  refundedAt: Date | null;
};

export type TWorldMessage = {
  groupRef: number;
  senderType: 'customer' | 'staff';
  customerRef: number | null;
  staffRef: number | null;
  /** external_userid or WeCom userid of the sender. */
  senderExternalId: string;
  senderName: string;
  content: string;
  externalMsgId: string;
  sentAt: Date;
};

/** Everything that does not grow with the number of customers. */
export type TWorldSkeleton = {
  seed: number;
  now: Date;
  tenant: { slug: string; name: string; timezone: string };
  orgUnits: TWorldOrgUnit[];
  staff: TWorldStaff[];
  customerFields: typeof CUSTOMER_FIELDS;
  tagGroups: TWorldTagGroup[];
  tags: TWorldTag[];
  groups: TWorldGroup[];
  /** The owner (and the store manager, when a guide owns the group) in each group. */
  staffMembers: TWorldGroupMember[];
};

export type TCustomerBatch = {
  customers: TWorldCustomer[];
  follows: TWorldFollow[];
  customerTags: TWorldCustomerTag[];
  groupMembers: TWorldGroupMember[];
  orders: TWorldOrder[];
};

export type TWorld = TWorldSkeleton & TCustomerBatch & { messages: TWorldMessage[] };

export type TWorldStream = {
  skeleton: TWorldSkeleton;
  /** Customer batches in order; iterate once. Batch size does not change the generated data. */
  batches: (batchSize?: number) => Generator<TCustomerBatch>;
  /** Group chat from the last days; call after the batches are exhausted (it needs the members). */
  messages: () => TWorldMessage[];
};

/** 00:00 Asia/Shanghai of the day containing `at`: the default "now" of a generated world. */
export function demoNow(at: Date = new Date()): Date {
  return new Date(localMidnight(at.getTime()));
}

/**
 * The whole demo world in memory (fine up to ~100,000 customers; use `createWorldStream` beyond).
 * @example
 * const world = generateWorld({ seed: 7, customers: 5_000, now: new Date('2025-06-01T00:00:00+08:00') });
 * world.groups.length; // 150
 */
export function generateWorld(options: TWorldOptions): TWorld {
  const stream = createWorldStream(options);
  const all: TCustomerBatch = { customers: [], follows: [], customerTags: [], groupMembers: [], orders: [] };
  for (const batch of stream.batches()) {
    for (const key of Object.keys(all) as (keyof TCustomerBatch)[]) {
      const target = all[key] as unknown[];
      for (const row of batch[key]) target.push(row);
    }
  }
  return { ...stream.skeleton, ...all, messages: stream.messages() };
}

// ---------------------------------------------------------------------------------------------
// Model parameters. Tuned so the 90-day KPIs land in the ranges PRODUCT.md's seeds suggest for a
// tea chain (see world.test.ts): ~50 % purchasing, ~35–40 % repurchase, frequency ~2, AOV ~¥33,
// top 20 % of purchasers ≈ 2/3 of GMV.

type TCustomerClass = 'fan' | 'regular' | 'casual' | 'dormant';

const CLASSES: readonly TCustomerClass[] = ['fan', 'regular', 'casual', 'dormant'];
const CLASS_WEIGHTS = [6, 14, 45, 35];
/** Orders per 30 days: log-normal median and sigma (dormant: a fixed trickle). */
const CLASS_RATE: Record<TCustomerClass, { median: number; sigma: number }> = {
  fan: { median: 1.8, sigma: 0.7 },
  regular: { median: 0.6, sigma: 0.4 },
  casual: { median: 0.16, sigma: 0.5 },
  dormant: { median: 0.03, sigma: 0 },
};
const CLASS_JOIN_GROUP: Record<TCustomerClass, number> = { fan: 0.95, regular: 0.85, casual: 0.6, dormant: 0.35 };
const CLASS_DELETE: Record<TCustomerClass, number> = { fan: 0.01, regular: 0.04, casual: 0.08, dormant: 0.14 };
const CLASS_INTEREST_TAGGED: Record<TCustomerClass, number> = { fan: 0.9, regular: 0.75, casual: 0.45, dormant: 0.2 };
const CLASS_BASKET: Record<TCustomerClass, readonly number[]> = {
  fan: [42, 30, 17, 11],
  regular: [62, 26, 9, 3],
  casual: [72, 21, 5, 2],
  dormant: [72, 21, 5, 2],
};
const MEMBER_RATE_BOOST = 1.4;
const AFTER_CHURN_RATE = 0.15;
const STAFF_DELETE = 0.01;
const SECOND_FOLLOW = 0.18;
const STORE_QR_ORDER_ON_ADD = 0.7;
const REFUND_RATE = 0.02;
const PHONE_SHARE = 0.7;
/** Live codes got auto-tags this many days before now; older adds carry no source tag. */
const AUTO_TAG_SINCE_DAYS = 75;
/** New drinks launched this many days before now. */
const NEW_PRODUCT_LAUNCH_DAYS = 35;

const STORE_INDEXES: readonly number[] = STORES.map((_, i) => i);
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// ---------------------------------------------------------------------------------------------

function buildSkeleton(rng: Rng, seed: number, now: number): TWorldSkeleton {
  const orgUnits: TWorldOrgUnit[] = [];
  const founded = new Date(now - 720 * DAY_MS);
  orgUnits.push({
    ref: 1,
    parentRef: null,
    kind: 'hq',
    name: `${BRAND.name}总部`,
    code: 'HQ',
    city: '上海市',
    address: '上海市徐汇区虹桥路 1 号港汇恒隆广场办公楼一座 28 层',
    latitude: 31.1947,
    longitude: 121.4365,
    createdAt: founded,
  });
  const regionRef = new Map<string, number>();
  for (const region of REGIONS) {
    const ref = orgUnits.length + 1;
    regionRef.set(region.code, ref);
    orgUnits.push({
      ref,
      parentRef: 1,
      kind: 'region',
      name: region.name,
      code: region.code,
      city: region.city,
      address: null,
      latitude: null,
      longitude: null,
      createdAt: founded,
    });
  }
  const storeRefs: number[] = [];
  const storeOpened: number[] = [];
  for (const store of STORES) {
    const ref = orgUnits.length + 1;
    storeRefs.push(ref);
    const opened = now - rng.int(220, 700) * DAY_MS;
    storeOpened.push(opened);
    orgUnits.push({
      ref,
      parentRef: regionRef.get(store.region) ?? 1,
      kind: 'store',
      name: `${BRAND.name}·${store.name}`,
      code: store.code,
      city: store.city,
      address: store.address,
      latitude: store.latitude,
      longitude: store.longitude,
      createdAt: new Date(opened),
    });
  }

  // 24 managers + 56 guides: the eight busiest stores get a third guide.
  const busiest = new Set(
    STORES.map((s, i) => [s.traffic, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 8)
      .map(([, i]) => i),
  );
  const staff: TWorldStaff[] = [];
  const userIdCounts = new Map<string, number>();
  STORES.forEach((_, storeIdx) => {
    const guides = busiest.has(storeIdx) ? 3 : 2;
    for (let k = 0; k <= guides; k++) {
      const person = personName(rng, rng.chance(0.68) ? 2 : 1);
      const n = (userIdCounts.get(person.pinyin) ?? 0) + 1;
      userIdCounts.set(person.pinyin, n);
      const opened = storeOpened[storeIdx] ?? now;
      staff.push({
        ref: staff.length + 1,
        name: person.name,
        gender: person.gender,
        storeRef: storeRefs[storeIdx] ?? 0,
        role: k === 0 ? 'store_manager' : 'guide',
        wecomUserId: `${person.pinyin}${String(n).padStart(2, '0')}`,
        mobile: mobileNumber(rng),
        createdAt: new Date(Math.min(now - 200 * DAY_MS, opened + rng.int(0, 30) * DAY_MS)),
      });
    }
  });

  const tagGroups: TWorldTagGroup[] = [];
  const tags: TWorldTag[] = [];
  TAG_GROUPS.forEach((group, gi) => {
    const groupRef = gi + 1;
    tagGroups.push({ ref: groupRef, name: group.name, sort: gi });
    group.tags.forEach((tag, ti) => {
      tags.push({ ref: tags.length + 1, groupRef, name: tag.name, source: group.source, sort: ti });
    });
  });

  // 150 groups spread by traffic (largest remainder), at least three per store.
  const totalTraffic = STORES.reduce((sum, s) => sum + s.traffic, 0);
  const quotas = STORES.map((s) => Math.max(3, (GROUP_COUNT * s.traffic) / totalTraffic));
  const counts = quotas.map((q) => Math.floor(q));
  let missing = GROUP_COUNT - counts.reduce((a, b) => a + b, 0);
  const byRemainder = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; missing > 0; k = (k + 1) % byRemainder.length, missing--) {
    const idx = byRemainder[k]?.[1] ?? 0;
    counts[idx] = (counts[idx] ?? 0) + 1;
  }
  const groups: TWorldGroup[] = [];
  const staffMembers: TWorldGroupMember[] = [];
  const activityStores = new Set([...busiest].slice(0, 6));
  STORES.forEach((store, storeIdx) => {
    const storeRef = storeRefs[storeIdx] ?? 0;
    const storeStaff = staff.filter((s) => s.storeRef === storeRef);
    const manager = storeStaff[0];
    const n = counts[storeIdx] ?? 3;
    for (let k = 0; k < n; k++) {
      const isActivity = activityStores.has(storeIdx) && k === n - 1;
      const owner = storeStaff[k % storeStaff.length] ?? manager;
      if (!owner || !manager) continue;
      // Groups open one after another as the earlier ones fill up.
      const createdAt =
        now - (HISTORY_DAYS - 5) * DAY_MS + Math.floor(((k + rng.next() * 0.6) / n) * (HISTORY_DAYS - 12) * DAY_MS);
      const name = isActivity ? `${BRAND.name}·${store.name} 新品尝鲜群` : `${BRAND.name}·${store.name} 福利${k + 1}群`;
      const ref = groups.length + 1;
      groups.push({
        ref,
        externalChatId: `wr${rng.string(30, ID_ALPHABET)}`,
        name,
        ownerStaffRef: owner.ref,
        storeRef,
        kind: isActivity ? 'activity' : 'store',
        memberCap: GROUP_MEMBER_CAP,
        notice: groupNotice(store, isActivity),
        createdAt: new Date(createdAt),
      });
      const inGroup = owner.ref === manager.ref ? [owner] : [owner, manager];
      for (const member of inGroup) {
        staffMembers.push({
          groupRef: ref,
          memberType: 'staff',
          customerRef: null,
          staffRef: member.ref,
          externalMemberId: member.wecomUserId,
          joinedAt: new Date(createdAt),
          leftAt: null,
          joinScene: 1,
          inviterStaffRef: null,
          state: null,
        });
      }
    }
  });

  return {
    seed,
    now: new Date(now),
    tenant: { slug: BRAND.slug, name: BRAND.name, timezone: BRAND.timezone },
    orgUnits,
    staff,
    customerFields: CUSTOMER_FIELDS,
    tagGroups,
    tags,
    groups,
    staffMembers,
  };
}

function groupNotice(store: TStoreSpec, isActivity: boolean): string {
  if (isActivity) {
    return `欢迎来到${BRAND.name}·${store.name}新品尝鲜群!每次上新群友优先试饮,新品首周群内下单立减 3 元。请勿发广告,违者移出群聊。`;
  }
  return `欢迎来到${BRAND.name}·${store.name}福利群!\n1. 每周三会员日全场第二杯半价\n2. 每天 15:00 群内秒杀\n3. 接龙下单到店自取,免排队\n门店地址:${store.address}\n请勿发广告,违者移出群聊。`;
}

// ---------------------------------------------------------------------------------------------

type TGroupState = {
  group: TWorldGroup;
  /** Customers the group may hold: the cap minus the staff in it. */
  customerCap: number;
  /** How full this group should get (older groups fuller). */
  target: number;
  current: number;
  members: { ref: number; name: string; surname: string | null; gender: number; externalUserId: string }[];
};

type TStoreState = {
  spec: TStoreSpec;
  ref: number;
  staff: TWorldStaff[];
  manager: TWorldStaff;
  groups: TGroupState[];
  /** Scales join probabilities so the store's groups fill to their targets whatever the customer count. */
  joinFactor: number;
  sameCity: number[];
};

/**
 * The world as a skeleton plus a stream of customer batches.
 * @example
 * const stream = createWorldStream({ seed: 1, customers: 1_000_000 });
 * for (const batch of stream.batches(2_000)) insert(batch);
 * const messages = stream.messages();
 */
export function createWorldStream(options: TWorldOptions): TWorldStream {
  const seed = options.seed;
  const customerCount = Math.max(0, Math.floor(options.customers ?? DEFAULT_CUSTOMERS));
  const now = (options.now ?? demoNow()).getTime();
  const root = createRng(seed);
  const skeleton = buildSkeleton(root.fork('skeleton'), seed, now);
  const orderWindowStart = now - ORDER_WINDOW_DAYS * DAY_MS;
  const ruleAt = now - 10 * 60_000;
  const launchAt = now - NEW_PRODUCT_LAUNCH_DAYS * DAY_MS;
  const autoTagSince = now - AUTO_TAG_SINCE_DAYS * DAY_MS;

  const tagRef = new Map(skeleton.tags.map((t) => [t.name, t.ref] as const));
  const tagRefOf = (name: string): number => {
    const ref = tagRef.get(name);
    if (ref === undefined) throw new Error(`unknown tag ${name}`);
    return ref;
  };
  const interestSpec = TAG_GROUPS[0]?.tags ?? [];

  const storeUnits = skeleton.orgUnits.filter((u) => u.kind === 'store');
  const totalTraffic = STORES.reduce((sum, s) => sum + s.traffic, 0);
  const avgJoin =
    CLASSES.reduce((sum, c, i) => sum + CLASS_JOIN_GROUP[c] * (CLASS_WEIGHTS[i] ?? 0), 0) /
    CLASS_WEIGHTS.reduce((a, b) => a + b, 0);
  const fillRng = root.fork('fill');
  const stores: TStoreState[] = STORES.map((spec, i) => {
    const ref = storeUnits[i]?.ref ?? 0;
    const storeStaff = skeleton.staff.filter((s) => s.storeRef === ref);
    const groups = skeleton.groups
      .filter((g) => g.storeRef === ref)
      .map((group): TGroupState => {
        const staffIn = skeleton.staffMembers.filter((m) => m.groupRef === group.ref).length;
        const customerCap = group.memberCap - staffIn;
        const age = (now - group.createdAt.getTime()) / ((HISTORY_DAYS - 5) * DAY_MS);
        const target = Math.min(customerCap, Math.round(customerCap * (0.3 + 0.75 * age) * fillRng.float(0.85, 1.05)));
        return { group, customerCap, target, current: 0, members: [] };
      });
    const expectedCustomers = (customerCount * spec.traffic) / totalTraffic;
    const capacity = groups.reduce((sum, g) => sum + g.target, 0);
    const manager = storeStaff.find((s) => s.role === 'store_manager') ?? storeStaff[0];
    if (!manager) throw new Error(`store ${spec.code} has no staff`);
    return {
      spec,
      ref,
      staff: storeStaff,
      manager,
      groups,
      joinFactor: expectedCustomers > 0 ? Math.min(1, (1.1 * capacity) / (expectedCustomers * avgJoin)) : 1,
      sameCity: STORES.flatMap((other, j) => (j !== i && other.city === spec.city ? [j] : [])),
    };
  });
  const storeWeights = STORES.map((s) => s.traffic);
  const channelWeights = ADD_CHANNELS.map((c) => c.weight);

  const rng = root.fork('customers');
  let orderSeq = 0;

  const generateCustomer = (ref: number, out: TCustomerBatch): void => {
    const storeIdx = rng.weighted(STORE_INDEXES, storeWeights);
    const store = stores[storeIdx] as TStoreState;
    const cls = rng.weighted(CLASSES, CLASS_WEIGHTS);
    const person = customerName(rng);
    const phone = rng.chance(PHONE_SHARE) ? mobileNumber(rng) : null;
    const externalUserId = `wm${rng.string(28, ID_ALPHABET)}`;

    // Adds ramp up over the half-year (density 0.55 + 0.9·t): the programme grew.
    const u = rng.next();
    const t = (-0.55 + Math.sqrt(0.3025 + 1.8 * u)) / 0.9;
    const dayIndex = Math.min(HISTORY_DAYS - 1, Math.floor(t * HISTORY_DAYS));
    let addedAt = timeOnDay(rng, localMidnight(now - (HISTORY_DAYS - dayIndex) * DAY_MS), ADD_HOURS);
    if (addedAt >= now - 60_000) addedAt = now - rng.int(60, 3600) * 1000;

    const channel = rng.weighted(ADD_CHANNELS, channelWeights);
    const staffWeights = store.staff.map((s) => (s.role === 'store_manager' ? 1 : 3));
    const primary = rng.weighted(store.staff, staffWeights);
    const label = honorific(person.name, person.surname, person.gender);

    // Follows and their deletions.
    const follows: TWorldFollow[] = [];
    const makeFollow = (staffMember: TWorldStaff, at: number, state: string | null) => {
      let deletedAt: number | null = null;
      let deletedBy: 'customer' | 'staff' | null = null;
      const roll = rng.next();
      if (roll < CLASS_DELETE[cls] + STAFF_DELETE) {
        deletedBy = roll < CLASS_DELETE[cls] ? 'customer' : 'staff';
        const delay = rng.exponential(25 * DAY_MS);
        deletedAt = at + delay < now ? at + delay : at + rng.next() * (now - at);
        deletedAt = Math.floor(deletedAt);
      }
      const remarkRoll = rng.next();
      const remark =
        remarkRoll < 0.12 && phone
          ? `${label} ${phone.slice(-4)}`
          : remarkRoll < 0.24
            ? `${label}-${rng.pick(['爱喝果茶', '少冰', '常点外卖', '公司团购', '会员日必来', rng.pick(SWEETNESS)])}`
            : null;
      follows.push({
        customerRef: ref,
        staffRef: staffMember.ref,
        state,
        remark,
        addedAt: new Date(at),
        deletedAt: deletedAt === null ? null : new Date(deletedAt),
        deletedBy,
      });
    };
    makeFollow(primary, addedAt, channel.state);
    if (store.staff.length > 1 && rng.chance(SECOND_FOLLOW)) {
      const other = rng.pick(store.staff.filter((s) => s.ref !== primary.ref));
      const at = addedAt + Math.floor(rng.exponential(15 * DAY_MS));
      if (at < now - HOUR_MS) makeFollow(other, at, rng.chance(0.6) ? channel.state : null);
    }
    const allDeleted = follows.every((f) => f.deletedAt !== null);
    const churnAt = allDeleted ? Math.max(...follows.map((f) => f.deletedAt?.getTime() ?? 0)) : null;

    // Interests: staff tag the customers they know, popular interests more often.
    const interests: string[] = [];
    const interestTagged = rng.chance(CLASS_INTEREST_TAGGED[cls]);
    const latent = rng.weighted(
      interestSpec.map((s) => s.name),
      interestSpec.map((s) => s.popularity),
    );
    if (interestTagged) {
      interests.push(latent);
      for (const spec of interestSpec) {
        if (spec.name !== latent && rng.chance(spec.popularity * 0.6)) interests.push(spec.name);
        if (interests.length >= 3) break;
      }
    }
    const preferred = new Set(interestTagged ? interests : [latent]);

    // Group membership.
    let membership: { state: TGroupState; joinedAt: number; leftAt: number | null } | null = null;
    if (rng.chance(CLASS_JOIN_GROUP[cls] * store.joinFactor)) {
      const open = store.groups.filter((g) => g.current < g.target && g.current < g.customerCap);
      const preferActivity = preferred.has('新品尝鲜');
      if (open.length > 0) {
        // The group live code sends people to the oldest group with room, so early groups fill up.
        const activity = preferActivity ? open.find((g) => g.group.kind === 'activity') : undefined;
        const chosen =
          activity ??
          (rng.chance(0.6)
            ? (open[0] as TGroupState)
            : rng.weighted(
                open,
                open.map((g) => g.target - g.current),
              ));
        const start = Math.max(addedAt, chosen.group.createdAt.getTime());
        const joinedAt = Math.floor(start + (rng.chance(0.55) ? rng.int(60, 3 * 3600) * 1000 : rng.exponential(7 * DAY_MS)));
        if (joinedAt < now - 60_000 && (churnAt === null || joinedAt < churnAt)) {
          let leftAt: number | null = null;
          if (churnAt !== null && rng.chance(0.6)) leftAt = Math.floor(churnAt + rng.next() * 2 * DAY_MS);
          else if (rng.chance(0.06)) leftAt = Math.floor(joinedAt + rng.exponential(40 * DAY_MS));
          if (leftAt !== null && leftAt >= now) leftAt = null;
          membership = { state: chosen, joinedAt, leftAt };
          if (leftAt === null) {
            chosen.current++;
            chosen.members.push({ ref, name: person.name, surname: person.surname, gender: person.gender, externalUserId });
          }
          const scene = rng.weighted([3, 1, 2] as const, [60, 30, 10]);
          out.groupMembers.push({
            groupRef: chosen.group.ref,
            memberType: 'customer',
            customerRef: ref,
            staffRef: null,
            externalMemberId: externalUserId,
            joinedAt: new Date(joinedAt),
            leftAt: leftAt === null ? null : new Date(leftAt),
            joinScene: scene,
            inviterStaffRef: scene === 1 ? primary.ref : null,
            state: scene === 3 ? 'group-qr' : null,
          });
        }
      }
    }

    // Orders: a Poisson process per customer, faster while in a group, slower after churning.
    const classRate = CLASS_RATE[cls];
    const monthly = classRate.sigma > 0 ? rng.logNormal(Math.log(classRate.median), classRate.sigma) : classRate.median;
    const perDay = monthly / 30;
    const activeFrom = Math.max(addedAt, orderWindowStart);
    const cuts = [activeFrom, now];
    if (membership) {
      cuts.push(membership.joinedAt);
      if (membership.leftAt !== null) cuts.push(membership.leftAt);
    }
    if (churnAt !== null) cuts.push(churnAt);
    const points = [...new Set(cuts.filter((c) => c >= activeFrom && c <= now))].sort((a, b) => a - b);
    const orderTimes: number[] = [];
    if (channel.state === 'store-qr' && addedAt >= orderWindowStart && rng.chance(STORE_QR_ORDER_ON_ADD)) {
      // Scanned the store code at the counter while buying.
      const paidAt = addedAt + rng.int(60, 600) * 1000;
      if (paidAt < now) orderTimes.push(paidAt);
    }
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i] ?? 0;
      const to = points[i + 1] ?? 0;
      const mid = (from + to) / 2;
      const inGroup =
        membership !== null && mid >= membership.joinedAt && (membership.leftAt === null || mid < membership.leftAt);
      const churned = churnAt !== null && mid >= churnAt;
      const rate = perDay * (inGroup ? MEMBER_RATE_BOOST : 1) * (churned ? AFTER_CHURN_RATE : 1);
      const n = rng.poisson((rate * (to - from)) / DAY_MS);
      for (let k = 0; k < n; k++) orderTimes.push(timeInRange(rng, from, to, ORDER_HOURS));
    }
    orderTimes.sort((a, b) => a - b);

    let gmv = 0;
    let lastPaid: number | null = null;
    const basketWeights = CLASS_BASKET[cls];
    for (const paidAt of orderTimes) {
      const atHome = rng.chance(0.88) || store.sameCity.length === 0;
      const orderStoreIdx = atHome ? storeIdx : rng.pick(store.sameCity);
      const orderStore = stores[orderStoreIdx] as TStoreState;
      const items = drawBasket(rng, { sizeWeights: basketWeights, preferred, newOnMenu: paidAt >= launchAt });
      const amountCents = items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
      const refunded = rng.chance(REFUND_RATE) && paidAt + 3600_000 < now;
      orderSeq++;
      out.orders.push({
        externalId: `${orderStore.spec.code}${localDateKey(paidAt)}${String(orderSeq).padStart(7, '0')}`,
        customerRef: ref,
        storeRef: orderStore.ref,
        staffRef: atHome ? primary.ref : null,
        amountCents,
        status: refunded ? 'refunded' : 'paid',
        items,
        paidAt: new Date(paidAt),
        refundedAt: refunded ? new Date(paidAt + rng.int(5, 55) * 60_000) : null,
      });
      if (!refunded && paidAt < ruleAt) {
        gmv += amountCents;
        lastPaid = paidAt;
      }
    }
    const valueSegment = valueSegmentOf(gmv);

    // Tags: live-code auto-tags, staff-added interests, nightly lifecycle and value rules.
    const tags: TWorldCustomerTag[] = [];
    if (channel.tagName && addedAt >= autoTagSince) {
      tags.push({
        customerRef: ref,
        tagRef: tagRefOf(channel.tagName),
        source: 'code',
        addedByStaffRef: primary.ref,
        addedAt: new Date(addedAt + 2000),
      });
    }
    for (const interest of interests) {
      const at = Math.floor(addedAt + Math.min(rng.exponential(5 * DAY_MS), (ruleAt - addedAt) * rng.next()));
      tags.push({
        customerRef: ref,
        tagRef: tagRefOf(interest),
        source: 'manual',
        addedByStaffRef: primary.ref,
        addedAt: new Date(at),
      });
    }
    const stage = lifecycleStage(addedAt, lastPaid, churnAt !== null, now);
    if (stage)
      tags.push({
        customerRef: ref,
        tagRef: tagRefOf(LIFECYCLE_TAG_NAMES[stage]),
        source: 'rule',
        addedByStaffRef: null,
        addedAt: new Date(ruleAt),
      });
    if (valueSegment !== 'none') {
      tags.push({
        customerRef: ref,
        tagRef: tagRefOf(VALUE_TAG_NAMES[valueSegment]),
        source: 'rule',
        addedByStaffRef: null,
        addedAt: new Date(ruleAt),
      });
    }

    const attrs: Record<string, string> = {};
    if (rng.chance(0.35)) {
      const year = 2007 - Math.min(40, Math.floor(rng.exponential(9)) + 1);
      attrs.birthday = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    }
    if (rng.chance(0.4)) attrs.sweetness = rng.weighted(SWEETNESS, [10, 30, 30, 20, 10]);
    if (valueSegment !== 'none' || rng.chance(0.3)) {
      attrs.member_level =
        valueSegment === 'high'
          ? rng.pick(['金卡', '黑金卡'])
          : valueSegment === 'mid'
            ? rng.pick(['银卡', '金卡'])
            : rng.pick(['普通会员', '普通会员', '银卡']);
    }

    const touched = [addedAt, ...follows.map((f) => f.addedAt.getTime()), ...follows.map((f) => f.deletedAt?.getTime() ?? 0)];
    for (const tag of tags) if (tag.source !== 'rule') touched.push(tag.addedAt.getTime());
    out.customers.push({
      ref,
      externalUserId,
      name: person.name,
      gender: person.gender,
      phone,
      storeRef: store.ref,
      attrs,
      createdAt: new Date(addedAt),
      updatedAt: new Date(Math.max(...touched)),
      valueSegment,
    });
    for (const follow of follows) out.follows.push(follow);
    for (const tag of tags) out.customerTags.push(tag);
  };

  let consumed = false;
  let finished = false;
  function* batches(batchSize = 2_000): Generator<TCustomerBatch> {
    if (consumed) throw new Error('createWorldStream: batches() can be iterated only once');
    consumed = true;
    const size = Math.max(1, Math.floor(batchSize));
    for (let start = 0; start < customerCount; start += size) {
      const out: TCustomerBatch = { customers: [], follows: [], customerTags: [], groupMembers: [], orders: [] };
      const end = Math.min(customerCount, start + size);
      for (let i = start; i < end; i++) generateCustomer(i + 1, out);
      yield out;
    }
    finished = true;
  }

  const messages = (): TWorldMessage[] => {
    if (!finished && customerCount > 0) throw new Error('createWorldStream: messages() needs all batches consumed first');
    return groupChatter(root.fork('messages'), skeleton, stores, now);
  };

  return { skeleton, batches, messages };
}

function lifecycleStage(addedAt: number, lastPaid: number | null, churned: boolean, now: number): TLifecycleStage | null {
  if (churned) return 'lost';
  if (now - addedAt < 14 * DAY_MS) return 'new';
  if (lastPaid === null) return null;
  const since = now - lastPaid;
  if (since <= 30 * DAY_MS) return 'active';
  if (since <= 60 * DAY_MS) return 'dormant';
  return 'lost';
}

const CHAIN_LINE = /^\d+\. /;

/** A few days of group chat before `now`: customers chatting, chain orders, the owner's posts. */
function groupChatter(rng: Rng, skeleton: TWorldSkeleton, stores: TStoreState[], now: number): TWorldMessage[] {
  const out: TWorldMessage[] = [];
  const staffByRef = new Map(skeleton.staff.map((s) => [s.ref, s] as const));
  let seq = 0;
  for (const store of stores) {
    for (const state of store.groups) {
      const owner = staffByRef.get(state.group.ownerStaffRef);
      if (!owner) continue;
      const ctxBase = { brandName: BRAND.name, storeName: store.spec.name };
      for (let day = 3; day >= 1; day--) {
        const midnight = localMidnight(now - day * DAY_MS);
        const lines: TWorldMessage[] = [];
        if (rng.chance(0.8)) {
          lines.push({
            groupRef: state.group.ref,
            senderType: 'staff',
            customerRef: null,
            staffRef: owner.ref,
            senderExternalId: owner.wecomUserId,
            senderName: owner.name,
            content: staffGroupLine(rng, { ...ctxBase, who: owner.name }),
            externalMsgId: '',
            sentAt: new Date(timeOnDay(rng, midnight, ORDER_HOURS)),
          });
        }
        const chatty = state.members.length === 0 ? 0 : rng.poisson(1 + state.members.length / 30);
        for (let k = 0; k < chatty; k++) {
          const member = rng.pick(state.members);
          const { content } = customerGroupLine(
            rng,
            { ...ctxBase, who: honorific(member.name, member.surname, member.gender) },
            1,
          );
          lines.push({
            groupRef: state.group.ref,
            senderType: 'customer',
            customerRef: member.ref,
            staffRef: null,
            senderExternalId: member.externalUserId,
            senderName: member.name,
            content,
            externalMsgId: '',
            sentAt: new Date(timeOnDay(rng, midnight, CHAT_HOURS)),
          });
        }
        lines.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
        // A day's chain order is numbered in the order people joined it; the owner's opener is line 1.
        let position = 1;
        for (const line of lines) {
          if (line.senderType === 'staff' && line.content.startsWith('#接龙')) position = Math.max(position, 2);
          else if (line.senderType === 'customer' && CHAIN_LINE.test(line.content))
            line.content = line.content.replace(CHAIN_LINE, `${position++}. `);
          seq++;
          out.push({ ...line, externalMsgId: `seed-${skeleton.seed}-${seq}` });
        }
      }
    }
  }
  return out;
}
