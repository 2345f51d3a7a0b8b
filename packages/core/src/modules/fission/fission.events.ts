/** Subscribes the fission module to domain events (and other module hooks), once per process. */
export function subscribeFissionEvents(): void {
  // Filled in by the fission module.
}
