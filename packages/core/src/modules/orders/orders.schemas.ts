import { z } from '@hono/zod-openapi';

export const ZOrderItem = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
  quantity: z.number().int().positive().max(1000),
  priceCents: z.number().int().nonnegative().max(100_000_000),
});

export const ZOrder = z
  .object({
    id: z.number().int(),
    externalId: z.string(),
    customerId: z.number().int(),
    customerName: z.string(),
    amountCents: z.number().int(),
    status: z.enum(['paid', 'refunded']),
    items: z.array(ZOrderItem),
    storeId: z.number().int().nullable(),
    storeName: z.string().nullable(),
    staffId: z.number().int().nullable(),
    staffName: z.string().nullable(),
    paidAt: z.string(),
    refundedAt: z.string().nullable(),
  })
  .openapi('Order');
export type TOrder = z.infer<typeof ZOrder>;

export const ZListOrdersQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  customerId: z.coerce.number().int().positive().optional(),
  storeId: z.coerce.number().int().positive().optional(),
  status: z.enum(['paid', 'refunded']).optional(),
});
export type TListOrdersQuery = z.infer<typeof ZListOrdersQuery>;
