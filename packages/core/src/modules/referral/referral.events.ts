import { onDomainEvent } from '../../events/domain-events.ts';
import { registerWelcomeResolver, renderTemplate, type WelcomeResolver } from '../customers/welcome-message.ts';
import { applyReferralOrderPaid } from './apply-order-paid.ts';
import { applyReferralOrderRefunded } from './apply-order-refunded.ts';
import { bindReferral } from './bind-referral.ts';
import { loadProgramme } from './referral-programme.ts';
import { getReferrerRow, referrerIdOfState } from './referrers.ts';

/** The programme's welcome text for adds through a referrer's way (`rf…` states); undefined otherwise. */
export const referralWelcome: WelcomeResolver = async (ctx, input) => {
  const referrerId = referrerIdOfState(input.state);
  if (referrerId === null) return undefined;
  const programme = await loadProgramme(ctx);
  if (!programme.welcomeText) return undefined;
  const referrer = await getReferrerRow(ctx, referrerId);
  return {
    text: renderTemplate(programme.welcomeText, {
      customer_name: input.customerName,
      staff_name: input.staffName,
      referrer_name: referrer?.name ?? '',
    }),
    attachments: [],
  };
};

let subscribed = false;

/** Subscribes the referral module to domain events (and other module hooks), once per process. */
export function subscribeReferralEvents(): void {
  if (subscribed) return;
  subscribed = true;
  registerWelcomeResolver(referralWelcome);
  // A new customer who added through a referrer's way is bound to them; existing customers are not re-bound.
  onDomainEvent('customer.added', async (ctx, e) => {
    const referrerId = referrerIdOfState(e.state);
    if (referrerId === null || !e.newCustomer) return;
    // A refusal (programme off, referrer disabled, …) leaves the customer unbound; nothing to retry.
    await bindReferral(ctx, { customerId: e.customerId, referrerId, source: 'contact_way', at: e.at });
  });
  onDomainEvent('order.paid', async (ctx, e) => {
    await applyReferralOrderPaid(ctx, { orderId: e.orderId, customerId: e.customerId, amountCents: e.amountCents, at: e.at });
  });
  onDomainEvent('order.refunded', async (ctx, e) => {
    await applyReferralOrderRefunded(ctx, { orderId: e.orderId, amountCents: e.amountCents, at: e.at });
  });
}
