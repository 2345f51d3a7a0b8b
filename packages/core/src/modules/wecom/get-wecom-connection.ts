import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { getTenantById } from '../org/tenant-refs.ts';
import { type TWecomConnection, type TWecomTestReport, ZWecomTestReport } from './wecom.schemas.ts';
import { maskedSecret } from './wecom-connection-rules.ts';
import { readWecomConnectionRow } from './wecom-connection-store.ts';

/** The URL to paste into WeCom admin (客户联系 → API → 接收事件服务器). */
export const wecomCallbackUrl = (publicUrl: string, tenantSlug: string) =>
  `${publicUrl}/api/channels/wecom/${encodeURIComponent(tenantSlug)}/callback`;

/**
 * The tenant's WeCom connection as the console shows it: secrets as `••••` + last 4, never the
 * secret. Admins only. Without a connection: `configured: false` and the callback URL to use.
 * @example
 * const conn = await getWecomConnection(ctx); // { configured, corpId, contactSecret: '••••32KU', callbackUrl, … }
 */
export async function getWecomConnection(ctx: Ctx): Promise<TWecomConnection> {
  assertRole(ctx.actor, ['admin'], 'see the WeCom connection');
  const db = dbOf(ctx);
  const tenant = await getTenantById(db, ctx.actor.tenantId);
  if (!tenant) throw new AppError('NOT_FOUND', `Tenant ${ctx.actor.tenantId} does not exist.`);
  const row = await readWecomConnectionRow(db, ctx.actor.tenantId);
  const callbackUrl = wecomCallbackUrl(ctx.publicUrl, tenant.slug);
  const active = tenant.channel === 'wecom';
  if (!row) {
    return {
      configured: false,
      corpId: null,
      contactSecret: null,
      agentId: null,
      appSecret: null,
      callbackToken: null,
      encodingAesKey: null,
      version: 0,
      updatedAt: null,
      callbackUrl,
      active,
      lastTest: null,
    };
  }
  const parsed = row.lastTestReport ? ZWecomTestReport.safeParse(row.lastTestReport) : null;
  const lastTest: TWecomTestReport | null = parsed?.success ? parsed.data : null;
  return {
    configured: true,
    corpId: row.corpId,
    contactSecret: maskedSecret(row.contactSecretLast4),
    agentId: row.agentId,
    appSecret: row.appSecretLast4 ? maskedSecret(row.appSecretLast4) : null,
    callbackToken: maskedSecret(row.callbackTokenLast4),
    encodingAesKey: maskedSecret(row.aesKeyLast4),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    callbackUrl,
    active,
    lastTest,
  };
}
