import type { App } from '../../http/app-env.ts';

export function registerReferralRoutes(_app: App): void {
  // Filled in by the referral module.
}
