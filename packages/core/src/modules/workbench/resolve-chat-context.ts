import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getCustomerRefByExternalId } from '../customers/customer-refs.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { workbenchActor } from './workbench-actor.ts';

/**
 * The customer of the chat the sidebar is open in: WeCom's `getCurExternalContact` gives the
 * external_userid, this finds the guide's customer with it. A chat with someone who is not (or no
 * longer) the guide's customer answers 404.
 */
export async function resolveChatContext(ctx: Ctx, externalUserId: string, staffId?: number) {
  const who = await workbenchActor(ctx, staffId);
  const ref = await getCustomerRefByExternalId(who.ctx, externalUserId);
  const notYours = () =>
    new AppError(
      'NOT_FOUND',
      'This chat is not with one of your customers (or they were removed). Pick a customer from the list.',
    );
  if (!ref || ref.deleted) throw notYours();
  try {
    await assertCustomerVisible(who.ctx, ref.id);
  } catch {
    throw notYours();
  }
  return { customerId: ref.id, name: ref.name };
}
