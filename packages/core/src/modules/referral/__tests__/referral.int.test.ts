import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { auditLog } from '../../audit/audit.tables.ts';
import { customerEvents } from '../../customers/customers.tables.ts';
import { customerToken } from '../../links/customer-token.ts';
import { orders } from '../../orders/orders.tables.ts';
import { refundOrder } from '../../orders/refund-order.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { applyReferralOrderPaid } from '../apply-order-paid.ts';
import { applyReferralOrderRefunded } from '../apply-order-refunded.ts';
import { bindReferral, getBinding } from '../bind-referral.ts';
import { referralBindings, referralLedger, referrers } from '../referral.tables.ts';
import { ensureReferrer } from '../referrers.ts';
import { settleReferralCommissions } from '../settle-commissions.ts';

const DAY = 86_400_000;
let w: TestWorld;
let clock = new Date('2026-05-01T02:00:00.000Z');
const setClock = (at: Date) => {
  clock = at;
};
const later = (ms: number) => setClock(new Date(clock.getTime() + ms));

beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const sys = (): Ctx => withActor(w.deps, systemActor(w.tenantId));
const admin = (): Ctx => ({ ...sys(), actor: { ...systemActor(w.tenantId), role: 'admin', name: 'admin', accountId: 1 } });
const h5 = (path: string, init: { method?: string; token?: string | null } = {}) =>
  w.app.request(`/api/public${path}`, {
    method: init.method ?? 'GET',
    headers: init.token ? { 'x-pond-customer': init.token } : {},
  });
// Sessions last 7 days of the test clock, which jumps ahead: log in again once per simulated day.
const cookies = new Map<string, string>();
async function cookieOf(username: string): Promise<string> {
  const key = `${username}@${Math.floor(clock.getTime() / DAY)}`;
  const cached = cookies.get(key);
  if (cached) return cached;
  const res = await w.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'acme', username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  cookies.set(key, cookie);
  return cookie;
}
const req = async (method: string, path: string, { as, body }: { as: string; body?: unknown }) =>
  w.app.request(path, {
    method,
    headers: { cookie: await cookieOf(as), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const tokenOf = (customerId: number) => customerToken(w.deps, w.tenantId, customerId);

const PROGRAMME = {
  enabled: true,
  attributionDays: 30,
  refundDays: 7,
  level2Enabled: true,
  level1CapCents: null,
  level2CapCents: null,
  welcomeText: '你好 {customer_name}，{referrer_name} 推荐你来，我是 {staff_name}～',
  rules: [
    { name: '茶饮', skuPrefixes: ['TEA'], level1: { kind: 'percent', value: 10 }, level2: { kind: 'percent', value: 2 } },
    { name: '周边', skuPrefixes: ['MER'], level1: { kind: 'fixed', value: 300 }, level2: null },
    { name: '其他', skuPrefixes: [], level1: { kind: 'percent', value: 5 }, level2: { kind: 'percent', value: 1 } },
  ],
};

const ledgerOfOrder = (orderId: number) =>
  w.deps.db
    .select()
    .from(referralLedger)
    .where(and(eq(referralLedger.tenantId, w.tenantId), eq(referralLedger.orderId, orderId)))
    .orderBy(referralLedger.level, referralLedger.id);

const externalIdOf = async (orderId: number) =>
  (await w.deps.db.select({ externalId: orders.externalId }).from(orders).where(eq(orders.id, orderId)))[0]?.externalId ?? '';

/** A new virtual customer scans the referrer's way; returns the new customer's id. */
async function newCustomerThrough(configId: string, name: string): Promise<number> {
  const r = await performSimAction(admin(), { type: 'scan_contact_way', configId, newCustomer: { name } });
  if (!r.customerId) throw new Error('scan created no customer');
  return r.customerId;
}

async function order(customerId: number, amountCents: number, items: { sku: string; quantity: number; priceCents: number }[]) {
  const r = await performSimAction(admin(), {
    type: 'order',
    customerId,
    amountCents,
    items: items.map((i) => ({ ...i, name: i.sku })),
  });
  if (!r.orderId) throw new Error('no order');
  return r.orderId;
}

// The referral world built by the first tests: c1 refers A (new, through c1's way), A refers B.
const s = { c1Referrer: 0, c1Slug: '', c1Way: '', a: 0, aReferrer: 0, aWay: '', b: 0 };

describe('programme settings', () => {
  it('operators save the programme; guides read it but cannot change it; bad rates are refused', async () => {
    const guide = await req('PUT', '/api/referral/programme', {
      as: 'guide1',
      body: { ...PROGRAMME, staffIds: [w.ids.guide1] },
    });
    expect(guide.status).toBe(403);
    const bad = await req('PUT', '/api/referral/programme', {
      as: 'operator',
      body: { ...PROGRAMME, rules: [{ ...PROGRAMME.rules[0], level1: { kind: 'percent', value: 101 } }] },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.message).toMatch(/rules\.0\.level1/);
    const res = await req('PUT', '/api/referral/programme', {
      as: 'operator',
      body: { ...PROGRAMME, staffIds: [w.ids.guide1, w.ids.guide2] },
    });
    expect(res.status).toBe(200);
    const saved = await json(res);
    expect(saved).toMatchObject({ enabled: true, refundDays: 7, updatedBy: 'operator' });
    expect(saved.staff.map((x: { name: string }) => x.name)).toEqual(['王芳', '李娜']);
    const read = await req('GET', '/api/referral/programme', { as: 'guide1' });
    expect((await json(read)).rules).toHaveLength(3);
    const [audit] = await w.deps.db.select().from(auditLog).where(eq(auditLog.action, 'referral.programme.update'));
    expect(audit).toBeTruthy();
  });
});

describe('referrers, links and contact ways', () => {
  it('a customer gets their link and, on the first visit, a contact way over the staff pool with state rf<id>', async () => {
    const res = await h5('/me/referral', { token: tokenOf(w.ids.c1) });
    expect(res.status).toBe(200);
    const page = await json(res);
    expect(page.link.url).toMatch(/\/r\/[0-9A-Za-z]{10}$/);
    expect(page.link.qrImageUrl).toBe(`/api/public/qr?text=${encodeURIComponent(page.link.url)}`);
    expect(page.way.qrImageUrl).toMatch(/^\/api\/public\/qr\?text=/);
    expect(page.viewer).toMatchObject({ isReferrer: true, canBind: false, bindBlockedReason: 'self' });
    expect(page.mine.totals).toEqual({ pendingCents: 0, settledCents: 0, paidCents: 0, reversedCents: 0 });
    expect(page.referrer.name).toBe('陈静');
    const [row] = await w.deps.db.select().from(referrers).where(eq(referrers.customerId, w.ids.c1));
    if (!row?.wayConfigId) throw new Error('no way');
    s.c1Referrer = row.id;
    s.c1Slug = page.link.slug;
    s.c1Way = row.wayConfigId;
    const way = await simulatorOf(w.deps).getWay({ tenantId: w.tenantId, configId: row.wayConfigId });
    expect(way).toMatchObject({ kind: 'contact', state: `rf${row.id}`, members: ['wangfang', 'lina'] });
    // A second visit (and the same call again) reuses the link and the way.
    const again = await json(await h5(`/referral/${s.c1Slug}`, { token: tokenOf(w.ids.c1) }));
    expect(again.link.slug).toBe(s.c1Slug);
    const [same] = await w.deps.db.select().from(referrers).where(eq(referrers.customerId, w.ids.c1));
    expect(same?.wayConfigId).toBe(row.wayConfigId);
  });

  it('shows visitors a masked name and no ledger; unknown slugs are 404 and forged tokens 401', async () => {
    const visitor = await json(await h5(`/referral/${s.c1Slug}`));
    expect(visitor.referrer.name).toBe('陈*');
    expect(visitor.viewer).toBeNull();
    expect(visitor.mine).toBeNull();
    expect((await h5('/referral/Zz9unknown0')).status).toBe(404);
    const forged = await h5(`/referral/${s.c1Slug}`, { token: `${tokenOf(w.ids.c2).slice(0, -2)}AA` });
    expect(forged.status).toBe(401);
    const otherTenant = customerToken(w.deps, w.otherTenantId, w.ids.otherTenantCustomer);
    expect((await json(await h5(`/referral/${s.c1Slug}`, { token: otherTenant }))).viewer).toBeNull();
    expect((await h5(`/referral/${s.c1Slug}/bind`, { method: 'POST', token: otherTenant })).status).toBe(404);
  });

  it('a staff referrer gets a way with only their own userid', async () => {
    const res = await req('POST', '/api/referral/referrers', {
      as: 'operator',
      body: { kind: 'staff', staffId: w.ids.guide3 },
    });
    expect(res.status).toBe(201);
    const r = await json(res);
    expect(r).toMatchObject({ kind: 'staff', name: '张伟', referrals: 0, status: 'active' });
    const page = await json(await h5(`/referral/${r.slug}`));
    expect(page.referrer.name).toBe('张伟');
    const [row] = await w.deps.db.select().from(referrers).where(eq(referrers.id, r.id));
    const way = await simulatorOf(w.deps).getWay({ tenantId: w.tenantId, configId: row?.wayConfigId ?? '' });
    expect(way?.members).toEqual(['zhangwei']);
    const guide = await req('POST', '/api/referral/referrers', {
      as: 'guide1',
      body: { kind: 'staff', staffId: w.ids.guide1 },
    });
    expect(guide.status).toBe(403);
  });
});

describe('binding', () => {
  it('binds a new customer who adds through the way, welcomes them with the programme text, and does not re-bind', async () => {
    s.a = await newCustomerThrough(s.c1Way, '周一');
    const binding = await getBinding(sys(), s.a);
    expect(binding).toMatchObject({ referrerId: s.c1Referrer, source: 'contact_way' });
    const events = await w.deps.db
      .select()
      .from(customerEvents)
      .where(and(eq(customerEvents.customerId, s.a), eq(customerEvents.type, 'referral.bound')));
    expect(events).toHaveLength(1);
    await w.deps.queue.drain();
    const log = await simulatorOf(w.deps).readChatLog({ tenantId: w.tenantId, limit: 20 });
    expect(log.some((l) => l.content.includes('陈静 推荐你来'))).toBe(true);
    // An existing customer scanning the way is not bound (c3 has no referrer and stays so).
    await performSimAction(admin(), { type: 'scan_contact_way', configId: s.c1Way, customerId: w.ids.c3 });
    expect(await getBinding(sys(), w.ids.c3)).toBeNull();
  });

  it('binds an existing customer through the link once they confirm; first binding wins; no self-referral; no loops', async () => {
    // A becomes a referrer; B joins through A's way (level 2 chain c1 → A → B).
    const aPage = await json(await h5('/me/referral', { token: tokenOf(s.a) }));
    const [aRow] = await w.deps.db.select().from(referrers).where(eq(referrers.customerId, s.a));
    s.aReferrer = aRow?.id ?? 0;
    s.aWay = aRow?.wayConfigId ?? '';
    s.b = await newCustomerThrough(s.aWay, '吴二');
    expect((await getBinding(sys(), s.b))?.referrerId).toBe(s.aReferrer);

    // c1 opening A's link: A was referred by c1, so c1 cannot be A's referral.
    const c1View = await json(await h5(`/referral/${aPage.link.slug}`, { token: tokenOf(w.ids.c1) }));
    expect(c1View.viewer).toMatchObject({ canBind: false, bindBlockedReason: 'cycle' });
    const cycle = await h5(`/referral/${aPage.link.slug}/bind`, { method: 'POST', token: tokenOf(w.ids.c1) });
    expect(cycle.status).toBe(409);
    expect((await json(cycle)).error.details.reason).toBe('cycle');

    const self = await h5(`/referral/${s.c1Slug}/bind`, { method: 'POST', token: tokenOf(w.ids.c1) });
    expect((await json(self)).error.details.reason).toBe('self');

    const c2View = await json(await h5(`/referral/${s.c1Slug}`, { token: tokenOf(w.ids.c2) }));
    expect(c2View.viewer).toMatchObject({ canBind: true, boundToThis: false });
    const bind = await h5(`/referral/${s.c1Slug}/bind`, { method: 'POST', token: tokenOf(w.ids.c2) });
    expect(bind.status).toBe(200);
    expect(await json(bind)).toEqual({ status: 'bound', referrerName: '陈静' });
    const twice = await h5(`/referral/${s.c1Slug}/bind`, { method: 'POST', token: tokenOf(w.ids.c2) });
    expect((await json(twice)).status).toBe('already_bound');
    const other = await h5(`/referral/${aPage.link.slug}/bind`, { method: 'POST', token: tokenOf(w.ids.c2) });
    expect((await json(other)).error.details.reason).toBe('already_bound');
    expect((await h5(`/referral/${s.c1Slug}/bind`, { method: 'POST' })).status).toBe(401);
  });

  it('two racing bindings of one customer to two referrers: exactly one wins', async () => {
    const r1 = await ensureReferrer(sys(), { kind: 'staff', staffId: w.ids.guide1 });
    const r2 = await ensureReferrer(sys(), { kind: 'staff', staffId: w.ids.guide2 });
    const outcomes = await Promise.all(
      [r1, r2, r1, r2].map((r) => bindReferral(sys(), { customerId: w.ids.c3, referrerId: r.id, source: 'link', at: clock })),
    );
    expect(outcomes.filter((o) => o.ok && o.status === 'bound')).toHaveLength(1);
    const rows = await w.deps.db.select().from(referralBindings).where(eq(referralBindings.customerId, w.ids.c3));
    expect(rows).toHaveLength(1);
  });
});

describe('commissions', () => {
  let orderB = 0;

  it('a paid order of a referred customer writes pending level-1 and level-2 entries by category', async () => {
    later(60_000);
    // TEA 2 × 30.00 + MER 1 × 20.00 = 80.00 listed, 72.00 paid (10 % off).
    orderB = await order(s.b, 7200, [
      { sku: 'TEA-1', quantity: 2, priceCents: 3000 },
      { sku: 'MER-CUP', quantity: 1, priceCents: 2000 },
    ]);
    const rows = await ledgerOfOrder(orderB);
    // Level 1 (A): 10 % of 54.00 + 3.00 per MER unit = 5.40 + 3.00; level 2 (c1): 2 % of 54.00 = 1.08.
    expect(rows.map((r) => [r.level, r.referrerId, r.amountCents, r.state, r.kind])).toEqual([
      [1, s.aReferrer, 840, 'pending', 'commission'],
      [2, s.c1Referrer, 108, 'pending', 'commission'],
    ]);
    expect(rows[0]?.settleAfter.getTime()).toBe((rows[0]?.occurredAt.getTime() ?? 0) + 7 * DAY);
  });

  it('the same order event twice, or five workers at once, changes nothing', async () => {
    const [row] = await w.deps.db.select().from(orders).where(eq(orders.id, orderB));
    if (!row) throw new Error('no order');
    const event = { orderId: orderB, customerId: s.b, amountCents: row.amountCents, at: row.paidAt };
    expect((await applyReferralOrderPaid(sys(), event)).created).toBe(0);
    const racing = await Promise.all(Array.from({ length: 5 }, () => applyReferralOrderPaid(sys(), event)));
    expect(racing.reduce((n, r) => n + r.created, 0)).toBe(0);
    expect(await ledgerOfOrder(orderB)).toHaveLength(2);
  });

  it('concurrent first processing of a new order event writes each level once', async () => {
    const orderId = await order(s.a, 1000, []);
    await w.deps.db.delete(referralLedger).where(eq(referralLedger.orderId, orderId));
    const [row] = await w.deps.db.select().from(orders).where(eq(orders.id, orderId));
    const event = { orderId, customerId: s.a, amountCents: 1000, at: row?.paidAt ?? clock };
    const racing = await Promise.all(Array.from({ length: 6 }, () => applyReferralOrderPaid(sys(), event)));
    expect(racing.reduce((n, r) => n + r.created, 0)).toBe(1);
    const rows = await ledgerOfOrder(orderId);
    // A's order: level 1 to c1 (5 % default rule); c1 has no referrer, so no level 2.
    expect(rows.map((r) => [r.level, r.referrerId, r.amountCents])).toEqual([[1, s.c1Referrer, 50]]);
  });

  it('a refund inside the refund window reverses the entries, once', async () => {
    later(2 * DAY);
    const externalId = await externalIdOf(orderB);
    await refundOrder(sys(), { externalId, refundedAt: clock });
    const rows = await ledgerOfOrder(orderB);
    expect(rows.map((r) => r.state)).toEqual(['reversed', 'reversed']);
    const again = await applyReferralOrderRefunded(sys(), { orderId: orderB, amountCents: 7200, at: clock });
    expect(again).toEqual({ reversed: 0, clawbacks: 0 });
  });

  it('a partial refund writes a negative clawback; a repeat does nothing; a full refund then reverses both', async () => {
    const orderId = await order(s.b, 10_000, [{ sku: 'TEA-9', quantity: 1, priceCents: 10_000 }]);
    const partialAt = new Date(clock.getTime() + DAY);
    const first = await applyReferralOrderRefunded(sys(), { orderId, amountCents: 2500, at: partialAt });
    expect(first).toEqual({ reversed: 0, clawbacks: 2 });
    expect(await applyReferralOrderRefunded(sys(), { orderId, amountCents: 2500, at: partialAt })).toEqual({
      reversed: 0,
      clawbacks: 0,
    });
    const rows = await ledgerOfOrder(orderId);
    expect(rows.map((r) => [r.level, r.kind, r.amountCents, r.state])).toEqual([
      [1, 'commission', 1000, 'pending'],
      [1, 'clawback', -250, 'pending'],
      [2, 'commission', 200, 'pending'],
      [2, 'clawback', -50, 'pending'],
    ]);
    await applyReferralOrderRefunded(sys(), { orderId, amountCents: 10_000, at: new Date(partialAt.getTime() + 1000) });
    expect((await ledgerOfOrder(orderId)).every((r) => r.state === 'reversed')).toBe(true);
  });
});

describe('settlement and payout', () => {
  let orderId = 0;
  let paidAt = new Date();

  it('settles pending entries only after the refund window; racing settlers settle each once; late refunds change nothing', async () => {
    // c2 (bound through the link two days ago) orders now.
    orderId = await order(w.ids.c2, 20_000, [{ sku: 'TEA-2', quantity: 4, priceCents: 5000 }]);
    const [row] = await ledgerOfOrder(orderId);
    expect(row).toMatchObject({ amountCents: 2000, state: 'pending', referrerId: s.c1Referrer });
    paidAt = row?.occurredAt ?? clock;

    // One millisecond before the window ends: still pending (older orders' entries may settle).
    await settleReferralCommissions(sys(), { now: new Date(paidAt.getTime() + 7 * DAY - 1) });
    expect((await ledgerOfOrder(orderId))[0]?.state).toBe('pending');
    // Event times can run a few ms ahead of the clock (they strictly increase); a minute covers it.
    later(7 * DAY + 60_000);
    const due = (
      await w.deps.db
        .select()
        .from(referralLedger)
        .where(and(eq(referralLedger.tenantId, w.tenantId), eq(referralLedger.state, 'pending')))
    ).filter((r) => r.settleAfter.getTime() <= clock.getTime());
    expect(due.length).toBeGreaterThan(0);
    const settled = await Promise.all([
      settleReferralCommissions(sys()),
      settleReferralCommissions(sys()),
      settleReferralCommissions(sys()),
    ]);
    // Every due row settled exactly once across the three racing settlers.
    expect(settled.reduce((a, b) => a + b, 0)).toBe(due.length);
    const rows = await ledgerOfOrder(orderId);
    expect(rows.map((r) => r.state)).toEqual(['settled']);
    expect(rows[0]?.settledAt?.getTime()).toBe(clock.getTime());
    // A refund after the window: the commission stands.
    await refundOrder(sys(), { externalId: await externalIdOf(orderId), refundedAt: clock });
    expect((await ledgerOfOrder(orderId)).map((r) => [r.state, r.amountCents])).toEqual([['settled', 2000]]);
  });

  it('a refund made inside the window but processed after settlement claws the commission back', async () => {
    const late = await order(w.ids.c2, 3000, []);
    const [row] = await ledgerOfOrder(late);
    const at = row?.occurredAt ?? clock;
    await settleReferralCommissions(sys(), { now: new Date(at.getTime() + 8 * DAY) });
    await applyReferralOrderRefunded(sys(), { orderId: late, amountCents: 3000, at: new Date(at.getTime() + DAY) });
    const rows = await ledgerOfOrder(late);
    expect(rows.map((r) => [r.kind, r.amountCents, r.state])).toEqual([
      ['commission', 150, 'settled'],
      ['clawback', -150, 'pending'],
    ]);
    await w.deps.db.delete(referralLedger).where(eq(referralLedger.orderId, late));
  });

  it('operators mark settled entries paid in a confirmed batch, audited; a wrong total or a repeat changes nothing', async () => {
    const list = await json(
      await req('GET', `/api/referral/ledger?state=settled&referrerId=${s.c1Referrer}`, { as: 'operator' }),
    );
    const ids = list.items.map((i: { id: number }) => i.id);
    // This order's 20.00 and A's earlier 0.50.
    expect(list.sums.settledCents).toBe(2050);
    expect(ids).toHaveLength(2);
    const wrong = await req('POST', '/api/referral/ledger/mark-paid', {
      as: 'operator',
      body: { ids, confirmTotalCents: 1999 },
    });
    expect(wrong.status).toBe(409);
    expect((await ledgerOfOrder(orderId))[0]?.state).toBe('settled');
    const guide = await req('POST', '/api/referral/ledger/mark-paid', {
      as: 'guide1',
      body: { ids, confirmTotalCents: 2000 },
    });
    expect(guide.status).toBe(403);
    const pay = await req('POST', '/api/referral/ledger/mark-paid', {
      as: 'operator',
      body: { ids: [...ids, 999_999], confirmTotalCents: 2050, reference: 'TX-0001' },
    });
    expect(pay.status).toBe(200);
    expect(await json(pay)).toEqual({ paid: 2, totalCents: 2050, skippedIds: [999_999] });
    expect((await ledgerOfOrder(orderId))[0]).toMatchObject({ state: 'paid', payoutRef: 'TX-0001', paidBy: 'operator' });
    const repeat = await req('POST', '/api/referral/ledger/mark-paid', {
      as: 'operator',
      body: { ids, confirmTotalCents: 2000 },
    });
    expect(repeat.status).toBe(409);
    const audits = await w.deps.db.select().from(auditLog).where(eq(auditLog.action, 'referral.commissions.paid'));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({ count: 2, totalCents: 2050, reference: 'TX-0001' });
  });

  it('the referrer sees their referrals and commissions by state on their page', async () => {
    const page = await json(await h5(`/referral/${s.c1Slug}`, { token: tokenOf(w.ids.c1) }));
    expect(page.mine.totals.paidCents).toBe(2050);
    expect(page.mine.referrals.map((r: { name: string }) => r.name).sort()).toEqual(['周*', '杨*'].sort());
    expect(
      page.mine.entries.some((e: { state: string; amountCents: number }) => e.state === 'paid' && e.amountCents === 2000),
    ).toBe(true);
  });
});

describe('console lists and export', () => {
  it('lists referrers with totals, searchable, and keeps guides to their own customers and themselves', async () => {
    const all = await json(await req('GET', '/api/referral/referrers?sort=earnings', { as: 'operator' }));
    const c1 = all.items.find((r: { id: number }) => r.id === s.c1Referrer);
    expect(c1).toMatchObject({ name: '陈静', kind: 'customer', referrals: 2 });
    expect(c1.totals.paidCents).toBe(2050);
    const a = all.items.find((r: { id: number }) => r.id === s.aReferrer);
    expect(a.parentReferrerId).toBe(s.c1Referrer);
    const search = await json(await req('GET', `/api/referral/referrers?q=${encodeURIComponent('陈')}`, { as: 'operator' }));
    expect(search.items.map((r: { id: number }) => r.id)).toEqual([s.c1Referrer]);
    // guide2 is a staff referrer and follows none of the customer referrers (c1, A).
    const guide = await json(await req('GET', '/api/referral/referrers', { as: 'guide2' }));
    expect(guide.items.map((r: { name: string }) => r.name)).toEqual(['李娜']);
    const ledger = await json(await req('GET', `/api/referral/ledger?referrerId=${s.c1Referrer}`, { as: 'guide2' }));
    expect(ledger.total).toBe(0);
    // guide1 follows c1: c1's ledger is theirs to see.
    const own = await json(await req('GET', `/api/referral/ledger?referrerId=${s.c1Referrer}`, { as: 'guide1' }));
    expect(own.total).toBeGreaterThan(0);
    const referrals = await json(await req('GET', `/api/referral/referrals?referrerId=${s.c1Referrer}`, { as: 'operator' }));
    expect(referrals.items.map((r: { customerId: number }) => r.customerId).sort()).toEqual([s.a, w.ids.c2].sort());
  });

  it('disabling a referrer stops new bindings and commissions; audited', async () => {
    const res = await req('PATCH', `/api/referral/referrers/${s.aReferrer}`, {
      as: 'operator',
      body: { status: 'disabled' },
    });
    expect(res.status).toBe(200);
    expect((await h5('/me/referral', { token: tokenOf(s.a) })).status).toBe(409);
    const orderId = await order(s.b, 1000, []);
    expect(await ledgerOfOrder(orderId)).toHaveLength(0);
    await req('PATCH', `/api/referral/referrers/${s.aReferrer}`, { as: 'operator', body: { status: 'active' } });
    const audits = await w.deps.db.select().from(auditLog).where(eq(auditLog.targetType, 'referrer'));
    expect(audits.map((a) => a.action)).toEqual(['referral.referrer.disabled', 'referral.referrer.active']);
  });

  it('exports the ledger as CSV for operators (audited), not for guides', async () => {
    const res = await req('GET', `/api/referral/ledger/export?referrerId=${s.c1Referrer}`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toContain('流水ID');
    expect(lines.some((l) => l.includes('20.00') && l.includes('已支付') && l.includes('TX-0001'))).toBe(true);
    expect((await req('GET', '/api/referral/ledger/export', { as: 'guide1' })).status).toBe(403);
    const audits = await w.deps.db.select().from(auditLog).where(eq(auditLog.action, 'referral.ledger.export'));
    expect(audits).toHaveLength(1);
  });
});

describe('attribution window', () => {
  it('orders after the attribution window earn nothing', async () => {
    later(31 * DAY);
    const orderId = await order(s.b, 5000, [{ sku: 'TEA-1', quantity: 1, priceCents: 5000 }]);
    expect(await ledgerOfOrder(orderId)).toHaveLength(0);
  });
});
