// Property: whatever sequence of order events arrives — paid, full or partial refunds inside or
// after the refund window, settlement runs, payouts, each event possibly delivered several times
// and concurrently — the ledger holds exactly the rows a small in-memory model predicts: same keys,
// amounts and states, so the sums by state agree and no entry is ever written twice.
import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { applyReferralOrderPaid } from '../apply-order-paid.ts';
import { applyReferralOrderRefunded } from '../apply-order-refunded.ts';
import { bindReferral } from '../bind-referral.ts';
import { clawbackCents, computeCommission, type TCommissionRule } from '../commission-rules.ts';
import { clawbackKey, commissionKey, type TLedgerState } from '../ledger-states.ts';
import { markCommissionsPaid } from '../mark-commissions-paid.ts';
import { referralLedger } from '../referral.tables.ts';
import { saveReferralProgramme } from '../referral-programme.ts';
import { ensureReferrer } from '../referrers.ts';
import { settleReferralCommissions } from '../settle-commissions.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REFUND_DAYS = 7;
const BASE = new Date('2026-03-01T00:00:00.000Z');
const RULES: TCommissionRule[] = [
  { name: '全部', skuPrefixes: [], level1: { kind: 'percent', value: 10 }, level2: { kind: 'percent', value: 3 } },
];

let w: TestWorld;
let buyer = 0;
const sys = (): Ctx => withActor(w.deps, systemActor(w.tenantId));
const operator = (): Ctx => ({ ...sys(), actor: { ...systemActor(w.tenantId), role: 'operator', name: 'op', accountId: 2 } });

beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => BASE;
  registerChannels(w.deps);
  await saveReferralProgramme(sys(), {
    enabled: true,
    attributionDays: 3650,
    refundDays: REFUND_DAYS,
    level2Enabled: true,
    level1CapCents: null,
    level2CapCents: null,
    staffIds: [],
    welcomeText: null,
    rules: RULES,
  });
  // c1 refers c2, c2 refers c3: c3's orders pay c2 at level 1 and c1 at level 2.
  const r1 = await ensureReferrer(sys(), { kind: 'customer', customerId: w.ids.c1 });
  const r2 = await ensureReferrer(sys(), { kind: 'customer', customerId: w.ids.c2 });
  await bindReferral(sys(), { customerId: w.ids.c2, referrerId: r1.id, source: 'link', at: BASE });
  await bindReferral(sys(), { customerId: w.ids.c3, referrerId: r2.id, source: 'link', at: BASE });
  buyer = w.ids.c3;
});
afterAll(async () => {
  await w?.cleanup();
});

// ---- the model

type TRow = {
  key: string;
  orderId: number;
  level: number;
  kind: 'commission' | 'clawback';
  amount: number;
  state: TLedgerState;
  settleAfter: number;
};
type TOrder = { id: number; amount: number; paidAt: number };

function modelPaid(rows: TRow[], o: TOrder) {
  const c = computeCommission({ amountCents: o.amount, items: [], rules: RULES, levels: 2 });
  for (const [level, amount] of [
    [1, c.level1],
    [2, c.level2],
  ] as const) {
    const key = commissionKey(o.id, level);
    if (amount > 0 && !rows.some((r) => r.key === key)) {
      rows.push({
        key,
        orderId: o.id,
        level,
        kind: 'commission',
        amount,
        state: 'pending',
        settleAfter: o.paidAt + REFUND_DAYS * DAY,
      });
    }
  }
}

function modelRefund(rows: TRow[], o: TOrder, refund: number, at: number) {
  for (const c of rows.filter((r) => r.orderId === o.id && r.kind === 'commission')) {
    if (c.state === 'reversed' || at >= c.settleAfter) continue;
    const same = rows.filter((r) => r.orderId === o.id && r.level === c.level && r.state !== 'reversed');
    const left = same.reduce((s, r) => s + r.amount, 0);
    const key = clawbackKey(o.id, c.level, new Date(at));
    const add = (amount: number) => {
      if (amount > 0 && !rows.some((r) => r.key === key)) {
        rows.push({
          key,
          orderId: o.id,
          level: c.level,
          kind: 'clawback',
          amount: -amount,
          state: 'pending',
          settleAfter: c.settleAfter,
        });
      }
    };
    if (refund >= o.amount) {
      if (c.state === 'pending') {
        for (const r of same) if (r.state === 'pending') r.state = 'reversed';
      } else add(left);
    } else add(Math.min(clawbackCents(c.amount, refund, o.amount), left));
  }
}

// ---- the commands

type TCommand =
  | { t: 'paid'; o: number; copies: number }
  | { t: 'refund'; o: number; share: number | 'full'; afterHours: number; copies: number }
  | { t: 'settle'; atHours: number }
  | { t: 'pay' };

const command = (orders: number): fc.Arbitrary<TCommand> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ t: fc.constant('paid' as const), o: fc.nat(orders - 1), copies: fc.integer({ min: 1, max: 3 }) }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('refund' as const),
        o: fc.nat(orders - 1),
        share: fc.oneof(fc.constant('full' as const), fc.double({ min: 0.01, max: 0.99, noNaN: true })),
        // Mostly inside the 7-day window, sometimes after it.
        afterHours: fc.integer({ min: 0, max: 10 * 24 }),
        copies: fc.integer({ min: 1, max: 3 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('settle' as const), atHours: fc.integer({ min: 0, max: 20 * 24 }) }) },
    { weight: 1, arbitrary: fc.constant({ t: 'pay' as const }) },
  );

let nextOrderId = 5_000_000;

describe('the referral ledger under any sequence of order events', () => {
  it('matches the model: same rows, same sums by state, never a double entry', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 3 }),
        fc
          .integer({ min: 1, max: 3 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(command(n), { minLength: 1, maxLength: 14 }))),
        async (amounts, [n, commands]) => {
          const orders: TOrder[] = Array.from({ length: n }, (_, i) => ({
            id: nextOrderId++,
            amount: amounts[i % amounts.length] ?? 1000,
            paidAt: BASE.getTime() + (i + 1) * HOUR,
          }));
          const model: TRow[] = [];
          for (const c of commands) {
            if (c.t === 'paid') {
              const o = orders[c.o] as TOrder;
              const event = { orderId: o.id, customerId: buyer, amountCents: o.amount, at: new Date(o.paidAt) };
              // Duplicates, delivered at once: they race on PostgreSQL.
              await Promise.all(Array.from({ length: c.copies }, () => applyReferralOrderPaid(sys(), event)));
              modelPaid(model, o);
            } else if (c.t === 'refund') {
              const o = orders[c.o] as TOrder;
              const refund = c.share === 'full' ? o.amount : Math.min(o.amount - 1, Math.max(1, Math.floor(o.amount * c.share)));
              if (refund <= 0) continue;
              const at = o.paidAt + c.afterHours * HOUR;
              const event = { orderId: o.id, amountCents: refund, at: new Date(at) };
              await Promise.all(Array.from({ length: c.copies }, () => applyReferralOrderRefunded(sys(), event)));
              modelRefund(model, o, refund, at);
            } else if (c.t === 'settle') {
              const now = BASE.getTime() + c.atHours * HOUR;
              await settleReferralCommissions(sys(), { now: new Date(now) });
              for (const r of model) if (r.state === 'pending' && r.settleAfter <= now) r.state = 'settled';
            } else {
              const settled = model.filter((r) => r.state === 'settled');
              if (settled.length === 0) continue;
              const ids = (
                await w.deps.db
                  .select({ id: referralLedger.id })
                  .from(referralLedger)
                  .where(
                    and(
                      eq(referralLedger.tenantId, w.tenantId),
                      inArray(
                        referralLedger.orderId,
                        orders.map((o) => o.id),
                      ),
                      eq(referralLedger.state, 'settled'),
                    ),
                  )
              ).map((r) => r.id);
              // The model's settled total is the confirmation: a different ledger would refuse it.
              const total = settled.reduce((s, r) => s + r.amount, 0);
              await markCommissionsPaid(operator(), { ids, confirmTotalCents: total });
              for (const r of settled) r.state = 'paid';
            }
          }
          const rows = await w.deps.db
            .select()
            .from(referralLedger)
            .where(
              and(
                eq(referralLedger.tenantId, w.tenantId),
                inArray(
                  referralLedger.orderId,
                  orders.map((o) => o.id),
                ),
              ),
            );
          const shape = (r: { key: string; amount: number; state: string }) => `${r.key} ${r.amount} ${r.state}`;
          expect(rows.map((r) => shape({ key: r.idempotencyKey, amount: r.amountCents, state: r.state })).sort()).toEqual(
            model.map(shape).sort(),
          );
          const sums = (list: { amount: number; state: string }[]) =>
            Object.fromEntries(
              ['pending', 'settled', 'paid', 'reversed'].map((s) => [
                s,
                list.filter((r) => r.state === s).reduce((a, r) => a + r.amount, 0),
              ]),
            );
          expect(sums(rows.map((r) => ({ amount: r.amountCents, state: r.state })))).toEqual(sums(model));
          // Net of an order never goes below zero nor above what it earned.
          for (const o of orders) {
            for (const level of [1, 2]) {
              const net = rows
                .filter((r) => r.orderId === o.id && r.level === level && r.state !== 'reversed')
                .reduce((a, r) => a + r.amountCents, 0);
              const earned =
                rows.find((r) => r.orderId === o.id && r.level === level && r.kind === 'commission')?.amountCents ?? 0;
              expect(net).toBeGreaterThanOrEqual(0);
              expect(net).toBeLessThanOrEqual(earned);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
