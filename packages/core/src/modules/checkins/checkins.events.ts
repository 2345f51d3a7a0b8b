/** Subscribes the checkins module to domain events (and other module hooks), once per process. */
export function subscribeCheckinEvents(): void {
  // Filled in by the checkins module.
}
