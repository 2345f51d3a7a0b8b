import { subscribeAutomationEvents } from './modules/automations/automations.events.ts';
import { subscribeCheckinEvents } from './modules/checkins/checkins.events.ts';
import { subscribeFissionEvents } from './modules/fission/fission.events.ts';
import { subscribeGroupCodeEvents } from './modules/group-codes/group-codes.events.ts';
import { subscribeKeywordReplyEvents } from './modules/keyword-replies/keyword-replies.events.ts';
import { subscribeLiveCodeEvents } from './modules/live-codes/live-codes.events.ts';
import { subscribePosterEvents } from './modules/posters/posters.events.ts';
import { subscribeReferralEvents } from './modules/referral/referral.events.ts';
import { subscribeSopEvents } from './modules/sops/sops.events.ts';
import { subscribeStoreCodeEvents } from './modules/store-codes/store-codes.events.ts';

/**
 * Subscribes every module to the domain events it reacts to (process-wide, idempotent). Called by
 * `createDeps`, so the server, the worker and every test see the same reactions.
 */
export function registerAllSubscribers(): void {
  subscribeLiveCodeEvents();
  subscribeGroupCodeEvents();
  subscribeStoreCodeEvents();
  subscribePosterEvents();
  subscribeFissionEvents();
  subscribeReferralEvents();
  subscribeCheckinEvents();
  subscribeKeywordReplyEvents();
  subscribeAutomationEvents();
  subscribeSopEvents();
}
