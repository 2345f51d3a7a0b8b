import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { performSimAction } from '../simulator/perform-sim-action.ts';
import type { TSimActionResult } from '../simulator/simulator.schemas.ts';
import { groupCodeState } from './group-code-rules.ts';
import { routeVisitor, type TRoutedVisit } from './route-group-code.ts';

/**
 * A virtual customer joins through a group code, as a real one does after the landing: routed to a
 * group with a seat held for them, then into that group — either straight into it (`join_group`
 * with the code's state, what the benchmark and the tests do) or by scanning the join way the
 * landing showed (`scan_join_way`: the simulator puts them into the first group of the way's list
 * with room, which is the routed group since it heads that way). Simulator tenants only.
 * @example
 * const { visit } = await joinThroughGroupCode(ctx, { codeId: 3, customerId: 42 });
 */
export async function joinThroughGroupCode(
  ctx: Ctx,
  input: { codeId: number; customerId: number; via?: 'join_group' | 'scan_join_way' },
): Promise<{ visit: TRoutedVisit; result: TSimActionResult }> {
  const visit = await routeVisitor(ctx, { codeId: input.codeId, customerId: input.customerId });
  if ((input.via ?? 'join_group') === 'scan_join_way') {
    if (!visit.seat.configId) {
      throw new AppError('CONFLICT', 'The group’s QR code is still being prepared. Try again in a moment.');
    }
    const result = await performSimAction(ctx, {
      type: 'scan_join_way',
      configId: visit.seat.configId,
      customerId: input.customerId,
    });
    return { visit, result };
  }
  const result = await performSimAction(ctx, {
    type: 'join_group',
    groupId: visit.seat.groupId,
    customerId: input.customerId,
    joinScene: 3,
    state: groupCodeState(input.codeId),
  });
  return { visit, result };
}
