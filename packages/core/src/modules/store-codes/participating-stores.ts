import type { Ctx } from '../../context.ts';
import { listOrgUnits } from '../org/manage-org-units.ts';
import type { TOrgUnit } from '../org/org.schemas.ts';
import type { storeCodes } from './store-codes.tables.ts';

export type TStoreUnit = TOrgUnit & { kind: 'store' };

type TParticipation = Pick<typeof storeCodes.$inferSelect, 'participation' | 'unitIds'>;

/** Every org unit of the tenant, split for store codes: stores by id and regions by id. */
export async function loadUnits(ctx: Ctx): Promise<{ stores: Map<number, TStoreUnit>; regions: Set<number> }> {
  const { items } = await listOrgUnits(ctx);
  const stores = new Map<number, TStoreUnit>();
  const regions = new Set<number>();
  for (const u of items) {
    if (u.kind === 'store') stores.set(u.id, u as TStoreUnit);
    else if (u.kind === 'region') regions.add(u.id);
  }
  return { stores, regions };
}

/**
 * The stores taking part in a code, whatever their status or coordinates (routing skips closed
 * stores and those without coordinates): all stores, the listed ones, or those of the listed regions.
 */
export function participatingStores(code: TParticipation, stores: ReadonlyMap<number, TStoreUnit>): TStoreUnit[] {
  const all = [...stores.values()].sort((a, b) => a.id - b.id);
  if (code.participation === 'stores') {
    const ids = new Set(code.unitIds);
    return all.filter((s) => ids.has(s.id));
  }
  if (code.participation === 'regions') {
    const ids = new Set(code.unitIds);
    return all.filter((s) => s.parentId !== null && ids.has(s.parentId));
  }
  return all;
}

/** Open and located: the stores routing can send a customer to. */
export const isRoutable = (s: TStoreUnit) => s.status === 'open' && s.latitude !== null && s.longitude !== null;
