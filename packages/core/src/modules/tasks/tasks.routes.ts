import type { App } from '../../http/app-env.ts';

/** HTTP routes of the tasks module. */
export function registerGuideTaskRoutes(app: App): void {
  void app;
}
