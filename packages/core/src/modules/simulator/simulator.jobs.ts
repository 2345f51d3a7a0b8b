import type { TInboundDelivery } from '@pond/channels';
import { z } from 'zod';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { ingestEvent } from '../inbox/ingest-event.ts';
import { SIM_DELIVER_JOB } from './perform-sim-action.ts';

const ZSimDeliverJob = z.object({
  tenantId: z.number().int().positive(),
  // Validated by ingestEvent, as any callback is.
  deliveries: z.array(z.object({ dedupeKey: z.string(), event: z.record(z.string(), z.unknown()) })),
});

/**
 * Registers `sim.deliver`: the virtual WeCom's late callbacks, handed to the inbox when due (after
 * whatever happened meanwhile — so they arrive out of order, as WeCom's sometimes do).
 */
export async function registerSimulatorJobs(deps: Deps): Promise<void> {
  await deps.queue.register(SIM_DELIVER_JOB, async (data) => {
    const job = ZSimDeliverJob.parse(data);
    const ctx = withActor(deps, systemActor(job.tenantId));
    for (const delivery of job.deliveries as unknown as TInboundDelivery[]) {
      await ingestEvent(ctx, { channel: 'simulator', ...delivery });
    }
  });
}
