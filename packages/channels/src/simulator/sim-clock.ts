import type { DbLike } from '@pond/db';
import { eq, sql } from 'drizzle-orm';
import { simState } from './simulator.tables.ts';

export type TSimClock = { clock: Date; speed: number; running: boolean };

/**
 * The simulated "now" of a tenant: `sim_state.clock` once the simulator has a state row (the
 * behaviour model advances it, by real time × speed or by fast-forward), else the process clock.
 * @example
 * const { clock } = await readSimClock(db, tenantId, () => new Date());
 */
export async function readSimClock(db: DbLike, tenantId: number, fallbackNow: () => Date): Promise<TSimClock> {
  const [row] = await db
    .select({ clock: simState.clock, speed: simState.speed, running: simState.running })
    .from(simState)
    .where(eq(simState.tenantId, tenantId));
  if (!row) return { clock: fallbackNow(), speed: 1, running: false };
  return { clock: row.clock, speed: row.speed, running: row.running === 1 };
}

/**
 * Moves a tenant's simulated clock forward by `ms` (creating the state row from `fallbackNow` if
 * there is none) and returns the new time. Tests use it to let welcome codes expire.
 */
export async function advanceSimClock(db: DbLike, tenantId: number, ms: number, fallbackNow: () => Date): Promise<Date> {
  const start = new Date(fallbackNow().getTime() + ms);
  const [row] = await db
    .insert(simState)
    .values({ tenantId, seed: 1, clock: start })
    .onConflictDoUpdate({
      target: simState.tenantId,
      set: { clock: sql`${simState.clock} + make_interval(secs => ${ms / 1000})` },
    })
    .returning({ clock: simState.clock });
  if (!row) throw new Error(`sim_state for tenant ${tenantId} was not written`);
  return row.clock;
}
