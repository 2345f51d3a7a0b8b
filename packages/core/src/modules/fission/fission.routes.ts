import type { App } from '../../http/app-env.ts';

export function registerFissionRoutes(_app: App): void {
  // Filled in by the fission module.
}
