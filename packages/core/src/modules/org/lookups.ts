import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { orgUnits, staff } from './org.tables.ts';

// Published read functions of the org module, for other modules (which never read org tables).

/** id → name for the given staff ids of the actor's tenant. */
export async function getStaffNames(ctx: Ctx, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.actor.tenantId), inArray(staff.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** id → name for the given org unit ids. */
export async function getUnitNames(ctx: Ctx, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), inArray(orgUnits.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type TStaffRef = { id: number; name: string; storeId: number | null; status: string; wecomUserId: string; role: string };

export async function getStaffById(ctx: Ctx, id: number): Promise<TStaffRef | null> {
  const [row] = await dbOf(ctx)
    .select({
      id: staff.id,
      name: staff.name,
      storeId: staff.storeId,
      status: staff.status,
      wecomUserId: staff.wecomUserId,
      role: staff.role,
    })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.actor.tenantId), eq(staff.id, id)));
  return row ?? null;
}

export async function getStaffByWecomUserId(ctx: Ctx, wecomUserId: string): Promise<TStaffRef | null> {
  const [row] = await dbOf(ctx)
    .select({
      id: staff.id,
      name: staff.name,
      storeId: staff.storeId,
      status: staff.status,
      wecomUserId: staff.wecomUserId,
      role: staff.role,
    })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.actor.tenantId), eq(staff.wecomUserId, wecomUserId)));
  return row ?? null;
}

/** Ids of the staff members of a store (a store manager's scope). */
export async function getStoreStaffIds(ctx: Ctx, storeId: number): Promise<number[]> {
  const rows = await dbOf(ctx)
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.actor.tenantId), eq(staff.storeId, storeId)));
  return rows.map((r) => r.id);
}

export async function unitExists(ctx: Ctx, id: number, kind?: 'hq' | 'region' | 'store'): Promise<boolean> {
  const [row] = await dbOf(ctx)
    .select({ kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), eq(orgUnits.id, id)));
  return !!row && (!kind || row.kind === kind);
}

/** id → staff reference for the given staff ids of the actor's tenant (names, stores, WeCom ids). */
export async function getStaffRefs(ctx: Ctx, ids: readonly number[]): Promise<Map<number, TStaffRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({
      id: staff.id,
      name: staff.name,
      storeId: staff.storeId,
      status: staff.status,
      wecomUserId: staff.wecomUserId,
      role: staff.role,
    })
    .from(staff)
    .where(and(eq(staff.tenantId, ctx.actor.tenantId), inArray(staff.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}
