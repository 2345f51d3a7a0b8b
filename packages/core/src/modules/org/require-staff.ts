import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getStaffByWecomUserId, type TStaffRef } from './lookups.ts';

/**
 * The staff member with this WeCom userid, or a NOT_FOUND error that names what to do. Inbound
 * events use it: an event for a staff member Pond does not know fails at once (retrying would not
 * help until someone adds them).
 */
export async function requireStaffByWecomUserId(ctx: Ctx, wecomUserId: string): Promise<TStaffRef> {
  const member = await getStaffByWecomUserId(ctx, wecomUserId);
  if (!member) {
    throw new AppError(
      'NOT_FOUND',
      `No staff member has the WeCom userid "${wecomUserId}". Add them under Organisation → Staff, then replay the event.`,
      { wecomUserId },
    );
  }
  return member;
}
