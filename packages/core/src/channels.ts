import type { Channel, ChannelError } from '@pond/channels';
import { readSimClock } from '@pond/channels/simulator/sim-clock';
import { createSimulatorChannel, type SimulatorChannel, type SimWorld } from '@pond/channels/simulator/simulator-channel';
import type { Database, DbLike } from '@pond/db';
import { eq } from 'drizzle-orm';
import { type Ctx, type Deps, systemActor, withActor } from './context.ts';
import { AppError } from './lib/errors.ts';
import { friendsAmong } from './modules/customers/customer-refs.ts';
import { activeGroupsAmong, getGroupRefByChatId } from './modules/groups/group-refs.ts';
import { registerInboxDecoder } from './modules/inbox/process-inbox-event.ts';
import { getStaffByWecomUserId } from './modules/org/lookups.ts';
import { tenants } from './modules/org/org.tables.ts';
import { decodeWecomCallback } from './modules/wecom/decode-wecom-callback.ts';
import { wecomChannelFor } from './modules/wecom/wecom-channel-for.ts';

export type TChannelKind = Channel['kind'];

// Keyed by the database, which every copy of the deps (one per request) shares.
const simulators = new WeakMap<Database, SimulatorChannel>();
const kindCache = new WeakMap<Database, Map<number, { kind: string; until: number }>>();
// A tenant's channel changes rarely (an operator switching from the simulator to WeCom).
const KIND_TTL_MS = 30_000;

/**
 * The simulator channel of this process (one for all tenants; every call names its tenant). Its
 * view of friendships and groups is Pond's own, read through the modules' published functions.
 */
export function simulatorOf(deps: Deps): SimulatorChannel {
  const existing = simulators.get(deps.database);
  if (existing) return existing;
  // Lookups run outside any caller's transaction: the channel is "another system".
  const ctxFor = (tenantId: number): Ctx => ({ ...withActor(deps, systemActor(tenantId)), tx: undefined });
  const world: SimWorld = {
    staffName: async (tenantId, staffUserId) => (await getStaffByWecomUserId(ctxFor(tenantId), staffUserId))?.name ?? null,
    friendsAmong: async (tenantId, staffUserId, externalUserIds) => {
      const member = await getStaffByWecomUserId(ctxFor(tenantId), staffUserId);
      return member ? friendsAmong(ctxFor(tenantId), member.id, externalUserIds) : new Set<string>();
    },
    group: async (tenantId, chatId) => {
      const group = await getGroupRefByChatId(ctxFor(tenantId), chatId);
      return group ? { name: group.name, active: group.status === 'active' } : null;
    },
    activeGroupsAmong: (tenantId, chatIds) => activeGroupsAmong(ctxFor(tenantId), chatIds),
  };
  const simulator = createSimulatorChannel({
    db: deps.db,
    // `deps.now` is read at each call, so a test clock set later still applies.
    now: async (tenantId) => (await readSimClock(deps.db, tenantId, () => deps.now())).clock,
    world,
  });
  simulators.set(deps.database, simulator);
  return simulator;
}

/**
 * Which channel serves the tenant ('simulator' | 'wecom'), cached briefly. Pass the caller's
 * transaction when inside one.
 */
export async function getTenantChannelKind(database: Database, db: DbLike, tenantId: number): Promise<string> {
  let cache = kindCache.get(database);
  if (!cache) {
    cache = new Map();
    kindCache.set(database, cache);
  }
  const hit = cache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.kind;
  const [row] = await db.select({ channel: tenants.channel }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new AppError('NOT_FOUND', `Tenant ${tenantId} does not exist.`);
  cache.set(tenantId, { kind: row.channel, until: Date.now() + KIND_TTL_MS });
  return row.channel;
}

/** Forgets the cached channel kind of a tenant (after `setTenantChannel`), in this process. */
export function forgetTenantChannel(database: Database, tenantId: number): void {
  kindCache.get(database)?.delete(tenantId);
}

/**
 * Sets `deps.channelFor`: the simulator for tenants whose `tenants.channel` is 'simulator', the
 * tenant's WeCom channel (cached per connection version) for 'wecom'; and registers the inbox
 * decoder of WeCom callbacks. Call once at boot, before workers start.
 * @example
 * const deps = createDeps({ database, secret });
 * registerChannels(deps);
 * const channel = await deps.channelFor(tenantId);
 */
export function registerChannels(deps: Deps): void {
  const simulator = simulatorOf(deps);
  registerInboxDecoder('wecom', decodeWecomCallback);
  deps.channelFor = async (tenantId) => {
    const kind = await getTenantChannelKind(deps.database, deps.db, tenantId);
    if (kind === 'simulator') return simulator;
    if (kind === 'wecom') return wecomChannelFor(deps, tenantId);
    throw new AppError(
      'CHANNEL_ERROR',
      `Tenant ${tenantId} has an unknown channel "${kind}". Set tenants.channel to 'simulator' or 'wecom'.`,
    );
  };
}

/** A channel error as the API reports it: the channel's reason, never a vendor's number. */
export function channelErrorToAppError(error: ChannelError): AppError {
  switch (error.code) {
    case 'NOT_FOUND':
      return new AppError('NOT_FOUND', `${error.message} Check the id, or refresh.`, { channelCode: error.code });
    case 'INVALID':
      return new AppError('VALIDATION', `${error.message} Correct it and try again.`, { channelCode: error.code });
    case 'RATE_LIMITED':
      return new AppError('RATE_LIMITED', `${error.message} Wait a moment and try again.`, { channelCode: error.code });
    case 'AUTH':
    case 'UNAVAILABLE':
      return new AppError('CHANNEL_ERROR', `${error.message} Try again later.`, { channelCode: error.code });
    default:
      return new AppError('CONFLICT', error.message, { channelCode: error.code });
  }
}
