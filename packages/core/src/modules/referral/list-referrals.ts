import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import type { TListReferralsQuery, TReferral } from './referral.schemas.ts';
import { referralBindings, referralLedger, referrers } from './referral.tables.ts';
import { referrerScopeCondition } from './referral-scope.ts';

/** Level-1 commission (not reversed) and orders per (referrer, referred customer). */
export function referralEarningsSubquery(ctx: Ctx) {
  return dbOf(ctx)
    .select({
      referrerId: referralLedger.referrerId,
      customerId: referralLedger.customerId,
      cents: sql<string>`coalesce(sum(${referralLedger.amountCents}) filter (where ${referralLedger.state} <> 'reversed'), 0)`.as(
        'cents',
      ),
      orders:
        sql<string>`count(distinct ${referralLedger.orderId}) filter (where ${referralLedger.kind} = 'commission' and ${referralLedger.state} <> 'reversed')`.as(
          'orders',
        ),
    })
    .from(referralLedger)
    .where(and(eq(referralLedger.tenantId, ctx.actor.tenantId), eq(referralLedger.level, 1)))
    .groupBy(referralLedger.referrerId, referralLedger.customerId)
    .as('referral_earnings');
}

/** Customers bound to referrers (of one referrer with `referrerId`), newest first, in the actor's scope. */
export async function listReferrals(ctx: Ctx, query: TListReferralsQuery): Promise<TPage<TReferral>> {
  const db = dbOf(ctx);
  const where: (SQL | undefined)[] = [eq(referralBindings.tenantId, ctx.actor.tenantId), await referrerScopeCondition(ctx)];
  if (query.referrerId) where.push(eq(referralBindings.referrerId, query.referrerId));
  const earnings = referralEarningsSubquery(ctx);
  const joinReferrer = and(eq(referrers.tenantId, referralBindings.tenantId), eq(referrers.id, referralBindings.referrerId));
  const [rows, [total]] = await Promise.all([
    db
      .select({ b: referralBindings, referrerName: referrers.name, cents: earnings.cents, orders: earnings.orders })
      .from(referralBindings)
      .innerJoin(referrers, joinReferrer)
      .leftJoin(
        earnings,
        and(eq(earnings.referrerId, referralBindings.referrerId), eq(earnings.customerId, referralBindings.customerId)),
      )
      .where(and(...where))
      .orderBy(desc(referralBindings.boundAt), desc(referralBindings.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(referralBindings)
      .innerJoin(referrers, joinReferrer)
      .where(and(...where)),
  ]);
  const names = await getCustomerNames(
    ctx,
    rows.map((r) => r.b.customerId),
  );
  return {
    items: rows.map((r) => ({
      id: r.b.id,
      customerId: r.b.customerId,
      customerName: names.get(r.b.customerId) ?? '',
      referrerId: r.b.referrerId,
      referrerName: r.referrerName,
      source: r.b.source as TReferral['source'],
      boundAt: r.b.boundAt.toISOString(),
      commissionCents: Number(r.cents ?? 0),
      orders: Number(r.orders ?? 0),
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
