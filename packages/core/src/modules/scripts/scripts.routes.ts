import type { App } from '../../http/app-env.ts';

/** HTTP routes of the scripts module. */
export function registerScriptRoutes(app: App): void {
  void app;
}
