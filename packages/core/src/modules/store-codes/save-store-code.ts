import { and, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { getStoreCode } from './get-store-code.ts';
import { loadUnits, participatingStores, type TStoreUnit } from './participating-stores.ts';
import { storeTargetExists } from './store-code-targets.ts';
import type { TCreateStoreCodeRequest, TStoreCodeDetail, TStoreTarget, TUpdateStoreCodeRequest } from './store-codes.schemas.ts';
import { storeCodes, storeCodeTargets } from './store-codes.tables.ts';

type TConfig = {
  fallbackStoreId: number;
  participation: 'all' | 'stores' | 'regions';
  unitIds: number[];
  targets: TStoreTarget[];
};

const invalid = (message: string) => new AppError('VALIDATION', message);

/**
 * Checks a code's configuration against the tenant's org and the target modules, and returns it
 * normalised (unit ids deduplicated and sorted, none for 'all'). Ids of other tenants read as
 * missing, with the same message.
 */
async function validateConfig(ctx: Ctx, config: TConfig, checkTargets: boolean): Promise<TConfig> {
  const { stores, regions } = await loadUnits(ctx);
  const fallback = stores.get(config.fallbackStoreId);
  if (fallback?.status !== 'open') {
    throw invalid(
      `fallbackStoreId: ${config.fallbackStoreId} is not an open store of yours. Choose an open store as the fallback.`,
    );
  }
  const unitIds = config.participation === 'all' ? [] : [...new Set(config.unitIds)].sort((a, b) => a - b);
  if (config.participation === 'stores') {
    if (unitIds.length === 0) throw invalid('unitIds: choose at least one store, or let all stores take part.');
    const unknown = unitIds.find((id) => !stores.has(id));
    if (unknown !== undefined) throw invalid(`unitIds: ${unknown} is not one of your stores. Remove it and try again.`);
  }
  if (config.participation === 'regions') {
    if (unitIds.length === 0) throw invalid('unitIds: choose at least one region, or let all stores take part.');
    const unknown = unitIds.find((id) => !regions.has(id));
    if (unknown !== undefined) throw invalid(`unitIds: ${unknown} is not one of your regions. Remove it and try again.`);
  }
  const normalised = { ...config, unitIds };
  const members = new Map<number, TStoreUnit>(participatingStores(normalised, stores).map((s) => [s.id, s]));
  const seen = new Set<number>();
  for (const [i, target] of config.targets.entries()) {
    const where = `targets.${i}`;
    if (seen.has(target.storeId)) throw invalid(`${where}.storeId: store ${target.storeId} has two targets. Keep one.`);
    seen.add(target.storeId);
    if (!members.has(target.storeId)) {
      throw invalid(`${where}.storeId: store ${target.storeId} does not take part in this code. Add it or remove its target.`);
    }
    if (target.kind === 'guides') {
      if (target.refId !== null) throw invalid(`${where}.refId: the store's guides need no code. Leave refId empty.`);
      continue;
    }
    if (target.refId === null) throw invalid(`${where}.refId: choose the ${target.kind.replace('_', ' ')} for this store.`);
    if (checkTargets && !(await storeTargetExists(ctx, target.kind, target.refId))) {
      throw invalid(`${where}.refId: ${target.kind.replace('_', ' ')} ${target.refId} does not exist. Choose another.`);
    }
  }
  // 'guides' is the default: no row needed.
  return { ...normalised, targets: config.targets.filter((t) => t.kind !== 'guides') };
}

async function writeTargets(ctx: Ctx, storeCodeId: number, targets: TStoreTarget[]): Promise<void> {
  const db = dbOf(ctx);
  await db
    .delete(storeCodeTargets)
    .where(and(eq(storeCodeTargets.tenantId, ctx.actor.tenantId), eq(storeCodeTargets.storeCodeId, storeCodeId)));
  if (targets.length === 0) return;
  await db
    .insert(storeCodeTargets)
    .values(
      targets.map((t) => ({ tenantId: ctx.actor.tenantId, storeCodeId, storeId: t.storeId, kind: t.kind, refId: t.refId })),
    );
}

/**
 * Creates a store code and its permanent short link (`/s/<slug>`). Operators and admins only.
 * @example
 * await createStoreCode(ctx, { name: '全国门店码', radiusMetres: 3000, fallbackStoreId: 12, participation: 'all', unitIds: [], targets: [] });
 */
export async function createStoreCode(ctx: Ctx, input: TCreateStoreCodeRequest): Promise<TStoreCodeDetail> {
  assertRole(ctx.actor, TENANT_WIDE, 'create store codes');
  const config = await validateConfig(ctx, input, true);
  return inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(storeCodes)
      .values({
        tenantId: tctx.actor.tenantId,
        name: input.name,
        headline: input.headline || null,
        radiusMetres: input.radiusMetres,
        fallbackStoreId: config.fallbackStoreId,
        participation: config.participation,
        unitIds: config.unitIds,
        createdBy: tctx.actor.name,
      })
      .returning({ id: storeCodes.id });
    if (!row) throw new Error('Store code was not written.');
    await writeTargets(tctx, row.id, config.targets);
    await ensureShortLink(tctx, { kind: 'store_code', refId: row.id });
    return getStoreCode(tctx, row.id);
  });
}

/** Changes a store code; `targets`, when given, replace every per-store target. */
export async function updateStoreCode(ctx: Ctx, id: number, input: TUpdateStoreCodeRequest): Promise<TStoreCodeDetail> {
  requireChanges(input);
  assertRole(ctx.actor, TENANT_WIDE, 'change store codes');
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const where = and(eq(storeCodes.tenantId, tctx.actor.tenantId), eq(storeCodes.id, id), isNull(storeCodes.deletedAt));
    const [current] = await db.select().from(storeCodes).where(where).for('update');
    if (!current) throw notFound('Store code', id);
    const currentTargets = await db
      .select({ storeId: storeCodeTargets.storeId, kind: storeCodeTargets.kind, refId: storeCodeTargets.refId })
      .from(storeCodeTargets)
      .where(and(eq(storeCodeTargets.tenantId, tctx.actor.tenantId), eq(storeCodeTargets.storeCodeId, id)));
    const config = await validateConfig(
      tctx,
      {
        fallbackStoreId: input.fallbackStoreId ?? current.fallbackStoreId,
        participation: input.participation ?? (current.participation as TConfig['participation']),
        unitIds: input.unitIds ?? current.unitIds,
        targets: input.targets ?? (currentTargets as TStoreTarget[]),
      },
      // Targets kept as they were are not checked again: a live code archived since then must not
      // block renaming the store code (the landing page falls back to the store's guides).
      input.targets !== undefined,
    );
    await db
      .update(storeCodes)
      .set({
        name: input.name,
        headline: input.headline === undefined ? undefined : input.headline || null,
        radiusMetres: input.radiusMetres,
        fallbackStoreId: config.fallbackStoreId,
        participation: config.participation,
        unitIds: config.unitIds,
        updatedAt: tctx.now(),
      })
      .where(where);
    await writeTargets(tctx, id, config.targets);
    return getStoreCode(tctx, id);
  });
}

/**
 * Retires a store code: its printed QR then answers "no longer in use". The row is kept
 * (soft-deleted) with its scans, so the short link never points at a reused id.
 */
export async function deleteStoreCode(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete store codes');
  const [row] = await dbOf(ctx)
    .update(storeCodes)
    .set({ deletedAt: ctx.now() })
    .where(and(eq(storeCodes.tenantId, ctx.actor.tenantId), eq(storeCodes.id, id), isNull(storeCodes.deletedAt)))
    .returning({ id: storeCodes.id });
  if (!row) throw notFound('Store code', id);
}
