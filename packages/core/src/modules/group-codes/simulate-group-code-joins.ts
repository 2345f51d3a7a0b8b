import { newExternalUserId } from '@pond/channels/simulator/simulator-channel';
import { and, count, eq } from 'drizzle-orm';
import { getTenantChannelKind } from '../../channels.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { ensureCustomerByExternalId } from '../customers/ensure-customer.ts';
import { requireGroupCode } from './group-code-access.ts';
import { groupCodeOpenings } from './group-codes.tables.ts';
import { joinThroughGroupCode } from './join-through-group-code.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['静', '磊', '敏', '芳', '伟', '娜', '洋', '婷', '杰', '欣', '浩', '琳', '晨', '悦', '宇', '佳'];

/**
 * The console's "simulate visitors": `count` new virtual customers open the code's landing and join
 * by scanning the QR it shows, one after another, as in the demo. Stops at the first visitor the
 * code cannot place (every group full and no group can be opened). Simulator tenants only.
 */
export async function simulateGroupCodeJoins(
  ctx: Ctx,
  id: number,
  input: { count: number },
): Promise<{ joined: number; groupsOpened: number; failed: number }> {
  const code = await requireGroupCode(ctx, id, 'write');
  if ((await getTenantChannelKind(ctx.database, ctx.db, ctx.actor.tenantId)) !== 'simulator') {
    throw new AppError('CONFLICT', 'This tenant is connected to WeCom; only simulator tenants can simulate visitors.');
  }
  const opened = async () => {
    const [row] = await ctx.db
      .select({ n: count() })
      .from(groupCodeOpenings)
      .where(
        and(
          eq(groupCodeOpenings.tenantId, ctx.actor.tenantId),
          eq(groupCodeOpenings.codeId, code.id),
          eq(groupCodeOpenings.status, 'opened'),
        ),
      );
    return row?.n ?? 0;
  };
  const before = await opened();
  let joined = 0;
  let failed = 0;
  for (let i = 0; i < input.count; i++) {
    const name = `${SURNAMES[(joined + i * 7) % SURNAMES.length]}${GIVEN[(i * 5 + before) % GIVEN.length]}`;
    const customer = await ensureCustomerByExternalId(ctx, { externalUserId: newExternalUserId(), name, source: 'sim' });
    try {
      await joinThroughGroupCode(ctx, { codeId: code.id, customerId: customer.id, via: 'scan_join_way' });
      joined++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed++;
      if (error.code === 'CONFLICT' || error.code === 'CHANNEL_ERROR') break;
    }
  }
  return { joined, groupsOpened: (await opened()) - before, failed };
}
