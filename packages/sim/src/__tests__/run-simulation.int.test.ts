import { createDeps, registerAllJobs, registerChannels } from '@pond/core';
import { createTestDatabase } from '@pond/core/testing/test-database';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulationStep } from '../run-simulation.ts';
import { seedDemo } from '../seed-demo.ts';

const NOW = new Date('2025-06-01T00:00:00+08:00');
let cleanup: () => Promise<void>;
let deps: ReturnType<typeof createDeps>;
let tenantId: number;

const count = async (query: ReturnType<typeof sql>) => {
  const r = (await deps.db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return Number(Object.values(r.rows[0] ?? {})[0] ?? 0);
};

beforeAll(async () => {
  const t = await createTestDatabase();
  cleanup = t.cleanup;
  deps = createDeps({ database: t.database, secret: 'test-secret-test-secret-test-secret-0001', now: () => NOW });
  registerChannels(deps);
  await deps.queue.start();
  await registerAllJobs(deps);
  ({ tenantId } = await seedDemo({ db: deps.db, sealer: deps.sealer, seed: 5, customers: 1_000, now: NOW }));
});
afterAll(async () => {
  await deps.queue.stop();
  await cleanup();
});

describe('runSimulationStep', () => {
  it('lets the virtual customers act through the channel and advances the simulated clock', async () => {
    const before = {
      orders: await count(sql`select count(*) from orders where tenant_id = ${tenantId}`),
      inbox: await count(sql`select count(*) from inbox_events where tenant_id = ${tenantId}`),
    };
    const from = new Date(NOW.getTime());
    const to = new Date(NOW.getTime() + 12 * 3600 * 1000);
    const r = await runSimulationStep(deps, tenantId, to);
    expect(r.from).toEqual(from);
    expect(r.performed).toBeGreaterThan(0);
    const inbox = await count(sql`select count(*) from inbox_events where tenant_id = ${tenantId}`);
    const orders = await count(sql`select count(*) from orders where tenant_id = ${tenantId}`);
    expect(inbox + orders).toBeGreaterThan(before.inbox + before.orders);
    // Every delivered event was processed (the step drains the queue).
    expect(await count(sql`select count(*) from inbox_events where tenant_id = ${tenantId} and status = 'pending'`)).toBe(0);
    const clock = await count(sql`select extract(epoch from clock) * 1000 from sim_state where tenant_id = ${tenantId}`);
    expect(clock).toBe(to.getTime());
    // A second run over an interval already simulated does nothing.
    expect((await runSimulationStep(deps, tenantId, to)).planned).toBe(0);
  });

  it('stops between two actions once its signal is aborted; the clock stays at the last action and the next step goes on', async () => {
    const clockMs = () => count(sql`select extract(epoch from clock) * 1000 from sim_state where tenant_id = ${tenantId}`);
    const from = new Date(await clockMs());
    const to = new Date(from.getTime() + 2 * 3600 * 1000);
    // A signal read before each action: aborted from the fourth check on, so exactly three actions start.
    let checks = 0;
    const signal = {
      get aborted() {
        checks++;
        return checks > 3;
      },
    } as AbortSignal;
    const r = await runSimulationStep(deps, tenantId, to, { signal });
    expect(r.planned).toBeGreaterThan(3);
    expect(r.performed + r.skipped).toBe(3);
    expect(r.to.getTime()).toBeGreaterThanOrEqual(from.getTime());
    expect(r.to.getTime()).toBeLessThan(to.getTime());
    expect(await clockMs()).toBe(r.to.getTime());
    const rest = await runSimulationStep(deps, tenantId, to);
    expect(rest.from).toEqual(r.to);
    expect(await clockMs()).toBe(to.getTime());
  });
});
