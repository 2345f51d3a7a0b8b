import { sql } from 'drizzle-orm';
import { type Ctx, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getWecomConnection } from './get-wecom-connection.ts';
import type { TSaveWecomConnection, TWecomConnection } from './wecom.schemas.ts';
import { wecomConnections } from './wecom.tables.ts';
import { lastFour, type TWecomConnectionField, wecomFieldProblem } from './wecom-connection-rules.ts';
import { forgetWecomConnection, readWecomConnectionRow } from './wecom-connection-store.ts';

const FIELD_NAMES: Record<TWecomConnectionField, string> = {
  corpId: 'corpId',
  contactSecret: 'contactSecret',
  agentId: 'agentId',
  appSecret: 'appSecret',
  callbackToken: 'callbackToken',
  encodingAesKey: 'encodingAesKey',
};

function check(field: TWecomConnectionField, value: string | null | undefined): void {
  if (value === undefined || value === null) return;
  const problem = wecomFieldProblem(field, value);
  if (problem) throw new AppError('VALIDATION', `${FIELD_NAMES[field]}: ${problem}`, { field });
}

/**
 * Creates or updates the tenant's WeCom connection. Admins only. Secrets are sealed with
 * POND_SECRET and stored with their last 4 characters; a secret left out keeps the stored one.
 * Every save bumps `version` (clients and callback keys are cached by it) and is audited — with
 * which fields changed, never their values.
 * @example
 * await saveWecomConnection(ctx, { corpId: 'wwcdd39616ea662af5', contactSecret, callbackToken, encodingAesKey });
 */
export async function saveWecomConnection(ctx: Ctx, input: TSaveWecomConnection): Promise<TWecomConnection> {
  assertRole(ctx.actor, ['admin'], 'change the WeCom connection');
  check('corpId', input.corpId);
  check('contactSecret', input.contactSecret);
  check('agentId', input.agentId);
  check('appSecret', input.appSecret);
  check('callbackToken', input.callbackToken);
  check('encodingAesKey', input.encodingAesKey);
  const tenantId = ctx.actor.tenantId;
  const seal = (v: string) => ctx.sealer.seal(v);
  await inTransaction(ctx, async (tctx) => {
    const db = tctx.tx ?? tctx.db;
    const existing = await readWecomConnectionRow(db, tenantId);
    const changed = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (!existing) {
      const missing = (['contactSecret', 'callbackToken', 'encodingAesKey'] as const).filter((f) => !input[f]);
      if (missing.length > 0)
        throw new AppError(
          'VALIDATION',
          `${missing.join(', ')}: required for the first save. Copy them from WeCom admin (客户联系 → API) and save again.`,
          { fields: missing },
        );
      const agentId = input.agentId ?? null;
      if (input.appSecret && !agentId)
        throw new AppError('VALIDATION', 'agentId: an app secret needs its AgentId. Fill in both, or neither.');
      await db.insert(wecomConnections).values({
        tenantId,
        corpId: input.corpId,
        contactSecretSealed: seal(input.contactSecret as string),
        contactSecretLast4: lastFour(input.contactSecret as string),
        agentId,
        appSecretSealed: input.appSecret ? seal(input.appSecret) : null,
        appSecretLast4: input.appSecret ? lastFour(input.appSecret) : null,
        callbackTokenSealed: seal(input.callbackToken as string),
        callbackTokenLast4: lastFour(input.callbackToken as string),
        aesKeySealed: seal(input.encodingAesKey as string),
        aesKeyLast4: lastFour(input.encodingAesKey as string),
        updatedBy: ctx.actor.accountId,
        updatedAt: ctx.now(),
      });
    } else {
      // null clears the sidebar app (and its secret); undefined keeps both.
      const clearsApp = input.agentId === null;
      const agentId = input.agentId === undefined ? existing.agentId : input.agentId;
      const hasAppSecret = input.appSecret !== undefined ? true : !clearsApp && existing.appSecretSealed !== null;
      if (hasAppSecret && !agentId)
        throw new AppError('VALIDATION', 'agentId: an app secret needs its AgentId. Fill in both, or clear both.');
      await db
        .update(wecomConnections)
        .set({
          corpId: input.corpId,
          ...(input.contactSecret
            ? { contactSecretSealed: seal(input.contactSecret), contactSecretLast4: lastFour(input.contactSecret) }
            : {}),
          agentId,
          ...(input.appSecret
            ? { appSecretSealed: seal(input.appSecret), appSecretLast4: lastFour(input.appSecret) }
            : clearsApp
              ? { appSecretSealed: null, appSecretLast4: null }
              : {}),
          ...(input.callbackToken
            ? { callbackTokenSealed: seal(input.callbackToken), callbackTokenLast4: lastFour(input.callbackToken) }
            : {}),
          ...(input.encodingAesKey
            ? { aesKeySealed: seal(input.encodingAesKey), aesKeyLast4: lastFour(input.encodingAesKey) }
            : {}),
          version: sql`${wecomConnections.version} + 1`,
          updatedBy: ctx.actor.accountId,
          updatedAt: ctx.now(),
        })
        .where(sql`${wecomConnections.tenantId} = ${tenantId}`);
    }
    await recordAudit(tctx, {
      action: existing ? 'wecom.connection.update' : 'wecom.connection.create',
      targetType: 'wecom_connection',
      targetId: tenantId,
      // Which fields were sent — never their values.
      details: { corpId: input.corpId, fields: changed },
    });
  });
  forgetWecomConnection(ctx.database, tenantId);
  ctx.log.info({ tenantId, corpId: input.corpId }, 'wecom connection saved');
  return getWecomConnection(ctx);
}
