import type { Ctx } from '../../context.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { assertCustomerVisible } from '../customers/customer-scope.ts';
import { workbenchActor } from './workbench-actor.ts';

/**
 * A guide's note about one of their customers (a call, a visit, a preference): a `note` event on
 * the customer's timeline, signed by the staff member, so the console and the next guide see it.
 */
export async function addCustomerNote(ctx: Ctx, customerId: number, text: string): Promise<{ at: string }> {
  const who = await workbenchActor(ctx, undefined, { write: true });
  await assertCustomerVisible(who.ctx, customerId);
  const at = ctx.now();
  await appendCustomerEvents(who.ctx, [
    {
      customerId,
      type: 'note',
      occurredAt: at,
      actorType: 'staff',
      actorId: who.staff.id,
      data: { text, staffId: who.staff.id, staffName: who.staff.name },
    },
  ]);
  return { at: at.toISOString() };
}
