import { registerAccessRoutes } from '../modules/access/access.routes.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import type { App } from './app-env.ts';

/** Every module's routes. A module adds one line here. */
export function registerAllRoutes(app: App): void {
  registerAccessRoutes(app);
  registerAuditRoutes(app);
}
