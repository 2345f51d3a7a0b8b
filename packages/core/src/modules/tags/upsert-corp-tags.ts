import { and, eq, isNotNull } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { deleteTag, deleteTagGroup } from './manage-tags.ts';
import { tagGroups, tags } from './tags.tables.ts';

type TOutcome = 'created' | 'updated' | 'unchanged';

/** WeCom's corp tag library (get_corp_tag_list), in Pond's words. */
export type TCorpTagGroupInput = { externalId: string; name: string; tags: { externalId: string; name: string }[] };

export type TUpsertCorpTagsResult = {
  groups: TOutcome[];
  tags: TOutcome[];
  // Tags and groups that came from WeCom and are gone there: deleted (audited) with their uses.
  removedTags: number;
  removedGroups: number;
};

/**
 * Makes Pond's tag library match WeCom's corp tags: groups and tags are matched by WeCom id, else
 * adopted by name (Pond-made tags of the same name get the WeCom id), else created (`source`
 * 'wecom'); names follow WeCom. Tags and groups that carry a WeCom id WeCom no longer has are
 * deleted like a manual delete (customers lose them; the audit log says so). Pond-only tags stay.
 * Runs in the caller's transaction.
 * @example
 * await upsertCorpTags(ctx, [{ externalId: 'etG1', name: '客户等级', tags: [{ externalId: 'etT1', name: 'VIP' }] }]);
 */
export async function upsertCorpTags(ctx: Ctx, input: readonly TCorpTagGroupInput[]): Promise<TUpsertCorpTagsResult> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const groupRows = await db.select().from(tagGroups).where(eq(tagGroups.tenantId, tenantId));
    const tagRows = await db.select().from(tags).where(eq(tags.tenantId, tenantId));
    const result: TUpsertCorpTagsResult = { groups: [], tags: [], removedTags: 0, removedGroups: 0 };
    const seenGroups = new Set<string>();
    const seenTags = new Set<string>();
    for (const g of input) {
      seenGroups.add(g.externalId);
      let group = groupRows.find((r) => r.externalId === g.externalId) ?? null;
      if (!group) {
        const byName = groupRows.find((r) => r.name === g.name && r.externalId === null) ?? null;
        if (byName) {
          await db
            .update(tagGroups)
            .set({ externalId: g.externalId })
            .where(and(eq(tagGroups.tenantId, tenantId), eq(tagGroups.id, byName.id)));
          byName.externalId = g.externalId;
          group = byName;
          result.groups.push('updated');
        } else {
          // A Pond group already holds the name under another WeCom id: keep both, suffixed.
          const name = groupRows.some((r) => r.name === g.name) ? `${g.name} (${g.externalId})` : g.name;
          const [inserted] = await db.insert(tagGroups).values({ tenantId, name, externalId: g.externalId }).returning();
          if (!inserted) throw new Error(`tag group ${g.externalId} not inserted`);
          groupRows.push(inserted);
          group = inserted;
          result.groups.push('created');
        }
      } else if (group.name !== g.name && !groupRows.some((r) => r.name === g.name)) {
        await db
          .update(tagGroups)
          .set({ name: g.name })
          .where(and(eq(tagGroups.tenantId, tenantId), eq(tagGroups.id, group.id)));
        group.name = g.name;
        result.groups.push('updated');
      } else {
        result.groups.push('unchanged');
      }
      const groupId = group.id;
      for (const t of g.tags) {
        seenTags.add(t.externalId);
        const row =
          tagRows.find((r) => r.externalId === t.externalId) ??
          tagRows.find((r) => r.groupId === groupId && r.name === t.name && r.externalId === null);
        if (!row) {
          const [inserted] = await db
            .insert(tags)
            .values({ tenantId, groupId, name: t.name, source: 'wecom', externalId: t.externalId })
            .onConflictDoNothing()
            .returning();
          if (!inserted) throw new Error(`tag ${t.externalId} (${t.name}) not inserted: the name is taken in its group`);
          tagRows.push(inserted);
          result.tags.push('created');
          continue;
        }
        const set: Partial<typeof tags.$inferInsert> = {};
        if (row.externalId !== t.externalId) set.externalId = t.externalId;
        if (row.groupId !== groupId) set.groupId = groupId;
        if (row.name !== t.name && !tagRows.some((r) => r.groupId === groupId && r.name === t.name)) set.name = t.name;
        if (Object.keys(set).length === 0) {
          result.tags.push('unchanged');
          continue;
        }
        await db
          .update(tags)
          .set(set)
          .where(and(eq(tags.tenantId, tenantId), eq(tags.id, row.id)));
        Object.assign(row, set);
        result.tags.push('updated');
      }
    }
    // What came from WeCom and is gone there.
    const synced = await db
      .select({ id: tags.id, externalId: tags.externalId })
      .from(tags)
      .where(and(eq(tags.tenantId, tenantId), isNotNull(tags.externalId)));
    for (const t of synced) {
      if (t.externalId && !seenTags.has(t.externalId)) {
        await deleteTag(tctx, t.id);
        result.removedTags++;
      }
    }
    const syncedGroups = await db
      .select({ id: tagGroups.id, externalId: tagGroups.externalId })
      .from(tagGroups)
      .where(and(eq(tagGroups.tenantId, tenantId), isNotNull(tagGroups.externalId)));
    for (const g of syncedGroups) {
      if (!g.externalId || seenGroups.has(g.externalId)) continue;
      const [left] = await db
        .select({ id: tags.id })
        .from(tags)
        .where(and(eq(tags.tenantId, tenantId), eq(tags.groupId, g.id)))
        .limit(1);
      if (left) {
        // Pond's own tags live in it: keep the group, no longer tied to WeCom.
        await db
          .update(tagGroups)
          .set({ externalId: null })
          .where(and(eq(tagGroups.tenantId, tenantId), eq(tagGroups.id, g.id)));
      } else {
        await deleteTagGroup(tctx, g.id);
      }
      result.removedGroups++;
    }
    return result;
  });
}
