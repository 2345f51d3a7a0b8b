import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, tenantId, ts } from '../../lib/columns.ts';

/** Every outbound channel action; one row per (job, recipient), so nothing is sent twice. */
export const outboundActions = pgTable(
  'outbound_actions',
  {
    tenantId: tenantId(),
    id: identityId(),
    // Unique per tenant: e.g. `welcome:<inboxEventId>`, `broadcast:<id>:<customerId>`.
    idempotencyKey: text('idempotency_key').notNull(),
    // 'welcome' | 'private_message' | 'group_message' | 'mass_task' | 'mark_tags' | 'remark' | 'create_group' | 'update_group' | 'moment'
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // 'pending' | 'sending' (claimed by a worker) | 'sent' | 'failed' | 'expired' (e.g. a welcome code past 20 s)
    status: text('status').notNull().default('pending'),
    // Channel that carried it: 'simulator' | 'wecom'.
    provider: text('provider').notNull(),
    // The channel's id for what was created (msgid, task id, chat id), once sent.
    externalId: text('external_id'),
    attempts: integer('attempts').notNull().default(0),
    // When a worker claimed it ('sending'); a claim older than the lease is abandoned (the worker died).
    claimedAt: ts('claimed_at'),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('outbound_key_uq').on(t.tenantId, t.idempotencyKey),
    index('outbound_status_idx').on(t.tenantId, t.status),
  ],
);
