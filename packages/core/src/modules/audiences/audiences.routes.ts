import type { App } from '../../http/app-env.ts';

/** HTTP routes of the audiences module. */
export function registerAudienceRoutes(app: App): void {
  void app;
}
