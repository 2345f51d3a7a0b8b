import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import {
  type TCreateTagGroupRequest,
  type TCreateTagRequest,
  type TTag,
  type TTagGroup,
  type TUpdateTagGroupRequest,
  type TUpdateTagRequest,
  ZCreateTagGroupRequest,
  ZCreateTagRequest,
} from './tags.schemas.ts';
import { customerTags, tagGroups, tags } from './tags.tables.ts';

const conflict = (what: string) => new AppError('CONFLICT', `${what} already exists. Choose another name.`);

async function withCounts(ctx: Ctx, rows: (typeof tags.$inferSelect)[]): Promise<TTag[]> {
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await dbOf(ctx)
        .select({ tagId: customerTags.tagId, n: count() })
        .from(customerTags)
        .where(and(eq(customerTags.tenantId, ctx.actor.tenantId), inArray(customerTags.tagId, ids)))
        .groupBy(customerTags.tagId)
    : [];
  const byId = new Map(counts.map((c) => [c.tagId, c.n]));
  return rows.map((r) => ({
    id: r.id,
    groupId: r.groupId,
    name: r.name,
    source: r.source,
    sort: r.sort,
    customerCount: byId.get(r.id) ?? 0,
  }));
}

/** Tag groups with their tags and how many customers carry each. Everyone may read tags. */
export async function listTagGroups(ctx: Ctx, query: TPageQuery): Promise<TPage<TTagGroup>> {
  const db = dbOf(ctx);
  const where = eq(tagGroups.tenantId, ctx.actor.tenantId);
  const [total] = await db.select({ n: count() }).from(tagGroups).where(where);
  const groups = await db
    .select()
    .from(tagGroups)
    .where(where)
    .orderBy(asc(tagGroups.sort), asc(tagGroups.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const groupIds = groups.map((g) => g.id);
  const tagRows = groupIds.length
    ? await db
        .select()
        .from(tags)
        .where(and(eq(tags.tenantId, ctx.actor.tenantId), inArray(tags.groupId, groupIds)))
        .orderBy(asc(tags.sort), asc(tags.id))
    : [];
  const tagList = await withCounts(ctx, tagRows);
  return {
    items: groups.map((g) => ({ id: g.id, name: g.name, sort: g.sort, tags: tagList.filter((t) => t.groupId === g.id) })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function getTagGroup(ctx: Ctx, id: number): Promise<TTagGroup> {
  const db = dbOf(ctx);
  const [g] = await db
    .select()
    .from(tagGroups)
    .where(and(eq(tagGroups.tenantId, ctx.actor.tenantId), eq(tagGroups.id, id)));
  if (!g) throw notFound('Tag group', id);
  const rows = await db
    .select()
    .from(tags)
    .where(and(eq(tags.tenantId, ctx.actor.tenantId), eq(tags.groupId, id)))
    .orderBy(asc(tags.sort), asc(tags.id));
  return { id: g.id, name: g.name, sort: g.sort, tags: await withCounts(ctx, rows) };
}

export async function createTagGroup(ctx: Ctx, raw: TCreateTagGroupRequest): Promise<TTagGroup> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage tags');
  const input = ZCreateTagGroupRequest.parse(raw);
  if (new Set(input.tags).size !== input.tags.length) throw new AppError('VALIDATION', 'tags: the same tag name appears twice.');
  const id = await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [g] = await db
      .insert(tagGroups)
      .values({ tenantId: ctx.actor.tenantId, name: input.name, sort: input.sort })
      .onConflictDoNothing()
      .returning();
    if (!g) throw conflict(`Tag group ${input.name}`);
    if (input.tags.length) {
      await db.insert(tags).values(input.tags.map((name, i) => ({ tenantId: ctx.actor.tenantId, groupId: g.id, name, sort: i })));
    }
    return g.id;
  });
  return getTagGroup(ctx, id);
}

export async function updateTagGroup(ctx: Ctx, id: number, input: TUpdateTagGroupRequest): Promise<TTagGroup> {
  requireChanges(input);
  assertRole(ctx.actor, TENANT_WIDE, 'manage tags');
  try {
    const [row] = await dbOf(ctx)
      .update(tagGroups)
      .set(input)
      .where(and(eq(tagGroups.tenantId, ctx.actor.tenantId), eq(tagGroups.id, id)))
      .returning();
    if (!row) throw notFound('Tag group', id);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Tag group ${input.name}`);
    throw error;
  }
  return getTagGroup(ctx, id);
}

/** Deletes a tag group, its tags and every customer's use of them; audited. */
export async function deleteTagGroup(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete tags');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const group = await getTagGroup(tctx, id);
    const tagIds = group.tags.map((t) => t.id);
    if (tagIds.length) {
      await db
        .delete(customerTags)
        .where(and(eq(customerTags.tenantId, ctx.actor.tenantId), inArray(customerTags.tagId, tagIds)));
      await db.delete(tags).where(and(eq(tags.tenantId, ctx.actor.tenantId), inArray(tags.id, tagIds)));
    }
    await db.delete(tagGroups).where(and(eq(tagGroups.tenantId, ctx.actor.tenantId), eq(tagGroups.id, id)));
    await recordAudit(tctx, {
      action: 'tag_group.delete',
      targetType: 'tag_group',
      targetId: id,
      details: { name: group.name, tags: group.tags.map((t) => ({ id: t.id, name: t.name, customers: t.customerCount })) },
    });
  });
}

export async function createTag(ctx: Ctx, raw: TCreateTagRequest): Promise<TTag> {
  assertRole(ctx.actor, TENANT_WIDE, 'manage tags');
  const input = ZCreateTagRequest.parse(raw);
  await getTagGroup(ctx, input.groupId);
  const [row] = await dbOf(ctx)
    .insert(tags)
    .values({ tenantId: ctx.actor.tenantId, groupId: input.groupId, name: input.name, sort: input.sort, source: 'manual' })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict(`Tag ${input.name} in this group`);
  return (await withCounts(ctx, [row]))[0] as TTag;
}

export async function updateTag(ctx: Ctx, id: number, input: TUpdateTagRequest): Promise<TTag> {
  requireChanges(input);
  assertRole(ctx.actor, TENANT_WIDE, 'manage tags');
  try {
    const [row] = await dbOf(ctx)
      .update(tags)
      .set(input)
      .where(and(eq(tags.tenantId, ctx.actor.tenantId), eq(tags.id, id)))
      .returning();
    if (!row) throw notFound('Tag', id);
    return (await withCounts(ctx, [row]))[0] as TTag;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Tag ${input.name} in this group`);
    throw error;
  }
}

/** Deletes a tag and removes it from every customer; audited with how many carried it. */
export async function deleteTag(ctx: Ctx, id: number): Promise<void> {
  assertRole(ctx.actor, TENANT_WIDE, 'delete tags');
  await inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [tag] = await db
      .select()
      .from(tags)
      .where(and(eq(tags.tenantId, ctx.actor.tenantId), eq(tags.id, id)))
      .for('update');
    if (!tag) throw notFound('Tag', id);
    const removed = await db
      .delete(customerTags)
      .where(and(eq(customerTags.tenantId, ctx.actor.tenantId), eq(customerTags.tagId, id)))
      .returning({ customerId: customerTags.customerId });
    await db.delete(tags).where(and(eq(tags.tenantId, ctx.actor.tenantId), eq(tags.id, id)));
    await recordAudit(tctx, {
      action: 'tag.delete',
      targetType: 'tag',
      targetId: id,
      details: { name: tag.name, groupId: tag.groupId, customersAffected: removed.length },
    });
  });
}

/** id → tag, for validating and naming tags. */
export async function getTagsByIds(ctx: Ctx, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, typeof tags.$inferSelect>();
  const rows = await dbOf(ctx)
    .select()
    .from(tags)
    .where(and(eq(tags.tenantId, ctx.actor.tenantId), inArray(tags.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r]));
}
