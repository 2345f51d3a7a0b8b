import type { App } from '../../http/app-env.ts';

export function registerStoreCodeRoutes(_app: App): void {
  // Filled in by the store-codes module.
}
