import { sql } from 'drizzle-orm';
import { bigint, customType, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, identityId, tenantId, ts } from '../../lib/columns.ts';
import type { TAudienceExpression } from './audience-expression.ts';

// PostgreSQL's 64-bit transaction id; read back as text and compared in SQL only.
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/** A saved audience (人群): a named expression, stored as the client sent it. */
export const audiences = pgTable(
  'audiences',
  {
    tenantId: tenantId(),
    id: identityId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // The audience expression (audience-expression.ts), validated on write, stored as is.
    expression: jsonb('expression').$type<TAudienceExpression>().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('audiences_name_uq').on(t.tenantId, t.name)],
);

/**
 * The change log that keeps every process's in-memory audience index exact. Written only by the
 * AFTER ROW triggers of the custom migration `audience_changes` (customers, customer_tags, follows,
 * group_members, orders, tags); read by `catchUpAudienceIndex`; pruned by the `audiences.prune`
 * job. `seq` is global (one identity), so seqs of one tenant have gaps.
 */
export const audienceChanges = pgTable(
  'audience_changes',
  {
    // Insert order (not commit order: readers also re-read rows of transactions that were in progress).
    tenantId: tenantId(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    // The customer whose audience facts may have changed; null with what = 'all' or 'tags'.
    customerId: bigint('customer_id', { mode: 'number' }),
    // 'customer' (reload that customer) | 'tags' (tag → group map changed) | 'all' (rebuild the tenant)
    what: text('what').notNull().default('customer'),
    // The writing transaction, so a reader can find rows that committed after its last read.
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.seq] }), index('audience_changes_xid_idx').on(t.tenantId, t.xid)],
);

/** Per tenant, the highest change seq deleted by pruning: an index whose watermark is below it rebuilds. */
export const audienceChangeHorizons = pgTable('audience_change_horizons', {
  tenantId: bigint('tenant_id', { mode: 'number' }).primaryKey(),
  prunedThroughSeq: bigint('pruned_through_seq', { mode: 'number' }).notNull(),
});
