import { ZSimAction } from '@pond/channels';
import { describe, expect, it } from 'vitest';
import { planActions, type TPlannedAction } from '../behaviour.ts';
import { createRng } from '../rng.ts';
import { generateWorld } from '../world.ts';
import { type TWorldView, worldToView } from '../world-view.ts';

const NOW = new Date('2025-06-01T00:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const view = worldToView(generateWorld({ seed: 11, customers: 30_000, now: NOW }));
const plan = (v: TWorldView, seed: number, from: Date, to: Date) => planActions({ view: v, rng: createRng(seed), from, to });
const day = plan(view, 1, NOW, new Date(NOW.getTime() + DAY));

/** Replays a plan against the view and returns every rule it breaks. */
function violations(v: TWorldView, actions: readonly TPlannedAction[]): string[] {
  const problems: string[] = [];
  const count = new Map(v.groups.map((g) => [g.id, g.memberCount] as const));
  const cap = new Map(v.groups.map((g) => [g.id, g.memberCap] as const));
  const groupStore = new Map(v.groups.map((g) => [g.id, g.storeId] as const));
  const groups = new Map(v.customers.map((c) => [c.id, new Set(c.groupIds)] as const));
  const staff = new Map(v.customers.map((c) => [c.id, new Set(c.staffIds)] as const));
  const store = new Map(v.customers.map((c) => [c.id, c.storeId] as const));
  for (const { action: a } of actions) {
    switch (a.type) {
      case 'add_staff':
        if (a.customerId !== undefined) {
          if (staff.get(a.customerId)?.has(a.staffId)) problems.push(`re-add of an existing follow ${a.customerId}`);
          staff.get(a.customerId)?.add(a.staffId);
        } else if (!a.newCustomer) problems.push('add_staff without a customer');
        break;
      case 'delete_staff':
        if (!staff.get(a.customerId)?.delete(a.staffId)) problems.push(`delete of a missing follow ${a.customerId}/${a.staffId}`);
        break;
      case 'join_group': {
        const n = (count.get(a.groupId) ?? 0) + 1;
        if (n > (cap.get(a.groupId) ?? 0)) problems.push(`group ${a.groupId} over its cap`);
        if (groups.get(a.customerId)?.has(a.groupId)) problems.push(`double join ${a.customerId}`);
        if (groupStore.get(a.groupId) !== store.get(a.customerId)) problems.push(`join of another store's group ${a.customerId}`);
        count.set(a.groupId, n);
        groups.get(a.customerId)?.add(a.groupId);
        break;
      }
      case 'leave_group':
        if (!groups.get(a.customerId)?.delete(a.groupId)) problems.push(`leave by a non-member ${a.customerId}`);
        count.set(a.groupId, (count.get(a.groupId) ?? 0) - 1);
        break;
      case 'message':
        if ((a.groupId === undefined) === (a.staffId === undefined))
          problems.push('message needs exactly one of groupId/staffId');
        if (a.groupId !== undefined && !groups.get(a.customerId)?.has(a.groupId))
          problems.push(`message from a non-member ${a.customerId}`);
        if (a.staffId !== undefined && !staff.get(a.customerId)?.has(a.staffId))
          problems.push(`message to an unfollowed guide ${a.customerId}`);
        break;
      case 'order':
        if (a.amountCents !== a.items.reduce((s, i) => s + i.priceCents * i.quantity, 0)) problems.push('order amount ≠ items');
        break;
    }
  }
  return problems;
}

describe('planActions', () => {
  it('is deterministic for the same rng seed and differs for another', () => {
    const to = new Date(NOW.getTime() + 6 * HOUR);
    const a = plan(view, 5, NOW, to);
    expect(plan(view, 5, NOW, to)).toEqual(a);
    expect(plan(view, 6, NOW, to)).not.toEqual(a);
  });

  it('returns valid ZSimActions in time order inside [from, to)', () => {
    expect(day.length).toBeGreaterThan(500);
    let previous = NOW.getTime();
    for (const { at, action } of day) {
      expect(at.getTime()).toBeGreaterThanOrEqual(previous);
      expect(at.getTime()).toBeLessThan(NOW.getTime() + DAY);
      previous = at.getTime();
      expect(ZSimAction.parse(action)).toEqual(action);
    }
  });

  it('never breaks membership, follow or cap rules', () => {
    expect(violations(view, day)).toEqual([]);
    const week = plan(view, 2, NOW, new Date(NOW.getTime() + 7 * DAY));
    expect(violations(view, week)).toEqual([]);
  }, 30_000);

  it('does not join full groups, and fills a nearly full group by at most its free seats', () => {
    const full: TWorldView = { ...view, groups: view.groups.map((g) => ({ ...g, memberCount: g.memberCap })) };
    // Without leaves, no seat frees up during the plan.
    const joins = (v: TWorldView) =>
      planActions({
        view: v,
        rng: createRng(3),
        from: NOW,
        to: new Date(NOW.getTime() + 3 * DAY),
        rates: { leavePerMemberPerDay: 0 },
      }).filter((p) => p.action.type === 'join_group');
    expect(joins(full)).toEqual([]);
    const nearlyFull: TWorldView = { ...view, groups: view.groups.map((g) => ({ ...g, memberCount: g.memberCap - 1 })) };
    const perGroup = new Map<number, number>();
    for (const { action } of joins(nearlyFull))
      if (action.type === 'join_group') perGroup.set(action.groupId, (perGroup.get(action.groupId) ?? 0) + 1);
    expect(perGroup.size).toBeGreaterThan(0);
    for (const n of perGroup.values()) expect(n).toBe(1);
  });

  it('has plausible daily volumes for a 30,000-customer brand', () => {
    const of = (type: string) => day.filter((p) => p.action.type === type);
    const newAdds = of('add_staff').filter((p) => p.action.type === 'add_staff' && p.action.newCustomer);
    expect(newAdds.length).toBeGreaterThan(100);
    expect(newAdds.length).toBeLessThan(300);
    expect(of('order').length).toBeGreaterThan(300);
    expect(of('order').length).toBeLessThan(700);
    const members = view.customers.filter((c) => c.groupIds.length > 0).length;
    const chatters = new Set(
      of('message').flatMap((p) => (p.action.type === 'message' && p.action.groupId !== undefined ? [p.action.customerId] : [])),
    );
    expect(chatters.size / members).toBeGreaterThan(0.01);
    expect(chatters.size / members).toBeLessThan(0.03);
    expect(of('join_group').length).toBeGreaterThan(0);
    expect(of('leave_group').length).toBeLessThan(of('join_group').length + 40);
    expect(of('delete_staff').length).toBeGreaterThan(10);
    expect(of('delete_staff').length).toBeLessThan(100);
    for (const p of of('order')) if (p.action.type === 'order') expect(p.action.amountCents).toBeLessThan(20_000);
  });

  it('follows the daily rhythm: lunch beats breakfast, nobody orders at 3 am', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const p of day) {
      if (p.action.type !== 'order') continue;
      const h = new Date(p.at.getTime() + 8 * HOUR).getUTCHours();
      byHour[h] = (byHour[h] ?? 0) + 1;
    }
    expect(byHour[12] ?? 0).toBeGreaterThan((byHour[8] ?? 0) * 2);
    expect(byHour[3]).toBe(0);
  });

  it('honours rate overrides and empty intervals', () => {
    const quiet = planActions({
      view,
      rng: createRng(4),
      from: NOW,
      to: new Date(NOW.getTime() + DAY),
      rates: { newAddsPerStaffPerDay: 0, ordersPerCustomerPerDay: { high: 0, mid: 0, low: 0, none: 0 } },
    });
    expect(quiet.some((p) => p.action.type === 'order')).toBe(false);
    expect(quiet.some((p) => p.action.type === 'add_staff' && p.action.newCustomer)).toBe(false);
    expect(plan(view, 1, NOW, NOW)).toEqual([]);
  });

  it('plans nothing but new adds for a brand without customers', () => {
    const empty: TWorldView = { ...view, customers: [] };
    const actions = plan(empty, 1, NOW, new Date(NOW.getTime() + DAY));
    expect(actions.length).toBeGreaterThan(0);
    for (const { action } of actions) expect(action.type === 'add_staff' && action.newCustomer !== undefined).toBe(true);
  });
});

describe('planActions with acquisition entry points', () => {
  const checkinGroup = view.groups[0];
  const withCodes: TWorldView = {
    ...view,
    ways: [
      { configId: 'cw-live-1', kind: 'contact', state: 'lc1' },
      // Ten participants' and ten referrers' codes: about 28 and 10 scans a week.
      ...Array.from({ length: 10 }, (_, i) => ({ configId: `cw-fis-${i}`, kind: 'contact' as const, state: `fi1.${i + 7}` })),
      ...Array.from({ length: 10 }, (_, i) => ({ configId: `cw-ref-${i}`, kind: 'contact' as const, state: `rf${i + 3}` })),
      { configId: 'cw-card-1', kind: 'contact', state: 'sc5' },
      { configId: 'jw-1', kind: 'join', state: 'gc2' },
    ],
    checkins: checkinGroup ? [{ groupIds: [checkinGroup.id], keyword: '打卡' }] : [],
  };
  const week = plan(withCodes, 3, NOW, new Date(NOW.getTime() + 7 * DAY));
  const scans = (configId: string) =>
    week.filter((p) => p.action.type === 'scan_contact_way' && p.action.configId.startsWith(configId)).length;

  it('sends new customers through live codes, fission and referral codes, and group joins through group codes', () => {
    const newAdds = week.filter((p) => p.action.type === 'add_staff' && p.action.newCustomer).length;
    // About 60 % of new adds come through the live code (liveCodeShare).
    expect(scans('cw-live-1') / (scans('cw-live-1') + newAdds)).toBeGreaterThan(0.5);
    expect(scans('cw-live-1') / (scans('cw-live-1') + newAdds)).toBeLessThan(0.7);
    expect(scans('cw-fis-')).toBeGreaterThan(10);
    expect(scans('cw-ref-')).toBeGreaterThan(2);
    // Staff cards are scanned by people the behaviour model does not plan (they come from posters).
    expect(scans('cw-card-1')).toBe(0);
    expect(week.some((p) => p.action.type === 'scan_join_way' && p.action.configId === 'jw-1')).toBe(true);
    for (const p of week) expect(ZSimAction.safeParse(p.action).success).toBe(true);
  });

  it("has members of a check-in campaign's groups post its keyword there, and nowhere else", () => {
    const checkins = week.filter((p) => p.action.type === 'message' && p.action.content === '打卡');
    expect(checkins.length).toBeGreaterThan(0);
    expect(checkins.every((p) => p.action.type === 'message' && p.action.groupId === checkinGroup?.id)).toBe(true);
  });

  it('plans exactly as before for a world without codes', () => {
    expect(plan({ ...view, ways: [], checkins: [] }, 1, NOW, new Date(NOW.getTime() + DAY))).toEqual(day);
  });
});
