import type { App } from '../../http/app-env.ts';

/** HTTP routes of the moments module. */
export function registerMomentRoutes(app: App): void {
  void app;
}
