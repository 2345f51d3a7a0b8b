import { readSimClock } from '@pond/channels/simulator/sim-clock';
import type { Ctx } from '../../context.ts';
import type { TSimStatus } from './simulator.schemas.ts';

/** The tenant's simulated clock, its speed, and whether the behaviour model is running. */
export async function getSimStatus(ctx: Ctx): Promise<TSimStatus> {
  const state = await readSimClock(ctx.db, ctx.actor.tenantId, () => ctx.now());
  return { clock: state.clock.toISOString(), speed: state.speed, running: state.running };
}
