import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, identityId, ref, tenantId } from '../../lib/columns.ts';

/** Sensitive actions: export, role change, tag deletion, handover, … Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantId(),
    id: identityId(),
    actorAccountId: ref('actor_account_id'),
    actorName: text('actor_name').notNull(),
    // e.g. 'customer.export', 'account.role_change', 'tag.delete', 'staff.handover'
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('audit_created_idx').on(t.tenantId, t.createdAt)],
);
