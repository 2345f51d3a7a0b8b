import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { getStaffById } from '../org/lookups.ts';
import type { TFissionCampaign } from './fission.schemas.ts';
import { fissionCampaigns, fissionParticipants, fissionTierGrants } from './fission.tables.ts';
import { campaignPhase } from './fission-rules.ts';

export type TCampaignRow = typeof fissionCampaigns.$inferSelect;

/** The campaign row of the actor's tenant; NOT_FOUND otherwise. Pass `forUpdate` inside a transaction to lock it. */
export async function loadCampaign(ctx: Ctx, id: number, options: { forUpdate?: boolean } = {}): Promise<TCampaignRow> {
  const query = dbOf(ctx)
    .select()
    .from(fissionCampaigns)
    .where(and(eq(fissionCampaigns.tenantId, ctx.actor.tenantId), eq(fissionCampaigns.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Fission campaign', id);
  return row;
}

/** The campaign's shared H5 link (`/f/<slug>`, subject 0): made on first use. */
export const campaignLink = (ctx: Ctx, campaignId: number) => ensureShortLink(ctx, { kind: 'fission', refId: campaignId });

/** A participant's personal H5 link (`/f/<slug>`, subject = participant id). */
export const participantLink = (ctx: Ctx, campaignId: number, participantId: number) =>
  ensureShortLink(ctx, { kind: 'fission', refId: campaignId, subjectId: participantId });

/** The URL of a personal poster, from the participant's link slug. */
export const posterUrlOf = (ctx: Ctx, slug: string) => `${ctx.publicUrl}/api/public/fission/${slug}/poster.png`;

/** Campaign rows as the API shows them, with staff names and key numbers. */
export async function toCampaignViews(ctx: Ctx, rows: TCampaignRow[]): Promise<TFissionCampaign[]> {
  if (rows.length === 0) return [];
  const db = dbOf(ctx);
  const t = ctx.actor.tenantId;
  const ids = rows.map((r) => r.id);
  const [participantRows, grantRows] = await Promise.all([
    db
      .select({
        campaignId: fissionParticipants.campaignId,
        n: count(),
        counted: sql<number>`coalesce(sum(${fissionParticipants.invitedCount}), 0)::int`,
      })
      .from(fissionParticipants)
      .where(and(eq(fissionParticipants.tenantId, t), inArray(fissionParticipants.campaignId, ids)))
      .groupBy(fissionParticipants.campaignId),
    db
      .select({ campaignId: fissionTierGrants.campaignId, n: count() })
      .from(fissionTierGrants)
      .where(and(eq(fissionTierGrants.tenantId, t), inArray(fissionTierGrants.campaignId, ids)))
      .groupBy(fissionTierGrants.campaignId),
  ]);
  const participants = new Map(participantRows.map((r) => [r.campaignId, r]));
  const grants = new Map(grantRows.map((r) => [r.campaignId, r.n]));
  const staffIds = [...new Set(rows.flatMap((r) => r.staffIds))];
  const staff = new Map<number, { id: number; name: string; active: boolean }>();
  for (const id of staffIds) {
    const s = await getStaffById(ctx, id);
    staff.set(id, { id, name: s?.name ?? `#${id}`, active: s?.status === 'active' });
  }
  const now = ctx.now();
  const out: TFissionCampaign[] = [];
  for (const r of rows) {
    const link = await campaignLink(ctx, r.id);
    out.push({
      id: r.id,
      name: r.name,
      description: r.description,
      rules: r.rules,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      goal: r.goal,
      tiers: r.tiers,
      staffIds: r.staffIds,
      staff: r.staffIds.map((id) => staff.get(id) ?? { id, name: `#${id}`, active: false }),
      posterTemplateId: r.posterTemplateId,
      keyword: r.keyword,
      deleteWindowHours: r.deleteWindowHours,
      status: r.status as TFissionCampaign['status'],
      phase: campaignPhase(r, now),
      startedAt: r.startedAt?.toISOString() ?? null,
      endedAt: r.endedAt?.toISOString() ?? null,
      url: link.url,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt?.toISOString() ?? null,
      participants: participants.get(r.id)?.n ?? 0,
      counted: Number(participants.get(r.id)?.counted ?? 0),
      rewardsGranted: grants.get(r.id) ?? 0,
    });
  }
  return out;
}
