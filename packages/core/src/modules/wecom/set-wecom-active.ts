import { forgetTenantChannel } from '../../channels.ts';
import { type Ctx, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { setTenantChannel } from '../org/set-tenant-channel.ts';
import { getWecomConnection } from './get-wecom-connection.ts';
import type { TWecomConnection } from './wecom.schemas.ts';

/**
 * Switches the tenant to the WeCom channel (`active: true`) or back to the simulator. Activation
 * needs a connection whose current version passed "Test connection". Admins only; audited.
 * @example
 * await setWecomActive(ctx, true);
 */
export async function setWecomActive(ctx: Ctx, active: boolean): Promise<TWecomConnection> {
  assertRole(ctx.actor, ['admin'], 'switch the channel');
  const conn = await getWecomConnection(ctx);
  if (active) {
    if (!conn.configured)
      throw new AppError('CONFLICT', 'There is no WeCom connection yet. Fill in the form, save, and test it first.');
    if (!conn.lastTest || conn.lastTest.version !== conn.version || !conn.lastTest.ok)
      throw new AppError(
        'CONFLICT',
        'The connection has not passed "Test connection" since it was last saved. Run the test, fix what it reports, then activate.',
      );
  }
  const channel = active ? 'wecom' : 'simulator';
  await inTransaction(ctx, async (tctx) => {
    const { previous } = await setTenantChannel(tctx, channel);
    await recordAudit(tctx, {
      action: active ? 'wecom.activate' : 'wecom.deactivate',
      targetType: 'tenant',
      targetId: ctx.actor.tenantId,
      details: { from: previous, to: channel, version: conn.version },
    });
  });
  forgetTenantChannel(ctx.database, ctx.actor.tenantId);
  return getWecomConnection(ctx);
}
