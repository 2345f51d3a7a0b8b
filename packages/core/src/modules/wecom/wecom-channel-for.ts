import type { Channel } from '@pond/channels';
import { createWecomChannel, type WecomWorld } from '@pond/channels/wecom/wecom-channel';
import type { Database } from '@pond/db';
import { type Ctx, type Deps, systemActor, withActor } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getGroupRefByChatId } from '../groups/group-refs.ts';
import { getStaffById } from '../org/lookups.ts';
import { wecomClientFor } from './wecom-client-for.ts';
import { openWecomConnection } from './wecom-connection-store.ts';

// One channel per tenant and connection version, like its client.
const channels = new WeakMap<Database, Map<number, { version: number; channel: Channel }>>();

/**
 * The `Channel` of a tenant served by WeCom (`createWecomChannel` over the tenant's client), with
 * Pond's own view of group owners, cached per tenant and connection version. Missing connection →
 * `CHANNEL_ERROR` saying what to do.
 * @example
 * const channel = await wecomChannelFor(deps, tenantId);
 */
export async function wecomChannelFor(deps: Deps, tenantId: number): Promise<Channel> {
  const conn = await openWecomConnection(deps, tenantId);
  if (!conn)
    throw new AppError(
      'CHANNEL_ERROR',
      `Tenant ${tenantId} is set to the WeCom channel but has no WeCom connection. An admin saves and tests it on the WeCom page, or switches back to the simulator.`,
    );
  let byTenant = channels.get(deps.database);
  if (!byTenant) {
    byTenant = new Map();
    channels.set(deps.database, byTenant);
  }
  const hit = byTenant.get(tenantId);
  if (hit && hit.version === conn.version) return hit.channel;
  // Lookups run outside any caller's transaction: the channel is "another system".
  const ctxFor = (id: number): Ctx => ({ ...withActor(deps, systemActor(id)), tx: undefined });
  const world: WecomWorld = {
    groupOwner: async (id, chatId) => {
      const group = await getGroupRefByChatId(ctxFor(id), chatId);
      if (group?.status !== 'active' || group.ownerStaffId === null) return null;
      return (await getStaffById(ctxFor(id), group.ownerStaffId))?.wecomUserId ?? null;
    },
  };
  const channel = createWecomChannel({ client: await wecomClientFor(deps, tenantId), tenantId, world });
  byTenant.set(tenantId, { version: conn.version, channel });
  return channel;
}
