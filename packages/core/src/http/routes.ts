import { registerAccessRoutes } from '../modules/access/access.routes.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerCheckinRoutes } from '../modules/checkins/checkins.routes.ts';
import { registerCustomerRoutes } from '../modules/customers/customers.routes.ts';
import { registerCustomerIoRoutes } from '../modules/customers/customers-io.routes.ts';
import { registerDashboardRoutes } from '../modules/dashboard/dashboard.routes.ts';
import { registerFissionRoutes } from '../modules/fission/fission.routes.ts';
import { registerGroupCodeRoutes } from '../modules/group-codes/group-codes.routes.ts';
import { registerGroupRoutes } from '../modules/groups/groups.routes.ts';
import { registerLiveCodeRoutes } from '../modules/live-codes/live-codes.routes.ts';
import { registerNotificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { registerOrderRoutes } from '../modules/orders/orders.routes.ts';
import { registerOrgRoutes } from '../modules/org/org.routes.ts';
import { registerPosterRoutes } from '../modules/posters/posters.routes.ts';
import { registerReferralRoutes } from '../modules/referral/referral.routes.ts';
import { registerRewardRoutes } from '../modules/rewards/rewards.routes.ts';
import { registerSimulatorRoutes } from '../modules/simulator/simulator.routes.ts';
import { registerStoreCodeRoutes } from '../modules/store-codes/store-codes.routes.ts';
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
  registerRewardRoutes(app);
  registerNotificationRoutes(app);
  registerLiveCodeRoutes(app);
  registerGroupCodeRoutes(app);
  registerStoreCodeRoutes(app);
  registerPosterRoutes(app);
  registerFissionRoutes(app);
  registerReferralRoutes(app);
  registerCheckinRoutes(app);
}
