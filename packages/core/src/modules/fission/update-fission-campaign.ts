import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadCampaign, toCampaignViews } from './campaign-views.ts';
import type { TFissionCampaign, TUpdateFissionCampaignRequest } from './fission.schemas.ts';
import { fissionCampaigns } from './fission.tables.ts';
import { FISSION_SYNC_WAYS_JOB } from './fission-job-names.ts';
import { campaignProblems } from './fission-rules.ts';
import { requirePoolStaff, requirePosterTemplate } from './staff-pool.ts';

// Once a campaign has started these stay as they were, so every participant plays by one set of rules.
const FIXED_AFTER_START = ['startsAt', 'goal', 'tiers', 'deleteWindowHours'] as const;
// An ended campaign keeps its numbers; only its texts and poster can still be edited.
const EDITABLE_AFTER_END = new Set(['name', 'description', 'rules', 'posterTemplateId']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Edits a campaign. A draft can change anything; a started one keeps its start, goal, tiers and
 * delete window (CONFLICT otherwise); an ended one only its texts and poster. A new staff pool is
 * pushed to every participant's code by a job. Operators and admins.
 */
export async function updateFissionCampaign(
  ctx: Ctx,
  id: number,
  input: TUpdateFissionCampaignRequest,
): Promise<TFissionCampaign> {
  assertRole(ctx.actor, ['admin', 'operator'], 'edit fission campaigns');
  requireChanges(input);
  if (input.staffIds) await requirePoolStaff(ctx, input.staffIds);
  await requirePosterTemplate(ctx, input.posterTemplateId);
  return inTransaction(ctx, async (tctx) => {
    const current = await loadCampaign(tctx, id, { forUpdate: true });
    const currentValues: Record<string, unknown> = {
      ...current,
      startsAt: current.startsAt.toISOString(),
      endsAt: current.endsAt.toISOString(),
    };
    const changed = Object.entries(input).filter(([k, v]) => {
      if (v === undefined) return false;
      if (k === 'startsAt' || k === 'endsAt')
        return new Date(v as string).getTime() !== new Date(currentValues[k] as string).getTime();
      return !same(v, currentValues[k]);
    });
    const changedKeys = changed.map(([k]) => k);
    if (current.status !== 'draft') {
      const fixed = FIXED_AFTER_START.filter((k) => changedKeys.includes(k));
      if (fixed.length) {
        throw new AppError(
          'CONFLICT',
          `${fixed.join(', ')}: fixed once the campaign has started, so every participant plays by the same rules. Create a new campaign to change them.`,
        );
      }
    }
    if (current.status === 'ended') {
      const locked = changedKeys.filter((k) => !EDITABLE_AFTER_END.has(k));
      if (locked.length) {
        throw new AppError(
          'CONFLICT',
          `${locked.join(', ')}: this campaign has ended; only its name, texts and poster can change.`,
        );
      }
    }
    const next = {
      startsAt: input.startsAt ? new Date(input.startsAt) : current.startsAt,
      endsAt: input.endsAt ? new Date(input.endsAt) : current.endsAt,
      goal: input.goal ?? current.goal,
      tiers: input.tiers ?? current.tiers,
      staffIds: input.staffIds ?? current.staffIds,
    };
    const problem = campaignProblems(next)[0];
    if (problem) throw new AppError('VALIDATION', `${problem.path}: ${problem.message}`);
    const db = dbOf(tctx);
    const [row] = await db
      .update(fissionCampaigns)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.rules !== undefined ? { rules: input.rules } : {}),
        ...(input.posterTemplateId !== undefined ? { posterTemplateId: input.posterTemplateId } : {}),
        ...(input.keyword !== undefined ? { keyword: input.keyword } : {}),
        ...(input.deleteWindowHours !== undefined ? { deleteWindowHours: input.deleteWindowHours } : {}),
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        goal: next.goal,
        tiers: next.tiers,
        staffIds: next.staffIds,
        updatedAt: tctx.now(),
      })
      .where(and(eq(fissionCampaigns.tenantId, tctx.actor.tenantId), eq(fissionCampaigns.id, id)))
      .returning();
    if (!row) throw new Error(`Fission campaign ${id} vanished during the update.`);
    if (changedKeys.includes('staffIds') && current.status === 'active') {
      await tctx.queue.send(FISSION_SYNC_WAYS_JOB, { tenantId: tctx.actor.tenantId, campaignId: id }, { tx: db });
    }
    if (changedKeys.length) {
      await recordAudit(tctx, {
        action: 'fission.update',
        targetType: 'fission_campaign',
        targetId: id,
        details: { changed: changedKeys },
      });
    }
    const [view] = await toCampaignViews(tctx, [row]);
    if (!view) throw new Error('Fission campaign view missing.');
    return view;
  });
}
