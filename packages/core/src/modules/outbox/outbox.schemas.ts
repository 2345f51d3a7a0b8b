import { ZMessageContent } from '@pond/channels';
import { z } from 'zod';

const ZContent = ZMessageContent;

/** What an outbound action asks the channel to do; the `kind` picks the channel call. */
export const ZOutboundAction = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('welcome'),
    payload: z.object({
      welcomeCode: z.string().min(1),
      content: ZContent,
      // Pond's ids, so the sent message lands on the right conversation and timeline.
      customerId: z.number().int(),
      staffId: z.number().int(),
      staffUserId: z.string().min(1),
      externalUserId: z.string().min(1),
    }),
  }),
  z.object({
    kind: z.literal('private_message'),
    payload: z.object({
      staffUserId: z.string().min(1),
      externalUserId: z.string().min(1),
      content: ZContent,
      customerId: z.number().int().optional(),
      staffId: z.number().int().optional(),
    }),
  }),
  z.object({
    kind: z.literal('group_message'),
    payload: z.object({ chatId: z.string().min(1), content: ZContent, groupId: z.number().int().optional() }),
  }),
  z.object({
    kind: z.literal('mass_task'),
    payload: z.object({
      chatType: z.enum(['single', 'group']),
      staffUserId: z.string().min(1),
      targets: z.array(z.string().min(1)).min(1).max(10_000),
      content: ZContent,
    }),
  }),
  z.object({
    kind: z.literal('mark_tags'),
    payload: z.object({
      staffUserId: z.string().min(1),
      externalUserId: z.string().min(1),
      addTagIds: z.array(z.string()).default([]),
      removeTagIds: z.array(z.string()).default([]),
    }),
  }),
  z.object({
    kind: z.literal('remark'),
    payload: z.object({
      staffUserId: z.string().min(1),
      externalUserId: z.string().min(1),
      remark: z.string().min(1).max(20),
    }),
  }),
  z.object({
    kind: z.literal('create_group'),
    payload: z.object({
      name: z.string().min(1).max(128),
      ownerUserId: z.string().min(1),
      memberUserIds: z.array(z.string()).default([]),
      notice: z.string().max(2000).optional(),
    }),
  }),
  z.object({
    kind: z.literal('update_group'),
    payload: z.object({
      chatId: z.string().min(1),
      name: z.string().max(128).optional(),
      notice: z.string().max(2000).optional(),
      ownerUserId: z.string().optional(),
    }),
  }),
  // add_moment_task: a moments post for these staff members; the channel's moment id is the row's external_id.
  z.object({
    kind: z.literal('moment'),
    payload: z.object({
      staffUserIds: z.array(z.string().min(1)).min(1).max(10_000),
      content: ZContent,
      momentTaskId: z.number().int().optional(),
    }),
  }),
]);
export type TOutboundAction = z.infer<typeof ZOutboundAction>;
export type TOutboundActionInput = z.input<typeof ZOutboundAction>;
export type TOutboundKind = TOutboundAction['kind'];

/** The payload of the `outbox.send` job. */
export const ZOutboxSendJob = z.object({ tenantId: z.number().int().positive(), actionId: z.number().int().positive() });
export type TOutboxSendJob = z.infer<typeof ZOutboxSendJob>;
