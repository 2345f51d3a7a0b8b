import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeOrderKpis } from '../kpis.ts';
import { createWorldStream, generateWorld, type TCustomerBatch, type TWorld } from '../world.ts';

const NOW = new Date('2025-06-01T00:00:00+08:00');
const DAY = 86_400_000;
const hash = (world: TWorld) => createHash('sha256').update(JSON.stringify(world)).digest('hex');

describe('generateWorld', () => {
  const world = generateWorld({ seed: 20250601, customers: 5_000, now: NOW });

  it('is deterministic per seed and differs between seeds', () => {
    expect(hash(generateWorld({ seed: 20250601, customers: 5_000, now: NOW }))).toBe(hash(world));
    expect(hash(generateWorld({ seed: 20250602, customers: 5_000, now: NOW }))).not.toBe(hash(world));
  }, 30_000);

  it('gives the same rows whatever the batch size', () => {
    const collect = (size: number) => {
      const stream = createWorldStream({ seed: 5, customers: 1_200, now: NOW });
      const all: TCustomerBatch[] = [...stream.batches(size)];
      return createHash('sha256')
        .update(JSON.stringify([all.flatMap((b) => b.customers), all.flatMap((b) => b.orders), stream.messages()]))
        .digest('hex');
    };
    expect(collect(100)).toBe(collect(1_000));
  }, 30_000);

  it('defaults "now" to 00:00 Asia/Shanghai of the current day', () => {
    const now = generateWorld({ seed: 1, customers: 10 }).now;
    expect((now.getTime() + 8 * 3_600_000) % DAY).toBe(0);
    expect(Date.now() - now.getTime()).toBeLessThan(DAY);
  });

  it('has the brand: 1 HQ, 3 regions, 24 stores with addresses, 80 staff, 150 groups', () => {
    expect(world.tenant.slug).toBe('demo');
    expect(world.orgUnits.filter((u) => u.kind === 'hq')).toHaveLength(1);
    expect(world.orgUnits.filter((u) => u.kind === 'region')).toHaveLength(3);
    const stores = world.orgUnits.filter((u) => u.kind === 'store');
    expect(stores).toHaveLength(24);
    for (const s of stores) {
      expect(s.address).toMatch(/^.+[市].+[区].+\d+ 号$/);
      expect(s.latitude).toBeGreaterThan(20);
      expect(s.latitude).toBeLessThan(42);
      expect(s.longitude).toBeGreaterThan(110);
      expect(s.longitude).toBeLessThan(123);
    }
    expect(new Set(world.orgUnits.map((u) => u.code)).size).toBe(world.orgUnits.length);
    expect(world.staff).toHaveLength(80);
    expect(world.staff.filter((s) => s.role === 'store_manager')).toHaveLength(24);
    for (const s of world.staff) expect(s.wecomUserId).toMatch(/^[a-z]+\d{2}$/);
    expect(new Set(world.staff.map((s) => s.wecomUserId)).size).toBe(80);
    expect(world.groups).toHaveLength(150);
    expect(new Set(world.groups.map((g) => g.externalChatId)).size).toBe(150);
  });

  it('keeps every group within its member cap and the owner in it', () => {
    const current = new Map<number, number>();
    for (const m of [...world.staffMembers, ...world.groupMembers]) {
      if (m.leftAt === null) current.set(m.groupRef, (current.get(m.groupRef) ?? 0) + 1);
    }
    for (const g of world.groups) {
      expect(current.get(g.ref) ?? 0).toBeLessThanOrEqual(g.memberCap);
      const owner = world.staff.find((s) => s.ref === g.ownerStaffRef);
      expect(owner?.storeRef).toBe(g.storeRef);
      expect(world.staffMembers.some((m) => m.groupRef === g.ref && m.staffRef === g.ownerStaffRef)).toBe(true);
    }
    const customerStore = new Map(world.customers.map((c) => [c.ref, c.storeRef] as const));
    const groupStore = new Map(world.groups.map((g) => [g.ref, g.storeRef] as const));
    for (const m of world.groupMembers) {
      expect(customerStore.get(m.customerRef ?? 0)).toBe(groupStore.get(m.groupRef));
      expect(m.joinedAt.getTime()).toBeLessThan(NOW.getTime());
      if (m.leftAt) expect(m.leftAt.getTime()).toBeGreaterThan(m.joinedAt.getTime());
    }
    const pairs = world.groupMembers.map((m) => `${m.groupRef}/${m.externalMemberId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("fills the 30,000-customer world's oldest groups to the cap of 200", () => {
    const big = createWorldStream({ seed: 3, customers: 30_000, now: NOW });
    const counts = new Map<number, number>();
    for (const m of big.skeleton.staffMembers) counts.set(m.groupRef, (counts.get(m.groupRef) ?? 0) + 1);
    for (const batch of big.batches(5_000)) {
      for (const m of batch.groupMembers) if (m.leftAt === null) counts.set(m.groupRef, (counts.get(m.groupRef) ?? 0) + 1);
    }
    const sizes = [...counts.values()];
    expect(Math.max(...sizes)).toBe(200);
    expect(Math.min(...sizes)).toBeLessThan(150);
  }, 30_000);

  it('generates customers like a WeCom address book', () => {
    expect(world.customers).toHaveLength(5_000);
    const external = world.customers.map((c) => c.externalUserId);
    expect(new Set(external).size).toBe(5_000);
    for (const id of external) expect(id).toMatch(/^wm[A-Za-z0-9_-]{28}$/);
    const phones = world.customers.filter((c) => c.phone !== null);
    expect(phones.length / 5_000).toBeGreaterThan(0.65);
    expect(phones.length / 5_000).toBeLessThan(0.75);
    for (const c of phones) expect(c.phone).toMatch(/^1[3-9]\d{9}$/);
    const oldest = Math.min(...world.customers.map((c) => c.createdAt.getTime()));
    expect(NOW.getTime() - oldest).toBeLessThanOrEqual(181 * DAY);
    expect(NOW.getTime() - oldest).toBeGreaterThan(170 * DAY);
    for (const c of world.customers) expect(c.createdAt.getTime()).toBeLessThan(NOW.getTime());
  });

  it('gives every customer 1–2 guides of their store, with ~8 % / ~1 % deleted by customer / staff', () => {
    const perCustomer = new Map<number, number>();
    const storeOfStaff = new Map(world.staff.map((s) => [s.ref, s.storeRef] as const));
    const storeOfCustomer = new Map(world.customers.map((c) => [c.ref, c.storeRef] as const));
    for (const f of world.follows) {
      perCustomer.set(f.customerRef, (perCustomer.get(f.customerRef) ?? 0) + 1);
      expect(storeOfStaff.get(f.staffRef)).toBe(storeOfCustomer.get(f.customerRef));
      if (f.deletedAt) expect(f.deletedAt.getTime()).toBeGreaterThanOrEqual(f.addedAt.getTime());
      expect(f.state === null || ['store-qr', 'poster', 'live', 'miniapp'].includes(f.state)).toBe(true);
    }
    expect(perCustomer.size).toBe(5_000);
    for (const n of perCustomer.values()) expect([1, 2]).toContain(n);
    const byCustomer = world.follows.filter((f) => f.deletedBy === 'customer').length / world.follows.length;
    const byStaff = world.follows.filter((f) => f.deletedBy === 'staff').length / world.follows.length;
    expect(byCustomer).toBeGreaterThan(0.06);
    expect(byCustomer).toBeLessThan(0.11);
    expect(byStaff).toBeGreaterThan(0.004);
    expect(byStaff).toBeLessThan(0.02);
  });

  it('tags 60–90 % of customers, popular interests more than niche ones', () => {
    const tagged = new Set(world.customerTags.map((t) => t.customerRef));
    expect(tagged.size / 5_000).toBeGreaterThan(0.6);
    expect(tagged.size / 5_000).toBeLessThan(0.9);
    const count = (name: string) => {
      const ref = world.tags.find((t) => t.name === name)?.ref;
      return world.customerTags.filter((t) => t.tagRef === ref).length;
    };
    expect(count('果茶')).toBeGreaterThan(count('纯茶') * 2);
    expect(count('果茶')).toBeGreaterThan(count('轻食甜品') * 3);
    const pairs = world.customerTags.map((t) => `${t.customerRef}/${t.tagRef}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(world.tagGroups.map((g) => g.name)).toEqual(['兴趣偏好', '生命周期', '客户价值', '来源渠道']);
  });

  it('has orders of 1–4 tea drinks at ¥12–¥32, after the customer was added, in the last 90 days', () => {
    const added = new Map(world.customers.map((c) => [c.ref, c.createdAt.getTime()] as const));
    for (const o of world.orders) {
      expect(o.items.length).toBeGreaterThanOrEqual(1);
      expect(o.items.length).toBeLessThanOrEqual(4);
      for (const item of o.items) {
        expect(item.priceCents).toBeGreaterThanOrEqual(1200);
        expect(item.priceCents).toBeLessThanOrEqual(3200);
      }
      expect(o.amountCents).toBe(o.items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0));
      expect(o.paidAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY);
      expect(o.paidAt.getTime()).toBeLessThan(NOW.getTime());
      expect(o.paidAt.getTime()).toBeGreaterThanOrEqual(added.get(o.customerRef) ?? Number.POSITIVE_INFINITY);
      if (o.status === 'refunded') expect(o.refundedAt?.getTime()).toBeGreaterThan(o.paidAt.getTime());
    }
    expect(new Set(world.orders.map((o) => o.externalId)).size).toBe(world.orders.length);
    const refunded = world.orders.filter((o) => o.status === 'refunded').length / world.orders.length;
    expect(refunded).toBeGreaterThan(0.01);
    expect(refunded).toBeLessThan(0.03);
  });

  it('peaks orders at lunch and in the afternoon, local time', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const o of world.orders) {
      const h = new Date(o.paidAt.getTime() + 8 * 3_600_000).getUTCHours();
      byHour[h] = (byHour[h] ?? 0) + 1;
    }
    const at = (h: number) => byHour[h] ?? 0;
    expect(at(12)).toBeGreaterThan(at(9) * 2);
    expect(at(15)).toBeGreaterThan(at(21));
    expect(at(3)).toBe(0);
  });

  it('lands the 90-day KPIs in the tea-chain reference ranges', () => {
    const from = new Date(NOW.getTime() - 90 * DAY);
    const all = computeOrderKpis(world.orders, { from, to: NOW, customers: world.customers.length });
    expect(all.purchasingShare).toBeGreaterThan(0.4);
    expect(all.purchasingShare).toBeLessThan(0.6);
    expect(all.repurchaseRate).toBeGreaterThan(0.3);
    expect(all.repurchaseRate).toBeLessThan(0.45);
    expect(all.frequency).toBeGreaterThan(1.5);
    expect(all.frequency).toBeLessThan(2.5);
    expect(all.aovCents).toBeGreaterThan(2_500);
    expect(all.aovCents).toBeLessThan(4_500);
    expect(all.top20GmvShare).toBeGreaterThan(0.6);
    expect(all.top20GmvShare).toBeLessThan(0.8);
    expect(all.gmvCents).toBe(world.orders.filter((o) => o.status === 'paid').reduce((s, o) => s + o.amountCents, 0));

    const memberRefs = new Set(world.groupMembers.map((m) => m.customerRef ?? 0));
    const others = new Set(world.customers.filter((c) => !memberRefs.has(c.ref)).map((c) => c.ref));
    const members = computeOrderKpis(world.orders, { from, to: NOW, customers: memberRefs.size, customerRefs: memberRefs });
    const nonMembers = computeOrderKpis(world.orders, { from, to: NOW, customers: others.size, customerRefs: others });
    expect(members.repurchaseRate).toBeGreaterThan(0.4);
    expect(nonMembers.repurchaseRate).toBeGreaterThan(0.12);
    expect(nonMembers.repurchaseRate).toBeLessThan(0.28);
  });

  it('segments customers by value consistently with their spend', () => {
    const spend = new Map<number, number>();
    for (const o of world.orders)
      if (o.status === 'paid') spend.set(o.customerRef, (spend.get(o.customerRef) ?? 0) + o.amountCents);
    const high = world.customers.filter((c) => c.valueSegment === 'high');
    const none = world.customers.filter((c) => c.valueSegment === 'none');
    expect(high.length).toBeGreaterThan(0);
    for (const c of high) expect(spend.get(c.ref) ?? 0).toBeGreaterThanOrEqual(10_000);
    // 'none' may still have an order paid in the last minutes, after the nightly rule ran.
    expect(none.filter((c) => (spend.get(c.ref) ?? 0) > 0).length).toBeLessThan(5);
  });

  it('seeds a few days of plausible group chat from current members', () => {
    expect(world.messages.length).toBeGreaterThan(150);
    const current = new Set(world.groupMembers.filter((m) => m.leftAt === null).map((m) => `${m.groupRef}/${m.customerRef}`));
    for (const m of world.messages) {
      expect(m.sentAt.getTime()).toBeLessThan(NOW.getTime());
      expect(m.sentAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 3 * DAY);
      if (m.senderType === 'customer') expect(current.has(`${m.groupRef}/${m.customerRef}`)).toBe(true);
      expect(m.content.length).toBeGreaterThan(0);
    }
    expect(new Set(world.messages.map((m) => m.externalMsgId)).size).toBe(world.messages.length);
    expect(world.messages.some((m) => /^\d+\. /.test(m.content))).toBe(true);
  });
});
