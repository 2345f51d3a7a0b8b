/**
 * Subscribes the store-codes module to domain events, once per process. It has none: a store code
 * hands customers to a live code, group code or staff card, and the adds and joins that follow are
 * attributed by those modules (their `state` prefixes), not by the store code.
 */
export function subscribeStoreCodeEvents(): void {}
