import type { Ctx } from '../../../context.ts';
import { assertRole } from '../../access/assert-role.ts';
import { loadSyncRun, toSyncRun } from './to-sync-run.ts';
import type { TWecomSyncRun } from './wecom-sync.schemas.ts';

/**
 * One WeCom sync run with its phase, progress and counts. HQ admins only.
 * @example
 * const run = await getWecomSyncRun(ctx, 3);
 */
export async function getWecomSyncRun(ctx: Ctx, id: number): Promise<TWecomSyncRun> {
  assertRole(ctx.actor, ['admin'], 'see WeCom sync runs');
  return toSyncRun(await loadSyncRun(ctx, id));
}
