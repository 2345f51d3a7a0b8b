/** Subscribes the posters module to domain events (and other module hooks), once per process. */
export function subscribePosterEvents(): void {
  // Filled in by the posters module.
}
