import type { App } from '../../http/app-env.ts';

export function registerGroupCodeRoutes(_app: App): void {
  // Filled in by the group-codes module.
}
