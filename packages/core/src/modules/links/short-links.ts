import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { linkUrl, type TLinkKind } from './link-kinds.ts';
import { shortLinks } from './links.tables.ts';

export type TShortLink = { slug: string; url: string };
export type TResolvedLink = { tenantId: number; kind: TLinkKind; refId: number; subjectId: number | null };

// 10 characters of base62: 8.4e17 slugs, unguessable enough for links that grant nothing alone.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function newSlug(length = 10): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    // Rejection sampling keeps the characters uniform.
    if (b < 248) out += ALPHABET[b % 62];
  }
  return out.length === length ? out : newSlug(length);
}

/**
 * The link of an object (and, for personal links, of a subject such as a fission participant):
 * made on first use, the same slug ever after. Safe under concurrency (unique target index).
 * @example
 * const { slug, url } = await ensureShortLink(ctx, { kind: 'group_code', refId: code.id });
 */
export async function ensureShortLink(
  ctx: Ctx,
  input: { kind: TLinkKind; refId: number; subjectId?: number | null },
): Promise<TShortLink> {
  const db = dbOf(ctx);
  const subjectId = input.subjectId ?? 0;
  const where = and(
    eq(shortLinks.tenantId, ctx.actor.tenantId),
    eq(shortLinks.kind, input.kind),
    eq(shortLinks.refId, input.refId),
    eq(shortLinks.subjectId, subjectId),
  );
  const [existing] = await db.select({ slug: shortLinks.slug }).from(shortLinks).where(where);
  if (existing) return { slug: existing.slug, url: linkUrl(ctx.publicUrl, input.kind, existing.slug) };
  await db
    .insert(shortLinks)
    .values({ slug: newSlug(), tenantId: ctx.actor.tenantId, kind: input.kind, refId: input.refId, subjectId })
    .onConflictDoNothing();
  const [row] = await db.select({ slug: shortLinks.slug }).from(shortLinks).where(where);
  if (!row) throw new Error(`Short link for ${input.kind} ${input.refId} was not written.`);
  return { slug: row.slug, url: linkUrl(ctx.publicUrl, input.kind, row.slug) };
}

/**
 * What a slug opens, for public routes (no session): its tenant, kind and object. Null when
 * unknown or when it is not of the `expected` kind (a group-code URL cannot open a campaign).
 */
export async function resolveShortLink(
  ctx: Pick<Ctx, 'db'> & { tx?: Ctx['tx'] },
  slug: string,
  expected?: TLinkKind,
): Promise<TResolvedLink | null> {
  if (!/^[0-9A-Za-z]{4,32}$/.test(slug)) return null;
  const db = ctx.tx ?? ctx.db;
  const [row] = await db.select().from(shortLinks).where(eq(shortLinks.slug, slug));
  if (!row || (expected && row.kind !== expected)) return null;
  return { tenantId: row.tenantId, kind: row.kind as TLinkKind, refId: row.refId, subjectId: row.subjectId || null };
}
