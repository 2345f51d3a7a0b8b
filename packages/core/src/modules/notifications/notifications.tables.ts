import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, identityId, tenantId, ts } from '../../lib/columns.ts';

/**
 * What Pond tells a tenant's operators without being asked (a group code opened a new group, a
 * campaign ended, a reward waits for review). Tenant-wide: shown to admins and operators.
 */
export const notifications = pgTable(
  'notifications',
  {
    tenantId: tenantId(),
    id: identityId(),
    // e.g. 'group_code.group_opened', 'reward.flagged'
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    // A console path to open, e.g. '/group-codes/3'.
    link: text('link'),
    createdAt: createdAt(),
    readAt: ts('read_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('notifications_unread_idx').on(t.tenantId, t.readAt, t.id)],
);
