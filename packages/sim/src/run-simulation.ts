import { setTimeout as sleep } from 'node:timers/promises';
import { simState } from '@pond/channels/simulator/simulator.tables';
import { type Ctx, customers, type Deps, follows, performSimAction, systemActor } from '@pond/core';
import { simulatorOf } from '@pond/core/channels';
import { fissionCampaigns, fissionParticipants } from '@pond/core/modules/fission/fission.tables';
import { ensureParticipantWay, joinFissionCampaign } from '@pond/core/modules/fission/join-fission-campaign';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { planActions } from './behaviour.ts';
import { loadWorldView } from './load-world-view.ts';
import { createRng, type Rng } from './rng.ts';

// Customers who get a fission campaign's link in their chats join it from the H5 page now and then:
// per running campaign, this many an hour on average.
const FISSION_JOINS_PER_HOUR = 1.5;

/**
 * Some customers in relation join each running fission campaign (as from its H5 page) and get their
 * personal code, which the behaviour model's friends then scan. Deterministic for a seed.
 */
async function joinFissionCampaigns(ctx: Ctx, rng: Rng, hours: number): Promise<number> {
  const tenantId = ctx.actor.tenantId;
  const running = await ctx.db
    .select({ id: fissionCampaigns.id })
    .from(fissionCampaigns)
    .where(and(eq(fissionCampaigns.tenantId, tenantId), eq(fissionCampaigns.status, 'active')))
    .orderBy(asc(fissionCampaigns.id));
  let joined = 0;
  for (const campaign of running) {
    const n = rng.poisson(FISSION_JOINS_PER_HOUR * hours);
    if (n === 0) continue;
    const salt = rng.int(1, 1_000_000_000);
    // Customers in relation who are not taking part yet, in an order fixed by the seed.
    const candidates = await ctx.db
      .selectDistinct({ id: customers.id, rank: sql<string>`md5(${customers.id}::text || ${String(salt)})` })
      .from(customers)
      .innerJoin(follows, and(eq(follows.tenantId, customers.tenantId), eq(follows.customerId, customers.id)))
      .where(
        and(
          eq(customers.tenantId, tenantId),
          isNull(customers.deletedAt),
          isNull(follows.deletedAt),
          sql`not exists (select 1 from ${fissionParticipants} p where p.tenant_id = ${tenantId} and p.campaign_id = ${campaign.id} and p.customer_id = ${customers.id})`,
        ),
      )
      .orderBy(sql`2`)
      .limit(n);
    for (const c of candidates) {
      try {
        const { participant } = await joinFissionCampaign(ctx, { campaignId: campaign.id, customerId: c.id, via: 'h5' });
        await ensureParticipantWay(ctx, participant.id);
        joined++;
      } catch {
        // The campaign ended meanwhile, or the customer cannot take part: as on the H5 page.
      }
    }
  }
  return joined;
}

/** `to`: where the simulated clock stands after the step (before the target when interrupted). */
export type TSimStepResult = { from: Date; to: Date; planned: number; performed: number; skipped: number };

const HOUR = 3_600_000;
const MASS_TASK_CONFIRM_AFTER_S = 30 * 60;

async function readState(deps: Deps, tenantId: number) {
  const [row] = await deps.db.select().from(simState).where(eq(simState.tenantId, tenantId));
  return row;
}

async function setClock(deps: Deps, tenantId: number, clock: Date) {
  await deps.db.update(simState).set({ clock }).where(eq(simState.tenantId, tenantId));
}

/**
 * Runs the virtual customers of one tenant through [clock, to): plans their actions with the
 * behaviour model (seeded by the world's seed and the interval, so a run is reproducible), performs
 * each at its planned simulated time through the simulator channel — the same path as
 * `POST /api/sim/actions` — and processes the resulting events. Actions the world no longer allows
 * (a customer deleted meanwhile, a group filled up) are skipped and counted. Once `signal` is
 * aborted no further action starts: the clock stays at the last action performed (the result's
 * `to`), and the next step goes on from there.
 * @example
 * await runSimulationStep(deps, tenantId, new Date(clock.getTime() + 3_600_000));
 */
export async function runSimulationStep(
  deps: Deps,
  tenantId: number,
  to: Date,
  options: { signal?: AbortSignal } = {},
): Promise<TSimStepResult> {
  const state = await readState(deps, tenantId);
  if (!state) throw new Error(`Tenant ${tenantId} has no simulated world (sim_state). Seed it with \`npx pond seed\`.`);
  const from = state.clock;
  if (to <= from) return { from, to, planned: 0, performed: 0, skipped: 0 };
  const view = await loadWorldView({ db: deps.db, tenantId, now: from });
  const rng = createRng(`${state.seed}:${from.getTime()}`);
  const plan = planActions({ view, rng, from, to });
  const ctx = { ...deps, actor: systemActor(tenantId) };
  let performed = 0;
  let skipped = 0;
  let reached = from;
  for (const step of plan) {
    if (options.signal?.aborted) return { from, to: reached, planned: plan.length, performed, skipped };
    await setClock(deps, tenantId, step.at);
    reached = step.at;
    try {
      await performSimAction(ctx, step.action);
      performed++;
      // The welcome message must go out within the welcome code's 20 simulated seconds.
      if (step.action.type === 'add_staff' || step.action.type === 'scan_contact_way') await deps.queue.drain();
    } catch {
      skipped++;
    }
  }
  await setClock(deps, tenantId, to);
  performed += await joinFissionCampaigns(ctx, rng.fork('fission-joins'), (to.getTime() - from.getTime()) / HOUR);
  await deps.queue.drain();
  // Staff open their WeCom app now and then: mass tasks (broadcasts) waiting half an hour get confirmed,
  // except by the deterministic share of staff who never confirm.
  const confirmations = await simulatorOf(ctx).confirmDueMassTasks({
    tenantId,
    olderThanSeconds: MASS_TASK_CONFIRM_AFTER_S,
    limit: 500,
  });
  if (confirmations.confirmed + confirmations.never > 0) await deps.queue.drain();
  return { from, to, planned: plan.length, performed, skipped };
}

/**
 * Fast-forwards a tenant's world by `days` simulated days, hour by hour; with `speed` > 0 it is
 * paced at `speed`× real time, with 0 it runs as fast as the machine allows.
 */
export async function runSimulation(
  deps: Deps,
  tenantId: number,
  options: { days: number; speed: number; onStep?: (r: TSimStepResult) => void; signal?: AbortSignal },
): Promise<{ performed: number; skipped: number; until: Date }> {
  const state = await readState(deps, tenantId);
  if (!state) throw new Error(`Tenant ${tenantId} has no simulated world (sim_state). Seed it with \`npx pond seed\`.`);
  const end = state.clock.getTime() + options.days * 24 * HOUR;
  await deps.db
    .update(simState)
    .set({ running: 1, speed: Math.max(1, Math.round(options.speed)) })
    .where(eq(simState.tenantId, tenantId));
  let performed = 0;
  let skipped = 0;
  let clock = state.clock.getTime();
  try {
    while (clock < end && !options.signal?.aborted) {
      const started = Date.now();
      const to = new Date(Math.min(end, clock + HOUR));
      const r = await runSimulationStep(deps, tenantId, to, { signal: options.signal });
      performed += r.performed;
      skipped += r.skipped;
      options.onStep?.(r);
      if (options.speed > 0) {
        const due = (to.getTime() - clock) / options.speed - (Date.now() - started);
        if (due > 0) await sleep(due, undefined, { signal: options.signal }).catch(() => undefined);
      }
      clock = r.to.getTime();
    }
  } finally {
    await deps.db.update(simState).set({ running: 0 }).where(eq(simState.tenantId, tenantId));
  }
  return { performed, skipped, until: new Date(clock) };
}

/**
 * The live demo: every `intervalMs`, catches the world up with the wall clock (in steps of at
 * most an hour), so the console shows customers chatting, joining and buying as time passes.
 * Returns a stop function.
 */
export function startLiveSimulation(deps: Deps, tenantId: number, options: { intervalMs?: number } = {}): () => Promise<void> {
  // Stopping interrupts a step between two actions (catching up an hour takes seconds) and the wait.
  const stopping = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const state = await readState(deps, tenantId);
    if (!state) return;
    const target = Math.min(deps.now().getTime(), state.clock.getTime() + HOUR);
    if (target > state.clock.getTime()) await runSimulationStep(deps, tenantId, new Date(target), { signal: stopping.signal });
  };
  const loop = async () => {
    while (!stopping.signal.aborted) {
      running = tick().catch((error: unknown) => deps.log.warn({ err: error }, 'simulation step failed'));
      await running;
      if (stopping.signal.aborted) break;
      // The wait ends early on stop: a pending timer would keep the process alive after shutdown.
      await sleep(options.intervalMs ?? 15_000, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  void loop();
  return async () => {
    stopping.abort();
    await running;
  };
}
