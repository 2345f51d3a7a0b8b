import { and, eq, notInArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { checkCampaignConfig } from './campaign-config.ts';
import { campaignGroupIds, requireCampaign, toCampaign } from './campaign-queries.ts';
import type { TCheckinCampaign, TCheckinCampaignConfig, TUpdateCheckinCampaign } from './checkins.schemas.ts';
import { ZUpdateCheckinCampaign } from './checkins.schemas.ts';
import { checkinCampaignGroups, checkinCampaigns } from './checkins.tables.ts';

// Once a campaign has started, these would rewrite history (days already counted, rewards already
// granted by milestone index), so they are fixed; everything else may still change.
const FIXED_ONCE_STARTED = ['days', 'startDate', 'missedDayRule', 'milestones'] as const;
// An ended campaign keeps its settings; only how it is named and described may change.
const EDITABLE_WHEN_ENDED = new Set(['name', 'description']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Changes a campaign's settings (operators). Started campaigns keep their days, rule and milestones. */
export async function updateCheckinCampaign(ctx: Ctx, id: number, raw: TUpdateCheckinCampaign): Promise<TCheckinCampaign> {
  assertRole(ctx.actor, TENANT_WIDE, 'edit check-in campaigns');
  const input = ZUpdateCheckinCampaign.parse(raw);
  requireChanges(input);
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const row = await requireCampaign(tctx, id, { forUpdate: true });
    const current: TCheckinCampaignConfig = {
      name: row.name,
      description: row.description,
      days: row.days,
      startDate: row.startDate,
      groupIds: await campaignGroupIds(tctx, id),
      openToAll: row.openToAll,
      keywords: row.keywords,
      keywordMatch: row.keywordMatch as TCheckinCampaignConfig['keywordMatch'],
      missedDayRule: row.missedDayRule as TCheckinCampaignConfig['missedDayRule'],
      milestones: row.milestones,
      reminderEnabled: row.reminderEnabled,
      reminderTime: row.reminderTime,
      reminderText: row.reminderText,
      remindInGroups: row.remindInGroups,
      remindPrivately: row.remindPrivately,
      replyInGroup: row.replyInGroup,
      replyText: row.replyText,
      posterTemplateId: row.posterTemplateId,
    };
    const changed = (Object.keys(input) as (keyof TUpdateCheckinCampaign)[]).filter(
      (k) => input[k] !== undefined && !same(input[k], current[k]),
    );
    if (row.status === 'ended') {
      const blocked = changed.filter((k) => !EDITABLE_WHEN_ENDED.has(k));
      if (blocked.length) {
        throw new AppError(
          'CONFLICT',
          `${blocked.join(', ')}: the campaign has ended; only its name and description can change.`,
        );
      }
    } else if (row.status === 'active') {
      const blocked = changed.filter((k) => (FIXED_ONCE_STARTED as readonly string[]).includes(k));
      if (blocked.length) {
        throw new AppError(
          'CONFLICT',
          `${blocked.join(', ')}: fixed once the campaign has started. End it and create a new campaign to change them.`,
        );
      }
    }
    const merged = Object.fromEntries(
      Object.entries({ ...current, ...input }).map(([k, v]) => [
        k,
        v === undefined ? current[k as keyof TCheckinCampaignConfig] : v,
      ]),
    ) as TCheckinCampaignConfig;
    const config = await checkCampaignConfig(tctx, merged);
    const { groupIds, ...fields } = config;
    await db
      .update(checkinCampaigns)
      .set({ ...fields, updatedAt: tctx.now() })
      .where(and(eq(checkinCampaigns.tenantId, tctx.actor.tenantId), eq(checkinCampaigns.id, id)));
    const groupScope = and(eq(checkinCampaignGroups.tenantId, tctx.actor.tenantId), eq(checkinCampaignGroups.campaignId, id));
    await db
      .delete(checkinCampaignGroups)
      .where(groupIds.length ? and(groupScope, notInArray(checkinCampaignGroups.groupId, groupIds)) : groupScope);
    if (groupIds.length) {
      await db
        .insert(checkinCampaignGroups)
        .values(groupIds.map((groupId) => ({ tenantId: tctx.actor.tenantId, campaignId: id, groupId })))
        .onConflictDoNothing();
    }
  });
  return toCampaign(ctx, await requireCampaign(ctx, id));
}
