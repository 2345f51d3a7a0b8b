import { type TConfig, tenants } from '@pond/core';
import { runSimulation } from '@pond/sim';
import { eq } from 'drizzle-orm';
import { boot } from '../boot.ts';
import { registerRuntime } from '../runtime.ts';

/**
 * `pond sim --days D --speed X`: runs the demo brand's virtual customers forward D simulated days,
 * paced at X× real time (0 = as fast as possible), printing each simulated day. On the embedded
 * database, stop `pond start` first: the data directory belongs to one process.
 */
export async function runSim(config: TConfig, options: { days: number; speed: number; tenant?: string }): Promise<number> {
  const { deps, database } = await boot(config);
  const runtime = await registerRuntime(deps, { worker: false, pollingIntervalSeconds: 1 });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  try {
    const slug = options.tenant ?? 'demo';
    const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.slug, slug));
    if (!tenant) {
      console.error(`No tenant "${slug}". Create the demo brand with \`npx pond seed\` (or \`npx pond start\`).`);
      return 1;
    }
    const t0 = performance.now();
    let day = { performed: 0, skipped: 0, hours: 0 };
    console.log(`Simulating ${options.days} day(s) of "${slug}" at ${options.speed === 0 ? 'full speed' : `${options.speed}×`}…`);
    const result = await runSimulation(deps, tenant.id, {
      days: options.days,
      speed: options.speed,
      signal: abort.signal,
      onStep: (r) => {
        day = { performed: day.performed + r.performed, skipped: day.skipped + r.skipped, hours: day.hours + 1 };
        if (day.hours === 24) {
          console.log(`  ${r.to.toISOString().slice(0, 10)}: ${day.performed} actions (${day.skipped} no longer possible)`);
          day = { performed: 0, skipped: 0, hours: 0 };
        }
      },
    });
    console.log(
      `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${result.performed} actions; simulated clock now ${result.until.toISOString()}.`,
    );
    return 0;
  } finally {
    await runtime.stop();
    await database.close();
  }
}
