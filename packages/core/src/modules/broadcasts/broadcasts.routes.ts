import type { App } from '../../http/app-env.ts';

/** HTTP routes of the broadcasts module. */
export function registerBroadcastRoutes(app: App): void {
  void app;
}
