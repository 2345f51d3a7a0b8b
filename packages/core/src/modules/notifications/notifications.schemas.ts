import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';

export const ZNotification = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi('Notification');
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = ZPageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type TListNotificationsQuery = z.infer<typeof ZListNotificationsQuery>;

export const ZMarkRead = z
  .object({
    // The notices to mark read; omit to mark every notice read.
    ids: z.array(z.number().int().positive()).max(200).optional(),
  })
  .openapi('MarkNotificationsRead');
