import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { getPosterTemplate } from '../posters/manage-poster-templates.ts';
import { normalizeKeyword } from './checkin-rules.ts';
import type { TCheckinCampaignConfig } from './checkins.schemas.ts';

/**
 * Checks a whole campaign configuration (after a create's defaults or an update's merge) and
 * returns it tidied: groups and keywords without repeats. Errors say which field and what to do.
 */
export async function checkCampaignConfig(ctx: Ctx, config: TCheckinCampaignConfig): Promise<TCheckinCampaignConfig> {
  const invalid = (message: string) => new AppError('VALIDATION', message);
  const groupIds = [...new Set(config.groupIds)];
  for (const id of groupIds) {
    const group = await getGroupRef(ctx, id);
    if (!group) throw invalid(`groupIds: group ${id} does not exist. Pick the campaign's groups from the list.`);
  }
  if (!config.openToAll && groupIds.length === 0) {
    throw invalid('groupIds: choose at least one group, or open the campaign to every customer with the link.');
  }
  const seen = new Set<string>();
  const keywords = config.keywords.filter((k) => {
    const key = normalizeKeyword(k);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const milestoneKeys = new Set<string>();
  config.milestones.forEach((m, i) => {
    if (m.days > config.days) {
      throw invalid(
        `milestones.${i}.days: ${m.days} is beyond the campaign's ${config.days} days. Lower it or lengthen the campaign.`,
      );
    }
    const key = `${m.kind}:${m.days}`;
    if (milestoneKeys.has(key)) throw invalid(`milestones.${i}: the same milestone (${m.kind} ${m.days} days) appears twice.`);
    milestoneKeys.add(key);
  });
  if (config.reminderEnabled) {
    if (!config.remindInGroups && !config.remindPrivately) {
      throw invalid('remindInGroups: a reminder goes to the groups, privately, or both. Choose at least one.');
    }
    if (config.remindInGroups && !config.remindPrivately && groupIds.length === 0) {
      throw invalid('remindInGroups: the campaign has no groups to remind. Add groups or remind privately.');
    }
    if (!config.reminderText) throw invalid('reminderText: write the reminder, or turn reminders off.');
  }
  if (config.posterTemplateId !== null) {
    try {
      await getPosterTemplate(ctx, config.posterTemplateId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw invalid(
          `posterTemplateId: poster template ${config.posterTemplateId} does not exist. Pick one from the list, or none.`,
        );
      }
      throw error;
    }
  }
  if (config.replyInGroup && !config.replyText) throw invalid('replyText: write the reply, or turn group replies off.');
  return { ...config, groupIds, keywords };
}
