import { and, asc, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import type { TCreateOrgUnitRequest, TOrgUnit, TUpdateOrgUnitRequest } from './org.schemas.ts';
import { orgUnits } from './org.tables.ts';

const toUnit = (r: typeof orgUnits.$inferSelect): TOrgUnit => ({
  id: r.id,
  parentId: r.parentId,
  kind: r.kind as TOrgUnit['kind'],
  name: r.name,
  code: r.code,
  city: r.city,
  address: r.address,
  latitude: r.latitude,
  longitude: r.longitude,
  status: r.status as TOrgUnit['status'],
});

// Which kind of unit may sit under which: HQ at the top, regions under HQ, stores under regions.
const PARENT_KIND = { hq: null, region: 'hq', store: 'region' } as const;

/** All org units of the tenant (a few hundred at most), ordered for a tree. Everyone may read them. */
export async function listOrgUnits(ctx: Ctx): Promise<{ items: TOrgUnit[] }> {
  const rows = await dbOf(ctx)
    .select()
    .from(orgUnits)
    .where(eq(orgUnits.tenantId, ctx.actor.tenantId))
    .orderBy(asc(orgUnits.kind), asc(orgUnits.code), asc(orgUnits.id));
  return { items: rows.map(toUnit) };
}

export async function createOrgUnit(ctx: Ctx, input: TCreateOrgUnitRequest): Promise<TOrgUnit> {
  assertRole(ctx.actor, TENANT_WIDE, 'change the organisation');
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const wantParent = PARENT_KIND[input.kind];
    if (wantParent === null) {
      if (input.parentId !== null) throw new AppError('VALIDATION', 'parentId: HQ has no parent. Leave it empty.');
    } else {
      if (input.parentId === null) throw new AppError('VALIDATION', `parentId: a ${input.kind} needs a ${wantParent} as parent.`);
      const [parent] = await db
        .select({ kind: orgUnits.kind })
        .from(orgUnits)
        .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), eq(orgUnits.id, input.parentId)));
      if (!parent) throw notFound('Parent unit', input.parentId);
      if (parent.kind !== wantParent)
        throw new AppError('VALIDATION', `parentId: a ${input.kind} must sit under a ${wantParent}.`);
    }
    const [row] = await db
      .insert(orgUnits)
      .values({ tenantId: ctx.actor.tenantId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', `Code ${input.code} is already used by another unit. Choose another code.`);
    return toUnit(row);
  });
}

export async function updateOrgUnit(ctx: Ctx, id: number, input: TUpdateOrgUnitRequest): Promise<TOrgUnit> {
  requireChanges(input);
  assertRole(ctx.actor, TENANT_WIDE, 'change the organisation');
  try {
    const [row] = await dbOf(ctx)
      .update(orgUnits)
      .set(input)
      .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), eq(orgUnits.id, id)))
      .returning();
    if (!row) throw notFound('Org unit', id);
    return toUnit(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `Code ${input.code} is already used. Choose another code.`);
    throw error;
  }
}
