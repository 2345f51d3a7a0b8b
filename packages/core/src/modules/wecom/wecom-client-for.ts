import { createWecomClient, type WecomClient } from '@pond/channels/wecom/api/client';
import type { Database } from '@pond/db';
import type { Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { openWecomConnection } from './wecom-connection-store.ts';

// One client per tenant and connection version (the client holds the access-token cache and the
// per-corp outbound queue, so it must be shared). Keyed by the database like the other caches.
const clients = new WeakMap<Database, Map<number, { version: number; which: string; client: WecomClient }[]>>();

/**
 * The WeCom API client of a tenant, built from its sealed connection and cached per tenant and
 * connection `version` (a save makes the next call build a new one). `which: 'app'` gives the
 * self-built app's client (sidebar JS-SDK), which needs agentId + app secret. Throws
 * `CHANNEL_ERROR` when the tenant has no connection.
 * @example
 * const client = await wecomClientFor(ctx, ctx.actor.tenantId);
 * const { follow_user } = await client.externalcontact.getFollowUserList();
 */
export async function wecomClientFor(deps: Deps, tenantId: number, which: 'contact' | 'app' = 'contact'): Promise<WecomClient> {
  const conn = await openWecomConnection(deps, tenantId);
  if (!conn)
    throw new AppError(
      'CHANNEL_ERROR',
      `Tenant ${tenantId} has no WeCom connection. An admin fills in the WeCom page (corp id, secrets, callback Token and EncodingAESKey) first.`,
    );
  let byTenant = clients.get(deps.database);
  if (!byTenant) {
    byTenant = new Map();
    clients.set(deps.database, byTenant);
  }
  const list = (byTenant.get(tenantId) ?? []).filter((e) => e.version === conn.version);
  const hit = list.find((e) => e.which === which);
  if (hit) return hit.client;
  let secret = conn.contactSecret;
  if (which === 'app') {
    if (!conn.agentId || !conn.appSecret)
      throw new AppError(
        'CHANNEL_ERROR',
        'The WeCom connection has no self-built app (AgentId and app secret). Add them on the WeCom page to use the sidebar.',
      );
    secret = conn.appSecret;
  }
  const client = createWecomClient({ corpId: conn.corpId, secret });
  list.push({ version: conn.version, which, client });
  byTenant.set(tenantId, list);
  return client;
}
