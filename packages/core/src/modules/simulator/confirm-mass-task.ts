import { ChannelError, type TMassTaskStatus } from '@pond/channels';
import { channelErrorToAppError, simulatorOf } from '../../channels.ts';
import type { Ctx } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';

/**
 * A staff member confirms a mass task in their (virtual) WeCom app: the simulator delivers it to
 * each target still a friend and under the monthly cap. HQ roles may confirm for anyone, a store
 * manager for their store's staff, a guide their own tasks. Confirming twice changes nothing.
 */
export async function confirmSimMassTask(ctx: Ctx, msgId: string): Promise<TMassTaskStatus> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager', 'guide'], 'confirm mass tasks');
  const sim = simulatorOf(ctx);
  const task = await sim.getMassTask({ tenantId: ctx.actor.tenantId, msgId });
  if (!task) throw notFound('Mass task', msgId);
  const { actor } = ctx;
  if (actor.role === 'guide' || actor.role === 'store_manager') {
    const member = await getStaffByWecomUserId(ctx, task.staffUserId);
    const ok = !!member && (actor.role === 'guide' ? member.id === actor.staffId : member.storeId === actor.storeId);
    if (!ok) throw notFound('Mass task', msgId);
  }
  try {
    return await sim.confirmMassTask({ tenantId: ctx.actor.tenantId, msgId });
  } catch (error) {
    if (error instanceof ChannelError) throw channelErrorToAppError(error);
    throw error;
  }
}
