import { z } from '@hono/zod-openapi';

/** How the simulated WeCom delivers the callbacks an action causes (for tests and "what if" runs). */
export const ZDeliverMode = z.enum(['now', 'late', 'twice']);
export type TDeliverMode = z.infer<typeof ZDeliverMode>;

export const ZSimActionQuery = z.object({
  // now: delivered and processed at once; twice: delivered twice, as WeCom does when an answer is
  // slow; late: delivered after `lateBySeconds`, so later actions overtake it (out of order).
  deliver: ZDeliverMode.default('now'),
  lateBySeconds: z.coerce.number().int().min(0).max(3600).default(5),
});

export const ZSimActionResult = z
  .object({
    ok: z.literal(true),
    // Inbox rows created by this action's callbacks (none when delivery is late).
    inboxEventIds: z.array(z.number().int()),
    // Copies the inbox recognised as redeliveries.
    duplicates: z.number().int(),
    // Callbacks scheduled for late delivery.
    deferred: z.number().int(),
    customerId: z.number().int().optional(),
    externalUserId: z.string().optional(),
    welcomeCode: z.string().optional(),
    msgId: z.string().optional(),
    orderId: z.number().int().optional(),
  })
  .openapi('SimActionResult');
export type TSimActionResult = z.infer<typeof ZSimActionResult>;

export const ZSimStatus = z.object({ clock: z.string(), speed: z.number().int(), running: z.boolean() }).openapi('SimStatus');
export type TSimStatus = z.infer<typeof ZSimStatus>;

export const ZSimLogQuery = z.object({
  // `private:<userid>:<external_userid>` or `group:<chat_id>`; required for guides and store managers.
  conversation: z.string().min(1).max(200).optional(),
  afterId: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TSimLogQuery = z.infer<typeof ZSimLogQuery>;

export const ZSimLogItem = z
  .object({
    id: z.number().int(),
    conversation: z.string(),
    sender: z.string(),
    senderName: z.string(),
    msgType: z.string(),
    content: z.string(),
    at: z.string(),
  })
  .openapi('SimLogItem');
export type TSimLogItem = z.infer<typeof ZSimLogItem>;

export const ZMassTaskParam = z.object({
  msgId: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'msgId', in: 'path' }, example: 'simmass_0f3c…' }),
});

export const ZMassTaskStatus = z
  .object({
    msgId: z.string(),
    state: z.enum(['waiting', 'sent', 'never']),
    results: z.array(z.object({ target: z.string(), status: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]) })),
  })
  .openapi('MassTaskStatus');
