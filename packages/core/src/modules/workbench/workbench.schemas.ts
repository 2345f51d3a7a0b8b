import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZCustomerDetail, ZCustomerListItem, ZTimelineEvent } from '../customers/customers.schemas.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { ZMaterialType } from '../materials/materials.schemas.ts';
import { ZOrder } from '../orders/orders.schemas.ts';
import { ZGuideTask } from '../tasks/tasks.schemas.ts';

// Managers and HQ preview a guide's workbench with `?staffId=`; guides never need it.
export const ZPreviewQuery = z.object({
  staffId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'Managers/HQ: the guide whose workbench to preview' }),
});

const ZStaffBrief = z.object({ id: z.number().int(), name: z.string(), storeId: z.number().int().nullable() });

export const ZWorkbenchToday = z
  .object({
    staff: ZStaffBrief,
    preview: z.boolean(),
    // The local day (Asia/Shanghai), YYYY-MM-DD.
    date: z.string(),
    counts: z.object({
      total: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      done: z.number().int(),
      skipped: z.number().int(),
    }),
    sections: z.array(
      z.object({ key: z.enum(['sop', 'follow_up', 'broadcast', 'moment']), open: z.number().int(), tasks: z.array(ZGuideTask) }),
    ),
  })
  .openapi('WorkbenchToday');
export type TWorkbenchToday = z.infer<typeof ZWorkbenchToday>;

export const ZWorkbenchCustomersQuery = ZPageQuery.merge(ZPreviewQuery).extend({
  q: z.string().trim().max(64).optional().openapi({ description: 'Name, your remark, phone, or its last 4 digits' }),
});

export const ZWorkbenchCustomer = ZCustomerListItem.extend({ remark: z.string().nullable(), addedAt: z.string() }).openapi(
  'WorkbenchCustomer',
);

export const ZWorkbenchCustomerDetail = z
  .object({
    customer: ZCustomerDetail,
    // This guide's remark on the customer.
    remark: z.string().nullable(),
    orders: z.object({
      recent: z.array(ZOrder),
      count: z.number().int(),
      totalSpentCents: z.number().int(),
      lastOrderAt: z.string().nullable(),
    }),
    timeline: z.array(ZTimelineEvent),
    openTasks: z.array(ZGuideTask),
  })
  .openapi('WorkbenchCustomerDetail');
export type TWorkbenchCustomerDetail = z.infer<typeof ZWorkbenchCustomerDetail>;

// A client-made id per tap: the same id twice does the thing once.
const ZRequestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _')
  .openapi({ example: 'k3J9x0aZ2mQ7' });

export const ZQuickTags = z
  .object({
    add: z.array(z.number().int().positive()).max(50).default([]),
    remove: z.array(z.number().int().positive()).max(50).default([]),
    requestId: ZRequestId.optional(),
  })
  .refine((b) => b.add.length + b.remove.length > 0, 'add or remove at least one tag')
  .openapi('QuickTags');
export type TQuickTags = z.infer<typeof ZQuickTags>;

export const ZQuickTagsResult = z
  .object({
    added: z.array(z.number().int()),
    removed: z.array(z.number().int()),
    tags: z.array(z.object({ id: z.number().int(), name: z.string(), groupId: z.number().int() })),
    // The outbox action that marks the tags on the channel, when any synced tag changed.
    actionId: z.number().int().nullable(),
  })
  .openapi('QuickTagsResult');

export const ZNoteRequest = z.object({ text: z.string().trim().min(1).max(1000) }).openapi('WorkbenchNote');

export const ZWorkbenchSend = z
  .object({
    customerId: z.number().int().positive(),
    content: ZContentRef,
    requestId: ZRequestId,
    // The task this send fulfils: it is completed with the send.
    taskId: z.number().int().positive().optional(),
  })
  .openapi('WorkbenchSend');
export type TWorkbenchSend = z.infer<typeof ZWorkbenchSend>;

export const ZWorkbenchSendResult = z
  .object({ actionId: z.number().int(), duplicate: z.boolean(), taskCompleted: z.boolean() })
  .openapi('WorkbenchSendResult');

export const ZWorkbenchStats = z
  .object({
    staff: ZStaffBrief,
    week: z.object({ from: z.string(), to: z.string() }),
    month: z.object({ from: z.string(), to: z.string() }),
    customers: z.number().int(),
    newThisWeek: z.number().int(),
    deletedThisWeek: z.number().int(),
    tasksThisWeek: z.object({
      total: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      completionRate: z.number(),
    }),
    // PRODUCT.md KPIs over this calendar month, for the customers in relation with the guide.
    ordersThisMonth: z.object({
      gmvCents: z.number().int(),
      paidOrders: z.number().int(),
      purchasingCustomers: z.number().int(),
      aovCents: z.number().int(),
    }),
  })
  .openapi('WorkbenchStats');
export type TWorkbenchStats = z.infer<typeof ZWorkbenchStats>;

export const ZContextQuery = ZPreviewQuery.extend({ externalUserId: z.string().trim().min(1).max(128) });
export const ZWorkbenchContext = z.object({ customerId: z.number().int(), name: z.string() }).openapi('WorkbenchContext');

export const ZWorkbenchScriptsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Searches title, text and tags' }),
  categoryId: z.coerce.number().int().positive().optional(),
});

export const ZWorkbenchMaterialsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Searches title, description and tags' }),
  type: ZMaterialType.optional(),
});
