import type { App } from '../../http/app-env.ts';

/** HTTP routes of the workbench module. */
export function registerWorkbenchRoutes(app: App): void {
  void app;
}
