import type { App } from '../../http/app-env.ts';

export function registerCheckinRoutes(_app: App): void {
  // Filled in by the checkins module.
}
