import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { toMaterial } from './material-views.ts';
import type { TListMaterialsQuery, TMaterial } from './materials.schemas.ts';
import { materials } from './materials.tables.ts';

// `%` and `_` in a search are literal characters, not wildcards.
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Materials of the tenant, newest first; every role may read the library. */
export async function listMaterials(ctx: Ctx, query: TListMaterialsQuery): Promise<TPage<TMaterial>> {
  const where: (SQL | undefined)[] = [eq(materials.tenantId, ctx.actor.tenantId), isNull(materials.deletedAt)];
  if (query.q) {
    const p = likePattern(query.q);
    where.push(
      or(ilike(materials.title, p), ilike(materials.description, p), sql`array_to_string(${materials.tags}, ' ') ilike ${p}`),
    );
  }
  if (query.type) where.push(eq(materials.type, query.type));
  if (query.folderId !== undefined)
    where.push(query.folderId === 0 ? isNull(materials.folderId) : eq(materials.folderId, query.folderId));
  if (query.tag) where.push(sql`${materials.tags} @> array[${query.tag}]::text[]`);
  if (query.ids) where.push(inArray(materials.id, query.ids.split(',').map(Number)));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(materials)
    .where(and(...where));
  const rows = await db
    .select()
    .from(materials)
    .where(and(...where))
    .orderBy(desc(materials.createdAt), desc(materials.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: rows.map(toMaterial), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Every distinct tag used in the library, for the tag filter (at most 500, alphabetical). */
export async function listMaterialTags(ctx: Ctx): Promise<{ items: string[] }> {
  const rows = await dbOf(ctx)
    .selectDistinct({ tag: sql<string>`unnest(${materials.tags})` })
    .from(materials)
    .where(and(eq(materials.tenantId, ctx.actor.tenantId), isNull(materials.deletedAt)))
    .orderBy(asc(sql`1`))
    .limit(500);
  return { items: rows.map((r) => r.tag) };
}

/** One (not deleted) material. */
export async function getMaterial(ctx: Ctx, id: number): Promise<TMaterial> {
  const [row] = await dbOf(ctx)
    .select()
    .from(materials)
    .where(and(eq(materials.tenantId, ctx.actor.tenantId), eq(materials.id, id), isNull(materials.deletedAt)));
  if (!row) throw notFound('Material', id);
  return toMaterial(row);
}
