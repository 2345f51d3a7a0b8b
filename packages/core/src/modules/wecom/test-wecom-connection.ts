import { ChannelError } from '@pond/channels';
import { createWecomClient } from '@pond/channels/wecom/api/client';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TWecomTestReport, TWecomTestStep } from './wecom.schemas.ts';
import { wecomConnections } from './wecom.tables.ts';
import { openWecomConnection } from './wecom-connection-store.ts';
import { wecomTestFix } from './wecom-test-fixes.ts';

type TStepName = TWecomTestStep['step'];

// No staff set up for 客户联系: WeCom answers fine, but nothing can work.
class EmptyStaffList extends Error {}

function failed(step: TStepName, error: unknown): TWecomTestStep {
  if (error instanceof EmptyStaffList)
    return { step, ok: false, code: 'EMPTY', detail: error.message, fix: wecomTestFix(step, 'EMPTY') };
  if (error instanceof ChannelError) {
    const vendor = (error as ChannelError & { vendorCode?: unknown }).vendorCode;
    const vendorCode = typeof vendor === 'number' ? vendor : undefined;
    return {
      step,
      ok: false,
      code: error.code,
      vendorCode,
      detail: error.message,
      fix: wecomTestFix(step, error.code, vendorCode),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { step, ok: false, code: 'UNAVAILABLE', detail: message.slice(0, 300), fix: wecomTestFix(step, 'UNAVAILABLE') };
}

/**
 * "Test connection": step by step — an access token for the 客户联系 secret, the staff who can use
 * 客户联系 (get_follow_user_list), one of them in detail (user/get), and the self-built app's token
 * when one is set. Stops at the first failing step and says which, with the channel error code,
 * WeCom's errcode and what to fix. Uses a fresh client (no cached token). The report is stored on
 * the connection; activation needs a passing report of the current version. Admins only.
 * @example
 * const report = await testWecomConnection(ctx); // { ok: false, steps: [{ step: 'token', ok: false, code: 'AUTH', vendorCode: 40001, fix }] }
 */
export async function testWecomConnection(ctx: Ctx): Promise<TWecomTestReport> {
  assertRole(ctx.actor, ['admin'], 'test the WeCom connection');
  const tenantId = ctx.actor.tenantId;
  const conn = await openWecomConnection(ctx, tenantId);
  if (!conn) throw new AppError('NOT_FOUND', 'There is no WeCom connection yet. Fill in the form and save it first.');
  const steps: TWecomTestStep[] = [];
  const run = async (step: TStepName, fn: () => Promise<string>): Promise<boolean> => {
    try {
      steps.push({ step, ok: true, detail: await fn() });
      return true;
    } catch (error) {
      steps.push(failed(step, error));
      return false;
    }
  };
  const client = createWecomClient({ corpId: conn.corpId, secret: conn.contactSecret });
  let firstStaff: string | undefined;
  const ok =
    (await run('token', async () => {
      await client.getToken();
      return 'WeCom issued an access token for the 客户联系 secret.';
    })) &&
    (await run('staff_list', async () => {
      const { follow_user } = await client.externalcontact.getFollowUserList();
      firstStaff = follow_user[0];
      if (!firstStaff) throw new EmptyStaffList('No staff member is set up for 客户联系.');
      return `${follow_user.length} staff can use 客户联系.`;
    })) &&
    (await run('staff_detail', async () => {
      const user = (await client.user.get({ userid: firstStaff as string })) as { name?: unknown };
      return `Read staff member ${firstStaff}${typeof user.name === 'string' ? ` (${user.name})` : ''}.`;
    })) &&
    (await run('app_token', async () => {
      if (!conn.agentId || !conn.appSecret) return 'No self-built app set: skipped (the sidebar needs one).';
      await createWecomClient({ corpId: conn.corpId, secret: conn.appSecret }).getToken();
      return `WeCom issued an access token for app ${conn.agentId}.`;
    }));
  const at = ctx.now();
  const report: TWecomTestReport = { ok, at: at.toISOString(), version: conn.version, steps };
  await ctx.db
    .update(wecomConnections)
    .set({ lastTestAt: at, lastTestOk: ok, lastTestReport: report as unknown as Record<string, unknown> })
    .where(eq(wecomConnections.tenantId, tenantId));
  const failing = steps.find((s) => !s.ok);
  ctx.log.info(
    { tenantId, ok, step: failing?.step, code: failing?.code, vendorCode: failing?.vendorCode },
    'wecom connection tested',
  );
  return report;
}
