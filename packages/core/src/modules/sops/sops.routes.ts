import type { App } from '../../http/app-env.ts';

/** HTTP routes of the sops module. */
export function registerSopRoutes(app: App): void {
  void app;
}
