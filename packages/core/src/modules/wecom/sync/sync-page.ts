import type { Ctx } from '../../../context.ts';
import type { TSyncCount, TSyncPhase } from './sync-rules.ts';
import type { TSyncRunRow } from './to-sync-run.ts';
import type { TWecomSyncApi } from './wecom-sync-api.ts';

/** What applying one page added to the run's counts, per kind of thing. */
export type TSyncPageCounts = Record<string, Partial<TSyncCount>>;

/**
 * One page of a phase: what was read from WeCom (already fetched, outside any transaction), how to
 * apply it (inside the page's transaction), and where the run stands once it is committed.
 */
export type TSyncPage = {
  apply: (tctx: Ctx) => Promise<TSyncPageCounts>;
  phase: TSyncPhase;
  cursor: Record<string, unknown>;
};

/** A phase reads its next page from WeCom, from the run's cursor. */
export type TSyncPhaseStep = (ctx: Ctx, api: TWecomSyncApi, run: TSyncRunRow) => Promise<TSyncPage>;

/** The follow_user list, sorted so that indexes into it are stable across resumes. */
export async function followUserIds(api: TWecomSyncApi): Promise<string[]> {
  const res = await api.externalcontact.getFollowUserList();
  return [...new Set(res.follow_user ?? [])].sort();
}
