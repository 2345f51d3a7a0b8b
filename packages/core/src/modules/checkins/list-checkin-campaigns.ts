import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { toCampaigns } from './campaign-queries.ts';
import type { TCheckinCampaign, TListCheckinCampaignsQuery } from './checkins.schemas.ts';
import { checkinCampaigns } from './checkins.tables.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Campaigns of the tenant, newest first; counts are of the participants in the caller's scope. */
export async function listCheckinCampaigns(ctx: Ctx, query: TListCheckinCampaignsQuery): Promise<TPage<TCheckinCampaign>> {
  const where: (SQL | undefined)[] = [
    eq(checkinCampaigns.tenantId, ctx.actor.tenantId),
    query.status ? eq(checkinCampaigns.status, query.status) : undefined,
    query.q ? ilike(checkinCampaigns.name, likePattern(query.q)) : undefined,
  ];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(checkinCampaigns)
      .where(and(...where))
      .orderBy(desc(checkinCampaigns.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(checkinCampaigns)
      .where(and(...where)),
  ]);
  return { items: await toCampaigns(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
