import type { z } from '@hono/zod-openapi';
import type { TMessageContent } from '@pond/channels';
import { ChannelError } from '@pond/channels';
import { and, eq, isNull } from 'drizzle-orm';
import { channelErrorToAppError } from '../../channels.ts';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getTagsByIds } from '../tags/manage-tags.ts';
import { applyLiveCodeRouting, type TApplyOutcome } from './apply-live-code-routing.ts';
import { getLiveCode } from './list-live-codes.ts';
import { loadStaff } from './live-code-staff.ts';
import { liveCodeState, unknownPlaceholders, welcomeTexts } from './live-code-templates.ts';
import {
  REMARK_VARIABLES,
  type TCreateLiveCodeRequest,
  type TLiveCode,
  type TUpdateLiveCodeRequest,
  WELCOME_VARIABLES,
  ZCreateLiveCodeRequest,
  ZUpdateLiveCodeRequest,
} from './live-codes.schemas.ts';
import { liveCodeFolders, liveCodes } from './live-codes.tables.ts';
import type { TLiveCodePoolMember, TLiveCodeSchedule } from './route-live-code.ts';

export type TLiveCodeConfig = {
  name: string;
  channelName: string;
  folderId: number | null;
  pool: TLiveCodePoolMember[];
  schedule: TLiveCodeSchedule | null;
  dailyCap: number | null;
  backupStaffIds: number[];
  tagIds: number[];
  remarkTemplate: string | null;
  welcome: TMessageContent | null;
  skipVerify: boolean;
};

const invalid = (message: string, path: string) => new AppError('VALIDATION', message, { issues: [{ path, message }] });

/**
 * Checks what a code refers to: staff members exist (and, when newly added, have not resigned),
 * the folder and tags exist, templates use only known placeholders. `previous` is the saved
 * configuration when editing.
 */
export async function validateLiveCodeConfig(ctx: Ctx, config: TLiveCodeConfig, previous?: TLiveCodeConfig): Promise<void> {
  const before = new Set(previous ? [...previous.pool.map((m) => m.staffId), ...previous.backupStaffIds] : []);
  const ids = [...config.pool.map((m) => m.staffId), ...config.backupStaffIds];
  const staff = await loadStaff(ctx, ids);
  const check = (id: number, path: string) => {
    const s = staff.get(id);
    if (!s) throw invalid(`${path}: staff member ${id} does not exist. Choose someone from the staff list.`, path);
    if (s.status !== 'active' && !before.has(id)) {
      throw invalid(`${path}: ${s.name} has resigned and cannot take new customers. Choose someone else.`, path);
    }
  };
  config.pool.forEach((m, i) => {
    check(m.staffId, `pool.${i}.staffId`);
  });
  config.backupStaffIds.forEach((id, i) => {
    check(id, `backupStaffIds.${i}`);
  });
  if (config.folderId !== null) {
    const [folder] = await dbOf(ctx)
      .select({ id: liveCodeFolders.id })
      .from(liveCodeFolders)
      .where(and(eq(liveCodeFolders.tenantId, ctx.actor.tenantId), eq(liveCodeFolders.id, config.folderId)));
    if (!folder)
      throw invalid(`folderId: folder ${config.folderId} does not exist. Choose another or create it first.`, 'folderId');
  }
  if (config.tagIds.length > 0) {
    const tags = await getTagsByIds(ctx, config.tagIds);
    const missing = config.tagIds.find((id) => !tags.has(id));
    if (missing !== undefined) throw invalid(`tagIds: tag ${missing} does not exist. Choose tags from the tag list.`, 'tagIds');
  }
  if (config.remarkTemplate) {
    const unknown = unknownPlaceholders(config.remarkTemplate, REMARK_VARIABLES);
    if (unknown.length) {
      throw invalid(
        `remarkTemplate: {${unknown[0]}} is not a variable. Use ${REMARK_VARIABLES.map((v) => `{${v}}`).join(', ')}.`,
        'remarkTemplate',
      );
    }
  }
  if (config.welcome) {
    const unknown = welcomeTexts(config.welcome).flatMap((t) => unknownPlaceholders(t, WELCOME_VARIABLES));
    if (unknown.length) {
      throw invalid(
        `welcome: {${unknown[0]}} is not a variable. Use ${WELCOME_VARIABLES.map((v) => `{${v}}`).join(', ')}.`,
        'welcome',
      );
    }
  }
}

const configOf = (row: typeof liveCodes.$inferSelect): TLiveCodeConfig => ({
  name: row.name,
  channelName: row.channelName,
  folderId: row.folderId,
  pool: row.pool,
  schedule: row.schedule ?? null,
  dailyCap: row.dailyCap,
  backupStaffIds: row.backupStaffIds,
  tagIds: row.tagIds,
  remarkTemplate: row.remarkTemplate,
  welcome: row.welcome ?? null,
  skipVerify: row.skipVerify,
});

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    throw invalid(`${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}. Correct it and try again.`, path);
  }
  return parsed.data;
}

/**
 * Creates a live code and its WeCom contact way (state `lc<id>`) holding the routed staff list.
 * When the channel refuses the way the code is not kept and the channel's reason is returned; when
 * the channel is only unavailable the code is kept and the minute sweep makes the way.
 * @example
 * const code = await createLiveCode(ctx, { name: '徐汇店海报', channelName: '门店海报', pool: [{ staffId: 3, weight: 1 }], dailyCap: 50 });
 */
export async function createLiveCode(ctx: Ctx, raw: TCreateLiveCodeRequest & { storeId?: number | null }): Promise<TLiveCode> {
  assertRole(ctx.actor, TENANT_WIDE, 'create live codes');
  const input = parse(ZCreateLiveCodeRequest, raw);
  const config: TLiveCodeConfig = {
    name: input.name,
    channelName: input.channelName,
    folderId: input.folderId ?? null,
    pool: input.pool,
    schedule: input.schedule ?? null,
    dailyCap: input.dailyCap ?? null,
    backupStaffIds: input.backupStaffIds ?? [],
    tagIds: input.tagIds ?? [],
    remarkTemplate: input.remarkTemplate || null,
    welcome: input.welcome ?? null,
    skipVerify: input.skipVerify ?? true,
  };
  await validateLiveCodeConfig(ctx, config);
  const id = await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [row] = await db
      .insert(liveCodes)
      .values({
        tenantId: tctx.actor.tenantId,
        ...config,
        storeId: raw.storeId ?? null,
        status: input.status ?? 'active',
        createdBy: tctx.actor.accountId,
      })
      .returning({ id: liveCodes.id });
    if (!row) throw new AppError('INTERNAL', 'The live code was not created.');
    await db
      .update(liveCodes)
      .set({ state: liveCodeState(row.id) })
      .where(and(eq(liveCodes.tenantId, tctx.actor.tenantId), eq(liveCodes.id, row.id)));
    return row.id;
  });
  const applied = await applyLiveCodeRouting({ ...ctx, tx: undefined }, id, { reason: 'saved' });
  if (applied.outcome === 'failed' && applied.cause instanceof ChannelError && !applied.cause.retryable) {
    // WeCom refused the way (an unknown staff userid, a limit): the code would be a QR that never works.
    await ctx.db.delete(liveCodes).where(and(eq(liveCodes.tenantId, ctx.actor.tenantId), eq(liveCodes.id, id)));
    throw channelErrorToAppError(applied.cause);
  }
  return getLiveCode(ctx, id);
}

/**
 * Edits a live code; the routing is applied at once (a changed pool, schedule or cap reaches the
 * contact way now, not at the next sweep). `status: 'archived'` deletes the contact way; making an
 * archived code active again creates a new one (a new QR). A channel failure is kept on the code
 * (`syncError`) and retried by the sweep; the edit itself stands.
 */
export async function updateLiveCode(ctx: Ctx, id: number, raw: TUpdateLiveCodeRequest): Promise<TLiveCode> {
  assertRole(ctx.actor, TENANT_WIDE, 'edit live codes');
  const input = parse(ZUpdateLiveCodeRequest, raw);
  requireChanges(input);
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const where = and(eq(liveCodes.tenantId, tctx.actor.tenantId), eq(liveCodes.id, id), isNull(liveCodes.deletedAt));
    const [row] = await db.select().from(liveCodes).where(where).for('update');
    if (!row) throw notFound('Live code', id);
    const previous = configOf(row);
    const next: TLiveCodeConfig = {
      name: input.name ?? previous.name,
      channelName: input.channelName ?? previous.channelName,
      folderId: input.folderId !== undefined ? input.folderId : previous.folderId,
      pool: input.pool ?? previous.pool,
      schedule: input.schedule !== undefined ? input.schedule : previous.schedule,
      dailyCap: input.dailyCap !== undefined ? input.dailyCap : previous.dailyCap,
      backupStaffIds: input.backupStaffIds ?? previous.backupStaffIds,
      tagIds: input.tagIds ?? previous.tagIds,
      remarkTemplate: input.remarkTemplate !== undefined ? input.remarkTemplate || null : previous.remarkTemplate,
      welcome: input.welcome !== undefined ? input.welcome : previous.welcome,
      skipVerify: input.skipVerify ?? previous.skipVerify,
    };
    await validateLiveCodeConfig(tctx, next, previous);
    await db
      .update(liveCodes)
      .set({ ...next, status: input.status ?? row.status, updatedAt: tctx.now() })
      .where(where);
    if (input.status === 'archived' && row.status !== 'archived') {
      await recordAudit(tctx, {
        action: 'live_code.archive',
        targetType: 'live_code',
        targetId: id,
        details: { name: row.name },
      });
    }
  });
  await applyLiveCodeRouting({ ...ctx, tx: undefined }, id, { reason: 'saved' });
  return getLiveCode(ctx, id);
}

/**
 * Deletes a live code: hidden from lists, its contact way deleted (the QR stops working). Its
 * attributions and statistics are kept. Audited.
 */
export async function deleteLiveCode(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete live codes');
  await inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .update(liveCodes)
      .set({ deletedAt: tctx.now(), status: 'archived', updatedAt: tctx.now() })
      .where(and(eq(liveCodes.tenantId, tctx.actor.tenantId), eq(liveCodes.id, id), isNull(liveCodes.deletedAt)))
      .returning({ name: liveCodes.name, configId: liveCodes.configId });
    if (!row) throw notFound('Live code', id);
    await recordAudit(tctx, {
      action: 'live_code.delete',
      targetType: 'live_code',
      targetId: id,
      details: { name: row.name, configId: row.configId },
    });
  });
  await applyLiveCodeRouting({ ...ctx, tx: undefined }, id, { reason: 'saved' });
}

/**
 * Applies the routing of one code now (`POST /api/live-codes/{id}/sweep`), paused codes included.
 * A channel refusal is reported in the result; an unavailable channel is an error to retry.
 */
export async function applyLiveCodeNow(ctx: Ctx, id: number): Promise<TApplyOutcome> {
  assertRole(ctx.actor, TENANT_WIDE, 'apply live codes');
  const row = await dbOf(ctx)
    .select({ id: liveCodes.id })
    .from(liveCodes)
    .where(and(eq(liveCodes.tenantId, ctx.actor.tenantId), eq(liveCodes.id, id), isNull(liveCodes.deletedAt)));
  if (row.length === 0) throw notFound('Live code', id);
  const result = await applyLiveCodeRouting({ ...ctx, tx: undefined }, id, { reason: 'manual' });
  if (result.outcome === 'busy') {
    throw new AppError('CONFLICT', 'This code is being applied right now. Wait a few seconds and try again.');
  }
  if (result.outcome === 'failed' && result.cause instanceof ChannelError && result.cause.retryable) {
    throw channelErrorToAppError(result.cause);
  }
  return result;
}
