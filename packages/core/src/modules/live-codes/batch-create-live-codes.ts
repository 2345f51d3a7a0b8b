import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { renderTemplate } from '../customers/welcome-message.ts';
import { getUnitNames, unitExists } from '../org/lookups.ts';
import { listStaff } from '../org/manage-staff.ts';
import {
  type TBatchCreateLiveCodesRequest,
  type TBatchCreateLiveCodesResult,
  ZBatchCreateLiveCodesRequest,
} from './live-codes.schemas.ts';
import { liveCodes } from './live-codes.tables.ts';
import { createLiveCode } from './save-live-code.ts';

type TStoreResult = TBatchCreateLiveCodesResult['results'][number];

/**
 * One live code per store (门店渠道码): the store's active guides are the pool (weight 1), its store
 * managers the backups (optional), name and channel from templates with `{store_name}`, everything
 * else shared. Stores are done one by one; each gets its own result — created, skipped (a code with
 * that name exists for the store, so a batch can be run again after a failure) or failed with what
 * to fix. The console sends large batches in chunks to show progress.
 * @example
 * const r = await batchCreateLiveCodes(ctx, { storeIds: [4, 5], nameTemplate: '{store_name}导购码', channelTemplate: '{store_name}', dailyCap: 80 });
 */
export async function batchCreateLiveCodes(ctx: Ctx, raw: TBatchCreateLiveCodesRequest): Promise<TBatchCreateLiveCodesResult> {
  assertRole(ctx.actor, TENANT_WIDE, 'create live codes');
  const parsed = ZBatchCreateLiveCodesRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Correct it and try again.`);
  }
  const input = parsed.data;
  const names = await getUnitNames(ctx, input.storeIds);
  const results: TStoreResult[] = [];
  for (const storeId of input.storeIds) {
    const storeName = names.get(storeId) ?? null;
    const result = (outcome: TStoreResult['outcome'], extra: Partial<TStoreResult>): TStoreResult => ({
      storeId,
      storeName,
      outcome,
      codeId: null,
      name: null,
      error: null,
      ...extra,
    });
    if (!storeName || !(await unitExists(ctx, storeId, 'store'))) {
      results.push(result('failed', { error: `Store ${storeId} does not exist. Refresh the store list.` }));
      continue;
    }
    const name = renderTemplate(input.nameTemplate, { store_name: storeName }).trim();
    const channelName = renderTemplate(input.channelTemplate, { store_name: storeName }).trim();
    if (name.length > 64 || channelName.length > 32) {
      results.push(
        result('failed', {
          name,
          error: 'The name (64 characters at most) or channel (32 at most) is too long for this store. Shorten the template.',
        }),
      );
      continue;
    }
    if (input.skipExisting) {
      const [existing] = await dbOf(ctx)
        .select({ id: liveCodes.id })
        .from(liveCodes)
        .where(
          and(
            eq(liveCodes.tenantId, ctx.actor.tenantId),
            eq(liveCodes.storeId, storeId),
            eq(liveCodes.name, name),
            isNull(liveCodes.deletedAt),
          ),
        );
      if (existing) {
        results.push(result('skipped', { codeId: existing.id, name }));
        continue;
      }
    }
    const staff = await listStaff(ctx, { storeId, status: 'active', page: 1, pageSize: 200 });
    const guides = staff.items.filter((s) => s.role === 'guide');
    const managers = staff.items.filter((s) => s.role === 'store_manager');
    if (guides.length === 0) {
      results.push(
        result('failed', {
          name,
          error: `${storeName} has no active guides. Add guides under Organisation → Staff, then run the batch again.`,
        }),
      );
      continue;
    }
    try {
      const code = await createLiveCode(ctx, {
        name,
        channelName,
        storeId,
        folderId: input.folderId ?? null,
        pool: guides.slice(0, 100).map((g) => ({ staffId: g.id, weight: 1 })),
        schedule: input.schedule ?? null,
        dailyCap: input.dailyCap ?? null,
        backupStaffIds: input.storeManagersAsBackup ? managers.slice(0, 20).map((m) => m.id) : [],
        tagIds: input.tagIds ?? [],
        remarkTemplate: input.remarkTemplate ?? null,
        welcome: input.welcome ?? null,
        skipVerify: input.skipVerify,
      });
      results.push(result('created', { codeId: code.id, name }));
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      results.push(result('failed', { name, error: error.message }));
    }
  }
  return {
    created: results.filter((r) => r.outcome === 'created').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    results,
  };
}
