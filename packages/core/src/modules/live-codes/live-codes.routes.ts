import type { App } from '../../http/app-env.ts';

export function registerLiveCodeRoutes(_app: App): void {
  // Filled in by the live-codes module.
}
