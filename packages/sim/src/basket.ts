import { PRODUCTS, type TProduct } from './data/catalogue.ts';
import type { Rng } from './rng.ts';

/** A line of an order, as stored in orders.items and sent in the `order` sim action. */
export type TOrderItem = { sku: string; name: string; quantity: number; priceCents: number };

const PRODUCT_INDEXES: readonly number[] = PRODUCTS.map((_, i) => i);

/** Basket sizes 1–4 for an ordinary customer: most buy one drink. */
export const DEFAULT_BASKET_SIZES: readonly number[] = [72, 21, 5, 2];

/**
 * A tea-shop basket: 1–4 distinct drinks, mostly one cup each, favouring the customer's preferred
 * categories (their interest tags) and, once launched, the new drinks for those who like novelties.
 * @example
 * const items = drawBasket(rng, { preferred: new Set(['果茶']), newOnMenu: true });
 * const amountCents = items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);
 */
export function drawBasket(
  rng: Rng,
  options: { sizeWeights?: readonly number[]; preferred?: ReadonlySet<string>; newOnMenu?: boolean } = {},
): TOrderItem[] {
  const preferred = options.preferred ?? new Set<string>();
  const size = rng.weighted([1, 2, 3, 4], options.sizeWeights ?? DEFAULT_BASKET_SIZES);
  const weights = PRODUCTS.map((p) => productWeight(p, preferred, options.newOnMenu ?? true));
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(rng.weighted(PRODUCT_INDEXES, weights));
  return [...chosen].map((i) => {
    const product = PRODUCTS[i] as TProduct;
    return {
      sku: product.sku,
      name: product.name,
      quantity: rng.weighted([1, 2, 3], [90, 8, 2]),
      priceCents: product.priceCents,
    };
  });
}

function productWeight(product: TProduct, preferred: ReadonlySet<string>, newOnMenu: boolean): number {
  if (product.isNew && !newOnMenu) return 0;
  let w = product.popularity;
  if (preferred.has(product.category)) w *= 3;
  if (product.isNew && preferred.has('新品尝鲜')) w *= 3;
  return w;
}
