import type { App } from '../../http/app-env.ts';

/** HTTP routes of the automations module. */
export function registerAutomationRoutes(app: App): void {
  void app;
}
