import { eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { tenants } from './org.tables.ts';

export const TENANT_CHANNELS = ['simulator', 'wecom'] as const;
export type TTenantChannel = (typeof TENANT_CHANNELS)[number];

/**
 * Switches which channel serves the actor's tenant (`tenants.channel`). Admins only; the caller
 * checks the channel is ready (a WeCom connection that passed its test) and clears the channel
 * caches (`forgetTenantChannel` in channels.ts). Returns the previous channel.
 * @example
 * const before = await setTenantChannel(ctx, 'wecom');
 */
export async function setTenantChannel(ctx: Ctx, channel: TTenantChannel): Promise<{ previous: string }> {
  assertRole(ctx.actor, ['admin'], 'switch the channel');
  if (!TENANT_CHANNELS.includes(channel))
    throw new AppError('VALIDATION', `channel: "${String(channel)}" is not a channel. Use 'simulator' or 'wecom'.`);
  const db = dbOf(ctx);
  const [row] = await db.select({ channel: tenants.channel }).from(tenants).where(eq(tenants.id, ctx.actor.tenantId));
  if (!row) throw new AppError('NOT_FOUND', `Tenant ${ctx.actor.tenantId} does not exist.`);
  await db.update(tenants).set({ channel }).where(eq(tenants.id, ctx.actor.tenantId));
  return { previous: row.channel };
}
