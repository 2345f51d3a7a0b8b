/** Subscribes the live-codes module to domain events (and other module hooks), once per process. */
export function subscribeLiveCodeEvents(): void {
  // Filled in by the live-codes module.
}
