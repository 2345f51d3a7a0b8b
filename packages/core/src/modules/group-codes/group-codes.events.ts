/** Subscribes the group-codes module to domain events (and other module hooks), once per process. */
export function subscribeGroupCodeEvents(): void {
  // Filled in by the group-codes module.
}
