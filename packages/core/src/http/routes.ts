import { registerAccessRoutes } from '../modules/access/access.routes.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerCustomerRoutes } from '../modules/customers/customers.routes.ts';
import { registerCustomerIoRoutes } from '../modules/customers/customers-io.routes.ts';
import { registerDashboardRoutes } from '../modules/dashboard/dashboard.routes.ts';
import { registerGroupRoutes } from '../modules/groups/groups.routes.ts';
import { registerOrderRoutes } from '../modules/orders/orders.routes.ts';
import { registerOrgRoutes } from '../modules/org/org.routes.ts';
import { registerSimulatorRoutes } from '../modules/simulator/simulator.routes.ts';
import { registerTagRoutes } from '../modules/tags/tags.routes.ts';
import type { App } from './app-env.ts';

/** Every module's routes. A module adds one line here. */
export function registerAllRoutes(app: App): void {
  registerAccessRoutes(app);
  registerAuditRoutes(app);
  registerOrgRoutes(app);
  registerCustomerIoRoutes(app);
  registerCustomerRoutes(app);
  registerTagRoutes(app);
  registerGroupRoutes(app);
  registerOrderRoutes(app);
  registerDashboardRoutes(app);
  registerSimulatorRoutes(app);
}
