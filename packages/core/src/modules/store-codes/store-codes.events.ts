/** Subscribes the store-codes module to domain events (and other module hooks), once per process. */
export function subscribeStoreCodeEvents(): void {
  // Filled in by the store-codes module.
}
