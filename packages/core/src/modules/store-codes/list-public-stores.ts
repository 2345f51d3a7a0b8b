import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { findStoreCode } from './get-store-code.ts';
import { loadUnits, participatingStores, type TStoreUnit } from './participating-stores.ts';
import type { TRoutedStore } from './store-codes.schemas.ts';

// For the landing page's picker, when the customer does not share their location: the open stores
// of the code by city. Public (the slug's tenant); only what a shop sign shows.

async function openStores(ctx: Ctx, codeId: number): Promise<TStoreUnit[]> {
  const code = await findStoreCode(ctx, codeId);
  if (!code) throw new AppError('NOT_FOUND', 'This store code is no longer in use. Ask the store staff for a new one.');
  const { stores } = await loadUnits(ctx);
  return participatingStores(code, stores)
    .filter((s) => s.status === 'open')
    .sort((a, b) => (a.city ?? '').localeCompare(b.city ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/** The cities of the code's open stores with how many each has ('' for stores without a city). */
export async function listStoreCodeCities(ctx: Ctx, codeId: number): Promise<{ items: { city: string; storeCount: number }[] }> {
  const counts = new Map<string, number>();
  for (const s of await openStores(ctx, codeId)) counts.set(s.city ?? '', (counts.get(s.city ?? '') ?? 0) + 1);
  return { items: [...counts].map(([city, storeCount]) => ({ city, storeCount })) };
}

/** The code's open stores, by city then name, optionally of one city (`''` = stores without a city). */
export async function listStoreCodeStores(
  ctx: Ctx,
  codeId: number,
  query: TPageQuery & { city?: string },
): Promise<TPage<Omit<TRoutedStore, 'distanceMetres'>>> {
  const all = (await openStores(ctx, codeId)).filter((s) => query.city === undefined || (s.city ?? '') === query.city);
  const start = pageOffset(query);
  return {
    items: all.slice(start, start + query.pageSize).map((s) => ({
      id: s.id,
      name: s.name,
      city: s.city,
      address: s.address,
      latitude: s.latitude,
      longitude: s.longitude,
    })),
    total: all.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
