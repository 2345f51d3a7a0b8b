import { ChannelError } from '@pond/channels';
import { and, eq, isNull } from 'drizzle-orm';
import { channelErrorToAppError } from '../../channels.ts';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { ensureShortLink, type TShortLink } from '../links/short-links.ts';
import { getStaffById } from '../org/lookups.ts';
import { referrers } from './referral.tables.ts';
import { loadProgramme } from './referral-programme.ts';

export type TReferrerRow = typeof referrers.$inferSelect;

/** The contact-way state of a referrer (≤ 30 chars, prefix `rf`; see the common brief). */
export const referralState = (referrerId: number) => `rf${referrerId}`;

/** The referrer id in a `rf<id>` state, or null for states that are not the referral module's. */
export function referrerIdOfState(state: string | null | undefined): number | null {
  const m = /^rf(\d{1,15})$/.exec(state ?? '');
  return m?.[1] ? Number(m[1]) : null;
}

/** "陈静" → "陈*", "Ann Lee" → "A*" — how a customer's name shows to other customers. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(Math.max(chars.length - 1, 1), 3))}`;
}

export async function getReferrerRow(ctx: Ctx, id: number): Promise<TReferrerRow | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(referrers)
    .where(and(eq(referrers.tenantId, ctx.actor.tenantId), eq(referrers.id, id)));
  return row ?? null;
}

export async function getReferrerOfCustomer(ctx: Ctx, customerId: number): Promise<TReferrerRow | null> {
  const [row] = await dbOf(ctx)
    .select()
    .from(referrers)
    .where(and(eq(referrers.tenantId, ctx.actor.tenantId), eq(referrers.customerId, customerId)));
  return row ?? null;
}

/**
 * The referrer record of a customer or staff member, made on first use (safe under concurrency:
 * unique per customer and per staff member). The caller has checked the person is theirs to act on.
 * @example
 * const r = await ensureReferrer(ctx, { kind: 'customer', customerId: 42 });
 */
export async function ensureReferrer(
  ctx: Ctx,
  who: { kind: 'customer'; customerId: number } | { kind: 'staff'; staffId: number },
): Promise<TReferrerRow> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const where =
    who.kind === 'customer'
      ? and(eq(referrers.tenantId, tenantId), eq(referrers.customerId, who.customerId))
      : and(eq(referrers.tenantId, tenantId), eq(referrers.staffId, who.staffId));
  const [existing] = await db.select().from(referrers).where(where);
  if (existing) return existing;
  let name: string;
  if (who.kind === 'customer') {
    const customer = await getCustomerRef(ctx, who.customerId);
    if (!customer || customer.deleted) throw notFound('Customer', who.customerId);
    name = customer.name;
  } else {
    const member = await getStaffById(ctx, who.staffId);
    if (!member) throw notFound('Staff member', who.staffId);
    if (member.status !== 'active') throw new AppError('CONFLICT', `${member.name} has resigned and cannot refer customers.`);
    name = member.name;
  }
  await db
    .insert(referrers)
    .values({
      tenantId,
      kind: who.kind,
      customerId: who.kind === 'customer' ? who.customerId : null,
      staffId: who.kind === 'staff' ? who.staffId : null,
      name,
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(referrers).where(where);
  if (!row) throw new Error('Referrer was neither written nor found.');
  return row;
}

/** The referrer's short link `/r/<slug>`, made on first use. */
export const referrerLink = (ctx: Ctx, referrerId: number): Promise<TShortLink> =>
  ensureShortLink(ctx, { kind: 'referral', refId: referrerId });

/** The staff userids a referrer's way should hold now: their own for staff, the programme's pool for customers. */
export async function wayStaffUserIds(ctx: Ctx, referrer: TReferrerRow): Promise<string[]> {
  if (referrer.kind === 'staff') {
    const member = referrer.staffId ? await getStaffById(ctx, referrer.staffId) : null;
    if (member?.status !== 'active') {
      throw new AppError(
        'CONFLICT',
        'This referrer has left the brand; their code no longer works. Ask the store for a new one.',
      );
    }
    return [member.wecomUserId];
  }
  const programme = await loadProgramme(ctx);
  const ids: string[] = [];
  for (const staffId of programme.staffIds) {
    const member = await getStaffById(ctx, staffId);
    if (member?.status === 'active' && !ids.includes(member.wecomUserId)) ids.push(member.wecomUserId);
  }
  if (ids.length === 0) {
    throw new AppError(
      'CONFLICT',
      'The referral programme has no active staff to receive referred customers. An operator should add staff to the programme.',
    );
  }
  return ids;
}

/**
 * The referrer's personal contact way (state `rf<id>`), created on first use through the tenant's
 * channel with an idempotency key, so two first visits at once make one way. Calls the channel:
 * never call it inside a transaction (the embedded database would wait on itself).
 */
export async function ensureReferrerWay(ctx: Ctx, referrer: TReferrerRow): Promise<{ configId: string; qrCode: string }> {
  if (ctx.tx) throw new Error('ensureReferrerWay calls the channel; call it outside a transaction.');
  if (referrer.wayConfigId && referrer.wayQrCode) return { configId: referrer.wayConfigId, qrCode: referrer.wayQrCode };
  const staffUserIds = await wayStaffUserIds(ctx, referrer);
  const channel = await ctx.channelFor(ctx.actor.tenantId);
  let way: { configId: string; qrCode: string };
  try {
    way = await channel.createContactWay({
      tenantId: ctx.actor.tenantId,
      state: referralState(referrer.id),
      staffUserIds,
      skipVerify: true,
      idempotencyKey: `referral:way:${referrer.id}`,
    });
  } catch (error) {
    if (error instanceof ChannelError) throw channelErrorToAppError(error);
    throw error;
  }
  // First writer wins; a concurrent first visit got the same way from the idempotency key.
  await dbOf(ctx)
    .update(referrers)
    .set({ wayConfigId: way.configId, wayQrCode: way.qrCode, wayStaffUserIds: staffUserIds, updatedAt: ctx.now() })
    .where(and(eq(referrers.tenantId, ctx.actor.tenantId), eq(referrers.id, referrer.id), isNull(referrers.wayConfigId)));
  const fresh = await getReferrerRow(ctx, referrer.id);
  return { configId: fresh?.wayConfigId ?? way.configId, qrCode: fresh?.wayQrCode ?? way.qrCode };
}
