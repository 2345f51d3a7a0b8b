import { ChannelError } from '@pond/channels';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { channelErrorToAppError } from '../../channels.ts';
import { type Actor, type Ctx, dbOf } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { getStaffById, type TStaffRef } from '../org/lookups.ts';
import { defaultPosterTemplateId } from './poster-defaults.ts';
import type { TStaffCard } from './posters.schemas.ts';
import { posterTemplates, staffCards } from './posters.tables.ts';
import { renderPoster } from './render-poster.ts';

/** The contact-way state of a staff member's card; `customer.added` carries it back. */
export const staffCardState = (staffId: number) => `sc${staffId}`;
/** The staff id of a card state, or null for states that are not a staff card's. */
export function staffIdOfState(state: string | null | undefined): number | null {
  const match = /^sc(\d{1,16})$/.exec(state ?? '');
  return match ? Number(match[1]) : null;
}

// A request that claimed the creation of a way and then died is taken over after this long.
export const STAFF_CARD_CLAIM_LEASE_MS = 30_000;
// How long a request waits for another one that is creating the same way.
const WAIT_FOR_CLAIM_MS = 10_000;

/** Whether `actor` may see the card of `member`: HQ anyone, store managers their store, guides themselves. */
export function canSeeStaffCard(actor: Actor, member: Pick<TStaffRef, 'id' | 'storeId'>): boolean {
  if (actor.role === 'system' || actor.role === 'admin' || actor.role === 'operator') return true;
  if (actor.role === 'store_manager') return actor.storeId !== null && member.storeId === actor.storeId;
  return actor.staffId !== null && member.id === actor.staffId;
}

async function visibleStaff(ctx: Ctx, staffId: number): Promise<TStaffRef> {
  const member = await getStaffById(ctx, staffId);
  if (!member || !canSeeStaffCard(ctx.actor, member)) throw notFound('Staff member', staffId);
  if (member.status !== 'active')
    throw new AppError(
      'CONFLICT',
      `${member.name} has left; their staff card is no longer available. Share a colleague's card instead.`,
    );
  return member;
}

type TCardRow = typeof staffCards.$inferSelect;
type TReadyCard = TCardRow & { configId: string; qrCode: string };
const isReady = (row: TCardRow | undefined): row is TReadyCard =>
  !!row && row.status === 'ready' && !!row.configId && !!row.qrCode;

/**
 * The staff member's personal contact way, created on first use. Concurrent first requests create
 * exactly one: the request whose insert (or lease takeover) wins claims the row and calls the
 * channel; the others wait for it. The channel call carries an idempotency key, so a takeover after
 * a crash gets the same way back from a channel that honours keys.
 */
export async function ensureStaffCardWay(ctx: Ctx, member: TStaffRef): Promise<TReadyCard> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const where = and(eq(staffCards.tenantId, tenantId), eq(staffCards.staffId, member.id));
  const started = Date.now();
  for (;;) {
    const [row] = await db.select().from(staffCards).where(where);
    if (isReady(row)) return row;
    const now = ctx.now();
    let claimed: TCardRow | undefined;
    if (!row) {
      [claimed] = await db
        .insert(staffCards)
        .values({ tenantId, staffId: member.id, state: staffCardState(member.id), status: 'pending', claimedAt: now })
        .onConflictDoNothing()
        .returning();
    } else {
      const expired = new Date(now.getTime() - STAFF_CARD_CLAIM_LEASE_MS);
      [claimed] = await db
        .update(staffCards)
        .set({ claimedAt: now })
        .where(and(where, eq(staffCards.status, 'pending'), or(isNull(staffCards.claimedAt), lt(staffCards.claimedAt, expired))))
        .returning();
    }
    if (claimed) return createWay(ctx, member, claimed);
    if (Date.now() - started > WAIT_FOR_CLAIM_MS)
      throw new AppError('CONFLICT', `The card of ${member.name} is still being created. Try again in a few seconds.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function createWay(ctx: Ctx, member: TStaffRef, claim: TCardRow): Promise<TReadyCard> {
  const db = dbOf(ctx);
  const mine = and(
    eq(staffCards.tenantId, claim.tenantId),
    eq(staffCards.id, claim.id),
    eq(staffCards.status, 'pending'),
    claim.claimedAt ? eq(staffCards.claimedAt, claim.claimedAt) : isNull(staffCards.claimedAt),
  );
  let way: { configId: string; qrCode: string };
  try {
    const channel = await ctx.channelFor(claim.tenantId);
    way = await channel.createContactWay({
      tenantId: claim.tenantId,
      state: claim.state,
      staffUserIds: [member.wecomUserId],
      skipVerify: true,
      idempotencyKey: `staff-card:${claim.tenantId}:${member.id}`,
    });
  } catch (err) {
    // Let the next request try again at once instead of waiting out the lease.
    await db.update(staffCards).set({ claimedAt: null }).where(mine);
    if (err instanceof ChannelError) throw channelErrorToAppError(err);
    throw err;
  }
  const [ready] = await db
    .update(staffCards)
    .set({ status: 'ready', configId: way.configId, qrCode: way.qrCode })
    .where(mine)
    .returning();
  if (isReady(ready)) return ready;
  // Our lease ran out and another request finished first: use theirs.
  const [other] = await db
    .select()
    .from(staffCards)
    .where(and(eq(staffCards.tenantId, claim.tenantId), eq(staffCards.id, claim.id)));
  if (isReady(other)) return other;
  throw new AppError('CONFLICT', `The card of ${member.name} is still being created. Try again in a few seconds.`);
}

async function cardTemplateId(ctx: Ctx, templateId: number | undefined): Promise<number | null> {
  if (templateId === undefined) return defaultPosterTemplateId(ctx, 'staff_card');
  const [row] = await dbOf(ctx)
    .select({ id: posterTemplates.id })
    .from(posterTemplates)
    .where(and(eq(posterTemplates.tenantId, ctx.actor.tenantId), eq(posterTemplates.id, templateId)));
  if (!row) throw notFound('Poster template', templateId);
  return row.id;
}

/**
 * A staff member's card (员工名片): their contact way (created on first use), the share link and
 * what the card renders with.
 * @example
 * const card = await getStaffCard(ctx, staffId); // card.shareImageUrl → the PNG anyone can open
 */
export async function getStaffCard(ctx: Ctx, staffId: number, options: { templateId?: number } = {}): Promise<TStaffCard> {
  const member = await visibleStaff(ctx, staffId);
  const templateId = await cardTemplateId(ctx, options.templateId);
  const card = await ensureStaffCardWay(ctx, member);
  const link = await ensureShortLink(ctx, { kind: 'staff_card', refId: member.id });
  return {
    staffId: member.id,
    staffName: member.name,
    state: card.state,
    configId: card.configId,
    qrCode: card.qrCode,
    adds: card.adds,
    lastAddAt: card.lastAddAt?.toISOString() ?? null,
    templateId,
    imageUrl: `/api/staff/${member.id}/card.png`,
    shareImageUrl: `${ctx.publicUrl}/api/public/staff-cards/${link.slug}.png`,
  };
}

/** The card as PNG: the template (the tenant's staff-card default unless named), name and the way's QR. */
export async function renderStaffCard(
  ctx: Ctx,
  staffId: number,
  options: { templateId?: number } = {},
): Promise<{ png: Buffer; etag: string; staffName: string }> {
  const member = await visibleStaff(ctx, staffId);
  const templateId = await cardTemplateId(ctx, options.templateId);
  const card = await ensureStaffCardWay(ctx, member);
  // Staff avatars are not synced yet (org keeps none for now): the card shows the initials.
  const poster = await renderPoster(ctx, { templateId, qrText: card.qrCode, name: member.name, avatarUrl: null });
  return { ...poster, staffName: member.name };
}

/** Counts an add through a staff card (customer.added with state `sc<staffId>`), in the event's transaction. */
export async function recordStaffCardAdd(ctx: Ctx, staffId: number, at: Date): Promise<void> {
  await dbOf(ctx)
    .update(staffCards)
    .set({
      adds: sql`${staffCards.adds} + 1`,
      lastAddAt: sql`greatest(${staffCards.lastAddAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(and(eq(staffCards.tenantId, ctx.actor.tenantId), eq(staffCards.staffId, staffId)));
}
