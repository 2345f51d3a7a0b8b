import { onDomainEvent } from '../../events/domain-events.ts';
import { AppError } from '../../lib/errors.ts';
import { registerWelcomeResolver } from '../customers/welcome-message.ts';
import { applyFissionAdd } from './apply-fission-add.ts';
import { applyFissionDelete } from './apply-fission-delete.ts';
import { applyFissionKeyword } from './fission-keyword.ts';
import { fissionWelcome } from './fission-welcome.ts';

let subscribed = false;

/**
 * Subscribes the fission module, once per process: adds through participants' codes count
 * (`customer.added` with a `fi…` state), deletions inside the window subtract, a campaign's
 * keyword in a private chat joins, and friends added through a code get the campaign's welcome.
 */
export function subscribeFissionEvents(): void {
  if (subscribed) return;
  subscribed = true;
  registerWelcomeResolver(fissionWelcome);
  onDomainEvent('customer.added', async (ctx, e) => {
    if (!e.state?.startsWith('fi')) return;
    await applyFissionAdd(ctx, e);
  });
  onDomainEvent('customer.deleted_staff', async (ctx, e) => {
    await applyFissionDelete(ctx, { customerId: e.customerId, staffId: e.staffId, at: e.at, by: 'customer' });
  });
  onDomainEvent('staff.deleted_customer', async (ctx, e) => {
    await applyFissionDelete(ctx, { customerId: e.customerId, staffId: e.staffId, at: e.at, by: 'staff' });
  });
  onDomainEvent('private.message', async (ctx, e) => {
    try {
      await applyFissionKeyword(ctx, e);
    } catch (error) {
      // A keyword that cannot join (customer gone, campaign closing) must not fail the message itself.
      if (!(error instanceof AppError)) throw error;
      ctx.log.info({ customerId: e.customerId, code: error.code }, 'fission keyword not applied');
    }
  });
}
