import { and, count, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getStaffNames } from '../org/lookups.ts';
import type { TListReferrersQuery, TReferrer } from './referral.schemas.ts';
import { referralBindings, referralLedger, referrers } from './referral.tables.ts';
import { referrerScopeCondition } from './referral-scope.ts';
import { referrerLink } from './referrers.ts';

const parentBinding = alias(referralBindings, 'parent_binding');

/** Sums of ledger amounts by state per referrer, as a subquery of the tenant's ledger. */
export function ledgerTotalsSubquery(ctx: Ctx) {
  const sumWhere = (state: string) =>
    sql<string>`coalesce(sum(${referralLedger.amountCents}) filter (where ${referralLedger.state} = ${state}), 0)`;
  return dbOf(ctx)
    .select({
      referrerId: referralLedger.referrerId,
      pending: sumWhere('pending').as('pending'),
      settled: sumWhere('settled').as('settled'),
      paid: sumWhere('paid').as('paid'),
      reversed: sumWhere('reversed').as('reversed'),
    })
    .from(referralLedger)
    .where(eq(referralLedger.tenantId, ctx.actor.tenantId))
    .groupBy(referralLedger.referrerId)
    .as('ledger_totals');
}

/**
 * Referrers in the actor's scope with their number of referrals and their commission totals by
 * state (pending, settled, paid; reversed shown apart), searchable by name, paged.
 */
export async function listReferrers(ctx: Ctx, query: TListReferrersQuery): Promise<TPage<TReferrer>> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const where: (SQL | undefined)[] = [eq(referrers.tenantId, tenantId), await referrerScopeCondition(ctx)];
  if (query.q) {
    const q = query.q;
    where.push(
      /^\d{1,15}$/.test(q)
        ? sql`(${ilike(referrers.name, `%${q}%`)} or ${referrers.id} = ${Number(q)})`
        : ilike(referrers.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`),
    );
  }
  if (query.kind) where.push(eq(referrers.kind, query.kind));
  if (query.status) where.push(eq(referrers.status, query.status));
  if (query.referrerId) where.push(eq(referrers.id, query.referrerId));

  const totals = ledgerTotalsSubquery(ctx);
  const counts = db
    .select({ referrerId: referralBindings.referrerId, n: sql<string>`count(*)`.as('n') })
    .from(referralBindings)
    .where(eq(referralBindings.tenantId, tenantId))
    .groupBy(referralBindings.referrerId)
    .as('binding_counts');
  const earned = sql`coalesce(${totals.pending}, 0) + coalesce(${totals.settled}, 0) + coalesce(${totals.paid}, 0)`;
  const order =
    query.sort === 'earnings'
      ? [desc(earned), desc(referrers.id)]
      : query.sort === 'referrals'
        ? [desc(sql`coalesce(${counts.n}, 0)`), desc(referrers.id)]
        : [desc(referrers.id)];

  const [rows, [total]] = await Promise.all([
    db
      .select({
        r: referrers,
        pending: totals.pending,
        settled: totals.settled,
        paid: totals.paid,
        reversed: totals.reversed,
        referrals: counts.n,
        parentReferrerId: parentBinding.referrerId,
      })
      .from(referrers)
      .leftJoin(totals, eq(totals.referrerId, referrers.id))
      .leftJoin(counts, eq(counts.referrerId, referrers.id))
      .leftJoin(
        parentBinding,
        and(eq(parentBinding.tenantId, referrers.tenantId), eq(parentBinding.customerId, referrers.customerId)),
      )
      .where(and(...where))
      .orderBy(...order)
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(referrers)
      .where(and(...where)),
  ]);
  const [customerNames, staffNames] = await Promise.all([
    getCustomerNames(
      ctx,
      rows.flatMap((x) => (x.r.customerId ? [x.r.customerId] : [])),
    ),
    getStaffNames(
      ctx,
      rows.flatMap((x) => (x.r.staffId ? [x.r.staffId] : [])),
    ),
  ]);
  const items: TReferrer[] = [];
  for (const x of rows) {
    const link = await referrerLink(ctx, x.r.id);
    const name =
      (x.r.customerId ? customerNames.get(x.r.customerId) : x.r.staffId ? staffNames.get(x.r.staffId) : undefined) ?? x.r.name;
    items.push({
      id: x.r.id,
      kind: x.r.kind as TReferrer['kind'],
      customerId: x.r.customerId,
      staffId: x.r.staffId,
      name,
      status: x.r.status as TReferrer['status'],
      slug: link.slug,
      url: link.url,
      parentReferrerId: x.parentReferrerId ?? null,
      wayConfigId: x.r.wayConfigId,
      referrals: Number(x.referrals ?? 0),
      totals: {
        pendingCents: Number(x.pending ?? 0),
        settledCents: Number(x.settled ?? 0),
        paidCents: Number(x.paid ?? 0),
        reversedCents: Number(x.reversed ?? 0),
      },
      createdAt: x.r.createdAt.toISOString(),
    });
  }
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
