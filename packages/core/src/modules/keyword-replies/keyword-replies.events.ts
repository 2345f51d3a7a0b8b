let subscribed = false;

/** Subscribes the keyword-replies module to domain events, once per process. */
export function subscribeKeywordReplyEvents(): void {
  if (subscribed) return;
  subscribed = true;
}
