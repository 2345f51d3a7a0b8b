/** Subscribes the referral module to domain events (and other module hooks), once per process. */
export function subscribeReferralEvents(): void {
  // Filled in by the referral module.
}
