import type { App } from '../../http/app-env.ts';

/** HTTP routes of the materials module. */
export function registerMaterialRoutes(app: App): void {
  void app;
}
