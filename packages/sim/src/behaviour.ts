import type { TSimAction } from '@pond/channels';
import { drawBasket } from './basket.ts';
import { ADD_CHANNELS, BRAND } from './data/brand.ts';
import { customerName, guessSurname, honorific } from './data/names.ts';
import { ADD_HOURS, CHAT_HOURS, DAY_MS, HOUR_MS, ORDER_HOURS } from './data/rhythm.ts';
import { customerGroupLine, customerPrivateLine, type TMessageContext } from './messages.ts';
import { createWeightedSampler, type Rng } from './rng.ts';
import type { TValueSegment } from './segments.ts';
import type { TViewCustomer, TViewGroup, TWorldView } from './world-view.ts';

// The behaviour model of the virtual customers: given who is where (a TWorldView) and a time
// interval, what do they do? Each kind of behaviour is a Poisson process whose rate follows the
// brand's daily rhythm (lunch and afternoon peaks for orders, evenings for chat); the events are
// then given actors in time order against a running copy of the state, so a plan never joins a
// full group, never leaves a group the customer is not in and never messages a guide the customer
// no longer follows. Pure: the same view, rng state and interval give the same plan.

/** Per-day rates. Defaults are calibrated on the generated 30,000-customer history. */
export type TBehaviourRates = {
  /** New customers adding a guide, per active staff member per day (≈ 220/day for 80 staff). */
  newAddsPerStaffPerDay: number;
  /** Customers with no remaining relation re-adding a guide, per such customer per day. */
  readdPerChurnedPerDay: number;
  /** Customers added in the last 3 days, in relation and in no group, joining their store's group. */
  joinPerRecentPerDay: number;
  /** Other customers in relation and in no group joining one. */
  joinPerNonMemberPerDay: number;
  leavePerMemberPerDay: number;
  /** Members starting a burst of 1–3 messages in one of their groups (1–3 % of members a day). */
  groupChatPerMemberPerDay: number;
  /** Customers in relation messaging their guide privately. */
  privateChatPerCustomerPerDay: number;
  /** Orders per customer per day by value segment (last 30 days of history: ≈ 450/day). */
  ordersPerCustomerPerDay: Record<TValueSegment, number>;
  /** Group members buy more often (seed 004: +30 % frequency after joining). */
  memberOrderBoost: number;
  /** Customers who deleted every guide still buy, rarely. */
  churnedOrderFactor: number;
  /** Follows deleted per follow per day (≈ 9 % over half a year). */
  deletePerFollowPerDay: number;
  /** Share of deletions made by staff (del_external_contact) rather than the customer. */
  staffDeleteShare: number;
  /** Share of new adds that come through one of the brand's live codes, when it has any. */
  liveCodeShare: number;
  /** Friends adding through a fission participant's personal code, per such code per day. */
  fissionInvitesPerWayPerDay: number;
  /** Share of fission-code scans by people who are already customers (they do not count). */
  fissionExistingShare: number;
  /** New customers adding through a referrer's code, per such code per day. */
  referralAddsPerWayPerDay: number;
  /** Share of group joins that go through a group live code, when the brand has one. */
  groupCodeShare: number;
  /** Members of a check-in campaign's groups posting its keyword, per member per day. */
  checkinPerMemberPerDay: number;
};

export const DEFAULT_BEHAVIOUR_RATES: TBehaviourRates = {
  newAddsPerStaffPerDay: 2.8,
  readdPerChurnedPerDay: 0.001,
  joinPerRecentPerDay: 0.3,
  joinPerNonMemberPerDay: 0.003,
  leavePerMemberPerDay: 0.001,
  groupChatPerMemberPerDay: 0.02,
  privateChatPerCustomerPerDay: 0.003,
  ordersPerCustomerPerDay: { high: 0.062, mid: 0.021, low: 0.0135, none: 0.002 },
  memberOrderBoost: 1.4,
  churnedOrderFactor: 0.15,
  deletePerFollowPerDay: 0.0014,
  staffDeleteShare: 0.1,
  liveCodeShare: 0.6,
  fissionInvitesPerWayPerDay: 0.4,
  fissionExistingShare: 0.15,
  referralAddsPerWayPerDay: 0.15,
  groupCodeShare: 0.5,
  checkinPerMemberPerDay: 0.35,
};

export type TPlannedAction = { at: Date; action: TSimAction };

export type TPlanActionsOptions = {
  view: TWorldView;
  /** Advanced by the call; pass a fork to keep other streams unaffected. */
  rng: Rng;
  from: Date;
  to: Date;
  rates?: Partial<TBehaviourRates>;
};

type TKind =
  | 'add_new'
  | 'readd'
  | 'join_recent'
  | 'join_other'
  | 'leave'
  | 'group_chat'
  | 'private_chat'
  | 'order'
  | 'delete'
  | 'fission_invite'
  | 'referral_add'
  | 'checkin';

// Ways by the prefix of the state Pond gave them (see the acquisition modules).
const waysWith = (view: TWorldView, kind: 'contact' | 'join', prefix: RegExp) =>
  (view.ways ?? []).filter((w) => w.kind === kind && prefix.test(w.state));

const RECENT_MS = 3 * DAY_MS;
const HIGH_VALUE_BASKET = [50, 30, 13, 7];

/**
 * Plans what the virtual customers do in [from, to), in time order. Actions use the ZSimAction
 * shapes and Pond ids from the view; customers created by `add_staff` with `newCustomer` act only
 * in later plans (their id exists once the simulator has performed the add).
 * @example
 * const plan = planActions({ view, rng: createRng(7).fork('behaviour'), from, to: new Date(from.getTime() + 3_600_000) });
 * for (const { at, action } of plan) await perform(at, action);
 */
export function planActions(options: TPlanActionsOptions): TPlannedAction[] {
  const { view, rng } = options;
  const from = options.from.getTime();
  const to = options.to.getTime();
  if (!(to > from)) return [];
  const rates: TBehaviourRates = {
    ...DEFAULT_BEHAVIOUR_RATES,
    ...options.rates,
    ordersPerCustomerPerDay: { ...DEFAULT_BEHAVIOUR_RATES.ordersPerCustomerPerDay, ...options.rates?.ordersPerCustomerPerDay },
  };

  // Running state, copied lazily from the view so the view itself is never mutated.
  const memberCount = new Map(view.groups.map((g) => [g.id, g.memberCount] as const));
  const groupsOf = new Map<number, Set<number>>();
  const staffOf = new Map<number, Set<number>>();
  const currentGroups = (c: TViewCustomer): Set<number> => {
    let set = groupsOf.get(c.id);
    if (!set) {
      set = new Set(c.groupIds);
      groupsOf.set(c.id, set);
    }
    return set;
  };
  const currentStaff = (c: TViewCustomer): Set<number> => {
    let set = staffOf.get(c.id);
    if (!set) {
      set = new Set(c.staffIds);
      staffOf.set(c.id, set);
    }
    return set;
  };

  const storeGroups = new Map<number, TViewGroup[]>();
  for (const g of [...view.groups].sort((a, b) => a.id - b.id)) {
    if (g.storeId === null) continue;
    const list = storeGroups.get(g.storeId) ?? [];
    list.push(g);
    storeGroups.set(g.storeId, list);
  }
  const storeName = new Map(view.stores.map((s) => [s.id, s.name.split('·').pop() ?? s.name] as const));
  const activeStaff = view.staff.filter((s) => s.role !== 'hq');
  const staffAddWeight = activeStaff.map((s) => (s.role === 'store_manager' ? 1 : 3));
  const staffByStore = new Map<number, typeof activeStaff>();
  for (const s of activeStaff) {
    if (s.storeId === null) continue;
    const list = staffByStore.get(s.storeId) ?? [];
    list.push(s);
    staffByStore.set(s.storeId, list);
  }

  const customers = view.customers;
  const inRelation: number[] = [];
  const churned: number[] = [];
  const members: number[] = [];
  const recentNonMembers: number[] = [];
  const otherNonMembers: number[] = [];
  const orderWeights = new Float64Array(customers.length);
  const followWeights = new Float64Array(customers.length);
  customers.forEach((c, i) => {
    const related = c.staffIds.length > 0;
    const member = c.groupIds.length > 0;
    if (related) inRelation.push(i);
    else churned.push(i);
    if (member) members.push(i);
    else if (related && c.storeId !== null) {
      if (from - c.createdAt.getTime() < RECENT_MS) recentNonMembers.push(i);
      else otherNonMembers.push(i);
    }
    orderWeights[i] =
      rates.ordersPerCustomerPerDay[c.valueSegment] *
      (member ? rates.memberOrderBoost : 1) *
      (related ? 1 : rates.churnedOrderFactor);
    followWeights[i] = c.staffIds.length;
  });
  const orderSampler = createWeightedSampler(orderWeights);
  const followSampler = createWeightedSampler(followWeights);

  // Acquisition entry points: live codes, fission participants' and referrers' codes, group codes.
  const liveWays = waysWith(view, 'contact', /^lc\d+$/);
  const fissionWays = waysWith(view, 'contact', /^fi\d+\.\d+$/);
  const referralWays = waysWith(view, 'contact', /^rf\d+$/);
  const groupWays = waysWith(view, 'join', /^gc\d+$/);
  // Members of check-in campaigns' groups, with the keyword to post.
  const checkinGroupKeyword = new Map<number, string>();
  for (const c of view.checkins ?? []) for (const g of c.groupIds) checkinGroupKeyword.set(g, c.keyword);
  const checkinMembers: { index: number; groupId: number }[] = [];
  if (checkinGroupKeyword.size > 0) {
    customers.forEach((c, index) => {
      for (const groupId of c.groupIds) if (checkinGroupKeyword.has(groupId)) checkinMembers.push({ index, groupId });
    });
  }

  // 1. When things happen.
  const events: { at: number; kind: TKind; seq: number }[] = [];
  const schedule = (kind: TKind, perDay: number, hours: readonly number[]) => {
    if (perDay <= 0) return;
    const hourTotal = hours.reduce((a, b) => a + b, 0);
    for (let slot = Math.floor(from / HOUR_MS) * HOUR_MS; slot < to; slot += HOUR_MS) {
      const start = Math.max(slot, from);
      const end = Math.min(slot + HOUR_MS, to);
      const localHour = new Date(slot + 8 * HOUR_MS).getUTCHours();
      const expected = (perDay * ((hours[localHour] ?? 0) / hourTotal) * (end - start)) / HOUR_MS;
      const n = rng.poisson(expected);
      for (let k = 0; k < n; k++) events.push({ at: start + Math.floor(rng.next() * (end - start)), kind, seq: events.length });
    }
  };
  schedule('add_new', rates.newAddsPerStaffPerDay * activeStaff.length, ADD_HOURS);
  schedule('readd', rates.readdPerChurnedPerDay * churned.length, ADD_HOURS);
  schedule('join_recent', rates.joinPerRecentPerDay * recentNonMembers.length, ADD_HOURS);
  schedule('join_other', rates.joinPerNonMemberPerDay * otherNonMembers.length, ADD_HOURS);
  schedule('leave', rates.leavePerMemberPerDay * members.length, CHAT_HOURS);
  schedule('group_chat', rates.groupChatPerMemberPerDay * members.length, CHAT_HOURS);
  schedule('private_chat', rates.privateChatPerCustomerPerDay * inRelation.length, CHAT_HOURS);
  schedule('order', orderSampler.total, ORDER_HOURS);
  schedule('delete', rates.deletePerFollowPerDay * followSampler.total, CHAT_HOURS);
  schedule('fission_invite', rates.fissionInvitesPerWayPerDay * fissionWays.length, ADD_HOURS);
  schedule('referral_add', rates.referralAddsPerWayPerDay * referralWays.length, ADD_HOURS);
  schedule('checkin', rates.checkinPerMemberPerDay * checkinMembers.length, CHAT_HOURS);
  events.sort((a, b) => a.at - b.at || a.seq - b.seq);

  // 2. Who does them, against the running state.
  const out: TPlannedAction[] = [];
  const emit = (at: number, action: TSimAction) => {
    if (at >= from && at < to) out.push({ at: new Date(at), action });
  };
  const chainNext = new Map<number, number>();
  // When a customer left a group in this plan: later lines of a message burst from them are dropped.
  const leftAt = new Map<string, number>();
  const context = (c: TViewCustomer): TMessageContext => ({
    brandName: BRAND.name,
    storeName: (c.storeId !== null ? storeName.get(c.storeId) : undefined) ?? '门店',
    who: honorific(c.name, guessSurname(c.name), c.gender),
  });
  const pickFrom = (pool: readonly number[]): TViewCustomer | undefined =>
    pool.length === 0 ? undefined : customers[pool[Math.floor(rng.next() * pool.length)] ?? 0];
  const channel = () =>
    rng.weighted(
      ADD_CHANNELS,
      ADD_CHANNELS.map((c) => c.weight),
    ).state;

  for (const event of events) {
    const at = event.at;
    switch (event.kind) {
      case 'add_new': {
        if (liveWays.length > 0 && rng.chance(rates.liveCodeShare)) {
          // Scanned a live code: WeCom hands them to whoever the code lists now.
          const person = customerName(rng);
          emit(at, {
            type: 'scan_contact_way',
            configId: rng.pick(liveWays).configId,
            newCustomer: { name: person.name, gender: person.gender },
          });
          break;
        }
        if (activeStaff.length === 0) break;
        const staffMember = rng.weighted(activeStaff, staffAddWeight);
        const person = customerName(rng);
        const state = channel();
        emit(at, {
          type: 'add_staff',
          staffId: staffMember.id,
          newCustomer: { name: person.name, gender: person.gender },
          ...(state ? { state } : {}),
        });
        break;
      }
      case 'readd': {
        const c = pickFrom(churned);
        if (!c || c.storeId === null || currentStaff(c).size > 0) break;
        const candidates = staffByStore.get(c.storeId) ?? [];
        if (candidates.length === 0) break;
        const staffMember = rng.pick(candidates);
        currentStaff(c).add(staffMember.id);
        const state = channel();
        emit(at, { type: 'add_staff', staffId: staffMember.id, customerId: c.id, ...(state ? { state } : {}) });
        break;
      }
      case 'join_recent':
      case 'join_other': {
        const c = pickFrom(event.kind === 'join_recent' ? recentNonMembers : otherNonMembers);
        if (!c || c.storeId === null || currentGroups(c).size > 0 || currentStaff(c).size === 0) break;
        if (groupWays.length > 0 && rng.chance(rates.groupCodeShare)) {
          // Through the group live code: the virtual WeCom puts them in a listed group with room.
          currentGroups(c).add(-1);
          emit(at, { type: 'scan_join_way', configId: rng.pick(groupWays).configId, customerId: c.id });
          break;
        }
        // The store's group live code routes to the oldest group below its cap.
        const group = (storeGroups.get(c.storeId) ?? []).find((g) => (memberCount.get(g.id) ?? 0) < g.memberCap);
        if (!group) break;
        memberCount.set(group.id, (memberCount.get(group.id) ?? 0) + 1);
        currentGroups(c).add(group.id);
        const joinScene = rng.weighted([3, 1, 2], [60, 30, 10]);
        emit(at, {
          type: 'join_group',
          groupId: group.id,
          customerId: c.id,
          joinScene,
          ...(joinScene === 3 ? { state: 'group-qr' } : {}),
        });
        break;
      }
      case 'leave': {
        const c = pickFrom(members);
        if (!c) break;
        const groups = [...currentGroups(c)];
        if (groups.length === 0) break;
        const groupId = rng.pick(groups);
        currentGroups(c).delete(groupId);
        memberCount.set(groupId, Math.max(0, (memberCount.get(groupId) ?? 1) - 1));
        leftAt.set(`${c.id}:${groupId}`, at);
        emit(at, { type: 'leave_group', groupId, customerId: c.id });
        break;
      }
      case 'group_chat': {
        const c = pickFrom(members);
        if (!c) break;
        const groups = [...currentGroups(c)];
        if (groups.length === 0) break;
        const groupId = rng.pick(groups);
        const burst = rng.weighted([1, 2, 3], [60, 28, 12]);
        let t = at;
        for (let k = 0; k < burst; k++) {
          // A plan joins a chain order already under way in the group (earlier lines are not in view).
          const position = chainNext.get(groupId) ?? rng.int(1, 6);
          const line = customerGroupLine(rng, context(c), position);
          if (line.kind === 'chain') chainNext.set(groupId, position + 1);
          emit(t, { type: 'message', customerId: c.id, groupId, content: line.content });
          t += rng.int(15, 180) * 1000;
        }
        break;
      }
      case 'private_chat': {
        const c = pickFrom(inRelation);
        if (!c) break;
        const staffIds = [...currentStaff(c)];
        if (staffIds.length === 0) break;
        emit(at, {
          type: 'message',
          customerId: c.id,
          staffId: rng.pick(staffIds),
          content: customerPrivateLine(rng, context(c)),
        });
        break;
      }
      case 'order': {
        if (orderSampler.total <= 0) break;
        const c = customers[orderSampler.pick(rng)];
        if (!c) break;
        const items = drawBasket(rng, { sizeWeights: c.valueSegment === 'high' ? HIGH_VALUE_BASKET : undefined });
        const amountCents = items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
        const storeStaff = c.storeId !== null ? new Set((staffByStore.get(c.storeId) ?? []).map((s) => s.id)) : new Set<number>();
        const guide = [...currentStaff(c)].find((id) => storeStaff.has(id));
        emit(at, {
          type: 'order',
          customerId: c.id,
          ...(c.storeId !== null ? { storeId: c.storeId } : {}),
          ...(guide !== undefined ? { staffId: guide } : {}),
          amountCents,
          items,
        });
        break;
      }
      case 'fission_invite':
      case 'referral_add': {
        const way = rng.pick(event.kind === 'fission_invite' ? fissionWays : referralWays);
        // Some who scan a friend's poster are customers already: Pond must not count them.
        const existing =
          event.kind === 'fission_invite' && rng.chance(rates.fissionExistingShare) ? pickFrom(inRelation) : undefined;
        if (existing) {
          emit(at, { type: 'scan_contact_way', configId: way.configId, customerId: existing.id });
        } else {
          const person = customerName(rng);
          emit(at, {
            type: 'scan_contact_way',
            configId: way.configId,
            newCustomer: { name: person.name, gender: person.gender },
          });
        }
        break;
      }
      case 'checkin': {
        const m = checkinMembers[Math.floor(rng.next() * checkinMembers.length)];
        const c = m ? customers[m.index] : undefined;
        const keyword = m ? checkinGroupKeyword.get(m.groupId) : undefined;
        if (!m || !c || !keyword || !currentGroups(c).has(m.groupId)) break;
        emit(at, { type: 'message', customerId: c.id, groupId: m.groupId, content: keyword });
        break;
      }
      case 'delete': {
        if (followSampler.total <= 0) break;
        const c = customers[followSampler.pick(rng)];
        if (!c) break;
        const staffIds = [...currentStaff(c)];
        if (staffIds.length === 0) break;
        const staffId = rng.pick(staffIds);
        currentStaff(c).delete(staffId);
        emit(at, {
          type: 'delete_staff',
          staffId,
          customerId: c.id,
          by: rng.chance(rates.staffDeleteShare) ? 'staff' : 'customer',
        });
        break;
      }
    }
  }
  // Message bursts run past the next events; keep the plan in time order (stable for equal times).
  return out
    .filter(({ at, action }) => {
      if (action.type !== 'message' || action.groupId === undefined) return true;
      const left = leftAt.get(`${action.customerId}:${action.groupId}`);
      return left === undefined || at.getTime() < left;
    })
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.at.getTime() - b.p.at.getTime() || a.i - b.i)
    .map(({ p }) => p);
}
