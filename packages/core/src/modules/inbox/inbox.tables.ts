import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, tenantId, ts } from '../../lib/columns.ts';

/** Every inbound channel event, stored before it is acknowledged, processed by a job. */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    tenantId: tenantId(),
    id: identityId(),
    // 'simulator' | 'wecom' | 'api'
    channel: text('channel').notNull(),
    // Unique per (tenant, channel): WeCom's MsgId, or FromUserName+CreateTime+event fields.
    dedupeKey: text('dedupe_key').notNull(),
    // The channel event type, e.g. 'customer.added'.
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // When the event happened at the source (may arrive late and out of order).
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: createdAt(),
    // 'pending' | 'processed' | 'failed'
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    processedAt: ts('processed_at'),
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('inbox_dedupe_uq').on(t.tenantId, t.channel, t.dedupeKey),
    index('inbox_status_idx').on(t.tenantId, t.status, t.receivedAt),
  ],
);
