import type { App } from '../../http/app-env.ts';

export function registerPosterRoutes(_app: App): void {
  // Filled in by the posters module.
}
