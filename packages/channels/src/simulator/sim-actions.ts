import { z } from 'zod';

const id = z.number().int().positive();

/**
 * One thing a virtual customer does now (`POST /api/sim/actions`, and the behaviour model).
 * Ids are Pond ids; the simulator turns them into the WeCom-shaped events a real corp would send.
 */
export const ZSimAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('add_staff'),
    staffId: id,
    // An existing customer re-adding, or a new virtual customer (created by the simulator).
    customerId: id.optional(),
    newCustomer: z.object({ name: z.string().min(1).max(64), gender: z.number().int().min(0).max(2).optional() }).optional(),
    // The live code's channel state (≤ 30 chars, as in WeCom).
    state: z.string().max(30).optional(),
  }),
  z.object({
    type: z.literal('delete_staff'),
    staffId: id,
    customerId: id,
    // 'customer' deleted the staff member (del_follow_user) or 'staff' deleted the customer.
    by: z.enum(['customer', 'staff']).default('customer'),
  }),
  z.object({
    type: z.literal('join_group'),
    groupId: id,
    customerId: id,
    joinScene: z.number().int().min(1).max(3).default(3),
    state: z.string().max(30).optional(),
  }),
  z.object({ type: z.literal('leave_group'), groupId: id, customerId: id }),
  // Scans a staff contact way (a live code's QR): WeCom hands the scanner to the way's staff in turn
  // and the add event carries the way's state.
  z.object({
    type: z.literal('scan_contact_way'),
    configId: z.string().min(1).max(64),
    customerId: id.optional(),
    newCustomer: z.object({ name: z.string().min(1).max(64), gender: z.number().int().min(0).max(2).optional() }).optional(),
  }),
  // Scans a group join way: the scanner joins the first listed group with room (join scene 3, QR).
  z.object({ type: z.literal('scan_join_way'), configId: z.string().min(1).max(64), customerId: id }),
  z.object({
    type: z.literal('message'),
    customerId: id,
    // In a group, or privately to a staff member: exactly one of the two.
    groupId: id.optional(),
    staffId: id.optional(),
    content: z.string().min(1).max(2000),
  }),
  z.object({
    type: z.literal('order'),
    customerId: id,
    storeId: id.optional(),
    staffId: id.optional(),
    amountCents: z.number().int().positive().max(100_000_000),
    items: z
      .array(
        z.object({
          sku: z.string().min(1).max(64),
          name: z.string().min(1).max(128),
          quantity: z.number().int().positive().max(1000),
          priceCents: z.number().int().nonnegative().max(100_000_000),
        }),
      )
      .max(100)
      .default([]),
  }),
]);
export type TSimAction = z.infer<typeof ZSimAction>;
