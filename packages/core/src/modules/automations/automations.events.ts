let subscribed = false;

/** Subscribes the automations module to domain events, once per process. */
export function subscribeAutomationEvents(): void {
  if (subscribed) return;
  subscribed = true;
}
