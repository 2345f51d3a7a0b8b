import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { loadCampaign, toCampaignViews } from './campaign-views.ts';
import type { TFissionCampaign, TListFissionCampaignsQuery } from './fission.schemas.ts';
import { fissionCampaigns } from './fission.tables.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Campaigns of the tenant, newest first, with key numbers. Every role may read (guides send the links). */
export async function listFissionCampaigns(ctx: Ctx, query: TListFissionCampaignsQuery): Promise<TPage<TFissionCampaign>> {
  const where: (SQL | undefined)[] = [
    eq(fissionCampaigns.tenantId, ctx.actor.tenantId),
    query.status ? eq(fissionCampaigns.status, query.status) : undefined,
    query.q ? ilike(fissionCampaigns.name, `%${escapeLike(query.q)}%`) : undefined,
  ];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(fissionCampaigns)
      .where(and(...where))
      .orderBy(desc(fissionCampaigns.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(fissionCampaigns)
      .where(and(...where)),
  ]);
  return { items: await toCampaignViews(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** One campaign with its key numbers; NOT_FOUND in another tenant. */
export async function getFissionCampaign(ctx: Ctx, id: number): Promise<TFissionCampaign> {
  const row = await loadCampaign(ctx, id);
  const [view] = await toCampaignViews(ctx, [row]);
  if (!view) throw new Error('Fission campaign view missing.');
  return view;
}
