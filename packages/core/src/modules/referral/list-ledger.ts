import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import type { TLedgerEntry, TLedgerFilter, TLedgerTotals, TListLedgerQuery } from './referral.schemas.ts';
import { referralLedger, referrers } from './referral.tables.ts';
import { referrerScopeCondition } from './referral-scope.ts';

export const joinLedgerReferrer = and(
  eq(referrers.tenantId, referralLedger.tenantId),
  eq(referrers.id, referralLedger.referrerId),
);

/** The WHERE of a ledger filter, in the actor's scope (the query joins referrers). */
export async function ledgerConditions(ctx: Ctx, filter: TLedgerFilter): Promise<SQL | undefined> {
  const where: (SQL | undefined)[] = [eq(referralLedger.tenantId, ctx.actor.tenantId), await referrerScopeCondition(ctx)];
  if (filter.referrerId) where.push(eq(referralLedger.referrerId, filter.referrerId));
  if (filter.state) where.push(eq(referralLedger.state, filter.state));
  if (filter.kind) where.push(eq(referralLedger.kind, filter.kind));
  if (filter.level) where.push(eq(referralLedger.level, filter.level));
  if (filter.orderId) where.push(eq(referralLedger.orderId, filter.orderId));
  if (filter.from) where.push(gte(referralLedger.occurredAt, new Date(filter.from)));
  if (filter.to) where.push(lt(referralLedger.occurredAt, new Date(filter.to)));
  return and(...where);
}

export function toLedgerEntry(r: typeof referralLedger.$inferSelect, referrerName: string, customerName: string): TLedgerEntry {
  return {
    id: r.id,
    referrerId: r.referrerId,
    referrerName,
    level: r.level,
    kind: r.kind as TLedgerEntry['kind'],
    orderId: r.orderId,
    customerId: r.customerId,
    customerName,
    orderAmountCents: r.orderAmountCents,
    amountCents: r.amountCents,
    state: r.state as TLedgerEntry['state'],
    occurredAt: r.occurredAt.toISOString(),
    settleAfter: r.settleAfter.toISOString(),
    settledAt: r.settledAt?.toISOString() ?? null,
    reversedAt: r.reversedAt?.toISOString() ?? null,
    paidAt: r.paidAt?.toISOString() ?? null,
    paidBy: r.paidBy,
    payoutRef: r.payoutRef,
    detail: r.detail,
  };
}

const sumWhere = (state: string) =>
  sql<string>`coalesce(sum(${referralLedger.amountCents}) filter (where ${referralLedger.state} = ${state}), 0)`;

/** The commission ledger in the actor's scope, newest first, with sums by state over the whole filter. */
export async function listLedger(
  ctx: Ctx,
  query: TListLedgerQuery,
): Promise<{ items: TLedgerEntry[]; total: number; page: number; pageSize: number; sums: TLedgerTotals }> {
  const db = dbOf(ctx);
  const where = await ledgerConditions(ctx, query);
  const [rows, [agg]] = await Promise.all([
    db
      .select({ l: referralLedger, referrerName: referrers.name })
      .from(referralLedger)
      .innerJoin(referrers, joinLedgerReferrer)
      .where(where)
      .orderBy(desc(referralLedger.occurredAt), desc(referralLedger.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({
        n: count(),
        pending: sumWhere('pending'),
        settled: sumWhere('settled'),
        paid: sumWhere('paid'),
        reversed: sumWhere('reversed'),
      })
      .from(referralLedger)
      .innerJoin(referrers, joinLedgerReferrer)
      .where(where),
  ]);
  const names = await getCustomerNames(
    ctx,
    rows.map((r) => r.l.customerId),
  );
  return {
    items: rows.map((r) => toLedgerEntry(r.l, r.referrerName, names.get(r.l.customerId) ?? '')),
    total: agg?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    sums: {
      pendingCents: Number(agg?.pending ?? 0),
      settledCents: Number(agg?.settled ?? 0),
      paidCents: Number(agg?.paid ?? 0),
      reversedCents: Number(agg?.reversed ?? 0),
    },
  };
}
