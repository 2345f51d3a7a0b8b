import type { Deps } from '@pond/core';
import { seedDemoEngagementContent } from '@pond/core/modules/scripts/seed-demo-content';
import { seedDemoSops } from '@pond/core/modules/sops/seed-demo-sops';
import { seedDemoTasks } from '@pond/core/modules/tasks/seed-demo-tasks';

export type TDemoEngagementResult = Record<string, number>;

/**
 * The demo brand's engagement set-up, made through the modules' own functions: materials and the
 * script library, a group SOP calendar and a new-customer journey, and today's tasks for the guides.
 * Needs the channels registered and the queue started (runs after `seedDemoAcquisition`).
 */
export async function seedDemoEngagement(deps: Deps, tenantId: number): Promise<TDemoEngagementResult> {
  const content = await seedDemoEngagementContent(deps, tenantId);
  const sops = await seedDemoSops(deps, tenantId);
  const tasks = await seedDemoTasks(deps, tenantId);
  return { ...content, ...sops, ...tasks };
}
