let subscribed = false;

/** Subscribes the sops module to domain events, once per process. */
export function subscribeSopEvents(): void {
  if (subscribed) return;
  subscribed = true;
}
