import { and, eq, lt } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, inTransaction, systemActor, withActor } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadCampaign, toCampaignViews } from './campaign-views.ts';
import type { TFissionCampaign } from './fission.schemas.ts';
import { fissionCampaigns, fissionParticipants } from './fission.tables.ts';
import { campaignProblems } from './fission-rules.ts';
import { requirePoolStaff } from './staff-pool.ts';

/**
 * Starts a draft: its settings are checked again (the staff may have resigned meanwhile) and it
 * must not already be over. Participants can join from then on; friends count inside the window.
 */
export async function startFissionCampaign(ctx: Ctx, id: number): Promise<TFissionCampaign> {
  assertRole(ctx.actor, ['admin', 'operator'], 'start fission campaigns');
  return inTransaction(ctx, async (tctx) => {
    const c = await loadCampaign(tctx, id, { forUpdate: true });
    if (c.status !== 'draft')
      throw new AppError('CONFLICT', `This campaign is already ${c.status}; only a draft can be started.`);
    const problem = campaignProblems(c)[0];
    if (problem) throw new AppError('VALIDATION', `${problem.path}: ${problem.message}`);
    if (c.endsAt <= tctx.now()) {
      throw new AppError('VALIDATION', 'endsAt: the campaign window is already over. Pick a later end, then start it.');
    }
    await requirePoolStaff(tctx, c.staffIds);
    const [row] = await dbOf(tctx)
      .update(fissionCampaigns)
      .set({ status: 'active', startedAt: tctx.now(), updatedAt: tctx.now() })
      .where(
        and(
          eq(fissionCampaigns.tenantId, tctx.actor.tenantId),
          eq(fissionCampaigns.id, id),
          eq(fissionCampaigns.status, 'draft'),
        ),
      )
      .returning();
    if (!row) throw new AppError('CONFLICT', 'The campaign changed meanwhile; refresh and try again.');
    await recordAudit(tctx, { action: 'fission.start', targetType: 'fission_campaign', targetId: id, details: { name: c.name } });
    const [view] = await toCampaignViews(tctx, [row]);
    if (!view) throw new Error('Fission campaign view missing.');
    return view;
  });
}

/** Ends an active campaign now: no more joins, and friends added from now on no longer count. */
export async function endFissionCampaign(ctx: Ctx, id: number): Promise<TFissionCampaign> {
  assertRole(ctx.actor, ['admin', 'operator'], 'end fission campaigns');
  return inTransaction(ctx, async (tctx) => {
    const c = await loadCampaign(tctx, id, { forUpdate: true });
    if (c.status !== 'active')
      throw new AppError('CONFLICT', `This campaign is ${c.status}; only an active campaign can be ended.`);
    const [row] = await dbOf(tctx)
      .update(fissionCampaigns)
      .set({ status: 'ended', endedAt: tctx.now(), updatedAt: tctx.now() })
      .where(
        and(
          eq(fissionCampaigns.tenantId, tctx.actor.tenantId),
          eq(fissionCampaigns.id, id),
          eq(fissionCampaigns.status, 'active'),
        ),
      )
      .returning();
    if (!row) throw new AppError('CONFLICT', 'The campaign changed meanwhile; refresh and try again.');
    await recordAudit(tctx, { action: 'fission.end', targetType: 'fission_campaign', targetId: id, details: { name: c.name } });
    const [view] = await toCampaignViews(tctx, [row]);
    if (!view) throw new Error('Fission campaign view missing.');
    return view;
  });
}

/** Deletes a draft that nobody has joined. Started campaigns keep their history: end them instead. */
export async function deleteFissionCampaign(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, ['admin', 'operator'], 'delete fission campaigns');
  await inTransaction(ctx, async (tctx) => {
    const c = await loadCampaign(tctx, id, { forUpdate: true });
    if (c.status !== 'draft') {
      throw new AppError(
        'CONFLICT',
        'Only a draft can be deleted; a started campaign keeps its participants and rewards. End it instead.',
      );
    }
    const db = dbOf(tctx);
    const [anyone] = await db
      .select({ id: fissionParticipants.id })
      .from(fissionParticipants)
      .where(and(eq(fissionParticipants.tenantId, tctx.actor.tenantId), eq(fissionParticipants.campaignId, id)))
      .limit(1);
    if (anyone) throw new AppError('CONFLICT', 'This campaign has participants; end it instead of deleting it.');
    await db.delete(fissionCampaigns).where(and(eq(fissionCampaigns.tenantId, tctx.actor.tenantId), eq(fissionCampaigns.id, id)));
    await recordAudit(tctx, {
      action: 'fission.delete',
      targetType: 'fission_campaign',
      targetId: id,
      details: { name: c.name },
    });
  });
}

/**
 * The sweep: active campaigns whose window has passed become `ended` (across tenants). Friends
 * added after the end never counted anyway; this closes joins and shows the right status.
 */
export async function endExpiredCampaigns(deps: Deps): Promise<number> {
  const now = deps.now();
  const rows = await deps.db
    .update(fissionCampaigns)
    .set({ status: 'ended', endedAt: fissionCampaigns.endsAt, updatedAt: now })
    .where(and(eq(fissionCampaigns.status, 'active'), lt(fissionCampaigns.endsAt, now)))
    .returning({ tenantId: fissionCampaigns.tenantId, id: fissionCampaigns.id });
  for (const r of rows) {
    deps.log.info({ tenantId: r.tenantId, campaignId: r.id }, 'fission campaign ended by its window');
    await recordAudit(withActor(deps, systemActor(r.tenantId)), {
      action: 'fission.end',
      targetType: 'fission_campaign',
      targetId: r.id,
      details: { by: 'window' },
    });
  }
  return rows.length;
}
