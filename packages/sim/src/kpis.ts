// The order KPIs of PRODUCT.md computed over generated orders, to check (and print) that a world
// looks like the seeds' reference points. Definitions, for a window [from, to):
//   GMV = paid amounts − refunded amounts; purchasing customers = ≥ 1 paid, not refunded order;
//   repurchase rate = purchasers with ≥ 2 paid orders ÷ purchasers; frequency = paid orders ÷
//   purchasers; AOV = GMV ÷ paid orders; concentration = GMV share of the top 20 % of purchasers.

export type TKpiOrder = { customerRef: number; amountCents: number; status: 'paid' | 'refunded'; paidAt: Date };

export type TOrderKpis = {
  customers: number;
  paidOrders: number;
  refundedOrders: number;
  gmvCents: number;
  purchasingCustomers: number;
  /** Purchasing customers ÷ customers. */
  purchasingShare: number;
  repurchaseRate: number;
  frequency: number;
  aovCents: number;
  /** GMV share of the top 20 % of purchasers by GMV. */
  top20GmvShare: number;
};

/**
 * KPIs over the orders of `customerRefs` (all customers when omitted) in [from, to).
 * @example
 * const kpis = computeOrderKpis(world.orders, { from, to: world.now, customers: world.customers.length });
 */
export function computeOrderKpis(
  orders: readonly TKpiOrder[],
  options: { from: Date; to: Date; customers: number; customerRefs?: ReadonlySet<number> },
): TOrderKpis {
  const from = options.from.getTime();
  const to = options.to.getTime();
  const perCustomer = new Map<number, { orders: number; gmv: number }>();
  let paidOrders = 0;
  let refundedOrders = 0;
  let gmvCents = 0;
  for (const order of orders) {
    const at = order.paidAt.getTime();
    if (at < from || at >= to) continue;
    if (options.customerRefs && !options.customerRefs.has(order.customerRef)) continue;
    // A fully refunded order adds its amount and takes it away again: it contributes nothing.
    if (order.status === 'refunded') {
      refundedOrders++;
      continue;
    }
    paidOrders++;
    gmvCents += order.amountCents;
    const entry = perCustomer.get(order.customerRef) ?? { orders: 0, gmv: 0 };
    entry.orders++;
    entry.gmv += order.amountCents;
    perCustomer.set(order.customerRef, entry);
  }
  const purchasers = [...perCustomer.values()];
  const purchasingCustomers = purchasers.length;
  const repeaters = purchasers.filter((p) => p.orders >= 2).length;
  const topCount = Math.ceil(purchasingCustomers * 0.2);
  const topGmv = purchasers
    .map((p) => p.gmv)
    .sort((a, b) => b - a)
    .slice(0, topCount)
    .reduce((a, b) => a + b, 0);
  return {
    customers: options.customers,
    paidOrders,
    refundedOrders,
    gmvCents,
    purchasingCustomers,
    purchasingShare: options.customers > 0 ? purchasingCustomers / options.customers : 0,
    repurchaseRate: purchasingCustomers > 0 ? repeaters / purchasingCustomers : 0,
    frequency: purchasingCustomers > 0 ? paidOrders / purchasingCustomers : 0,
    aovCents: paidOrders > 0 ? Math.round(gmvCents / paidOrders) : 0,
    top20GmvShare: gmvCents > 0 ? topGmv / gmvCents : 0,
  };
}
