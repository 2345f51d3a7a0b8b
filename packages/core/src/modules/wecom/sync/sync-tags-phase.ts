import { upsertCorpTags } from '../../tags/upsert-corp-tags.ts';
import type { TSyncPhaseStep } from './sync-page.ts';
import { tally } from './sync-rules.ts';

/**
 * Phase `tags`: the whole corp tag library in one call (get_corp_tag_list,
 * https://developer.work.weixin.qq.com/document/path/92117), matched by WeCom id; tags and groups
 * gone from WeCom are deleted as the tags module deletes them (audited).
 * @example
 * const page = await syncTagsPhase(ctx, api, run);
 */
export const syncTagsPhase: TSyncPhaseStep = async (_ctx, api) => {
  const res = await api.externalcontact.getCorpTagList({});
  const groups = (res.tag_group ?? [])
    .filter((g) => !g.deleted)
    .map((g) => ({
      externalId: g.group_id,
      name: g.group_name,
      tags: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ externalId: t.id, name: t.name })),
    }));
  return {
    apply: async (tctx) => {
      const r = await upsertCorpTags(tctx, groups);
      return { tagGroups: tally(r.groups, r.removedGroups), tags: tally(r.tags, r.removedTags) };
    },
    phase: 'customers',
    cursor: {},
  };
};
