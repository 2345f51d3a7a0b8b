import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId, ts } from '../../lib/columns.ts';

export type TOrderItem = { sku: string; name: string; quantity: number; priceCents: number };

export const orders = pgTable(
  'orders',
  {
    tenantId: tenantId(),
    id: identityId(),
    // The order number in the brand's POS or mall; unique per tenant, makes order intake idempotent.
    externalId: text('external_id').notNull(),
    customerId: ref('customer_id').notNull(),
    storeId: ref('store_id'),
    staffId: ref('staff_id'),
    // Paid amount in cents (分).
    amountCents: integer('amount_cents').notNull(),
    // 'paid' | 'refunded'
    status: text('status').notNull(),
    items: jsonb('items').$type<TOrderItem[]>().notNull().default([]),
    paidAt: ts('paid_at').notNull(),
    refundedAt: ts('refunded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('orders_external_uq').on(t.tenantId, t.externalId),
    index('orders_customer_idx').on(t.tenantId, t.customerId, t.paidAt),
    index('orders_paid_idx').on(t.tenantId, t.paidAt),
  ],
);
