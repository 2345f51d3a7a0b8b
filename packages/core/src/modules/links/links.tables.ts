import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, ref, tenantId } from '../../lib/columns.ts';

/**
 * Short public links (`/j/<slug>`, `/s/<slug>`, …) printed in QR codes. Not keyed by tenant: the
 * slug alone must find its tenant, because customers open it without logging in. Slugs are random
 * (unguessable) and never reused.
 */
export const shortLinks = pgTable(
  'short_links',
  {
    slug: text('slug').primaryKey(),
    tenantId: tenantId(),
    // What the link opens; see LINK_PATHS.
    kind: text('kind').notNull(),
    // The object it opens (a group code, a campaign, …).
    refId: ref('ref_id').notNull(),
    // Whose link it is, for personal links (a fission participant, a referrer); 0 when shared.
    subjectId: ref('subject_id').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('short_links_target_uq').on(t.tenantId, t.kind, t.refId, t.subjectId),
    index('short_links_tenant_idx').on(t.tenantId),
  ],
);
