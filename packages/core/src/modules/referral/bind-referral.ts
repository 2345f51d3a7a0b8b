import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { advisoryXactLock } from './advisory-lock.ts';
import { referralBindings } from './referral.tables.ts';
import { loadProgramme } from './referral-programme.ts';
import { getReferrerRow, type TReferrerRow } from './referrers.ts';

export type TBindSource = 'contact_way' | 'link';

/** Why a customer cannot be bound to a referrer. */
export type TBindRefusal =
  | 'programme_off'
  | 'referrer_not_found'
  | 'referrer_disabled'
  | 'customer_not_found'
  | 'self'
  | 'already_bound'
  | 'cycle';

export type TBindOutcome =
  | { ok: true; status: 'bound' | 'already_bound'; referrer: TReferrerRow }
  | { ok: false; reason: TBindRefusal; referrer: TReferrerRow | null };

/** The binding of a customer (who referred them), or null. */
export async function getBinding(ctx: Ctx, customerId: number) {
  const [row] = await dbOf(ctx)
    .select()
    .from(referralBindings)
    .where(and(eq(referralBindings.tenantId, ctx.actor.tenantId), eq(referralBindings.customerId, customerId)));
  return row ?? null;
}

/**
 * Would binding `customerId` under `referrer` close a loop? Walks up the chain of who referred the
 * referrer (a customer referrer can have been referred themself); staff referrers end a chain.
 */
async function closesCycle(ctx: Ctx, customerId: number, referrer: TReferrerRow): Promise<boolean> {
  const seen = new Set<number>();
  let current: TReferrerRow | null = referrer;
  while (current?.customerId) {
    if (current.customerId === customerId) return true;
    if (seen.has(current.id)) return false;
    seen.add(current.id);
    const up = await getBinding(ctx, current.customerId);
    current = up ? await getReferrerRow(ctx, up.referrerId) : null;
  }
  return false;
}

/**
 * Why `customerId` (not yet bound) cannot be bound to `referrer` now, or null when they can: the
 * programme is off, the referrer is disabled, it is the customer themself, or it would close a loop.
 */
export async function bindRefusal(ctx: Ctx, customerId: number, referrer: TReferrerRow): Promise<TBindRefusal | null> {
  if (!(await loadProgramme(ctx)).enabled) return 'programme_off';
  if (referrer.status !== 'active') return 'referrer_disabled';
  if (referrer.customerId === customerId) return 'self';
  const customer = await getCustomerRef(ctx, customerId);
  if (!customer || customer.deleted) return 'customer_not_found';
  if (await closesCycle(ctx, customerId, referrer)) return 'cycle';
  return null;
}

/**
 * Binds a customer to a referrer: one referrer per customer and the first binding wins (a unique
 * key, so a repeat or a race changes nothing); no self-referral; no loops (A refers B, B refers A),
 * so level 2 never pays the buyer. Puts `referral.bound` on the customer's timeline. Returns a
 * refusal instead of throwing, so event handlers can ignore it and routes can word it.
 * @example
 * const r = await bindReferral(ctx, { customerId: 42, referrerId: 7, source: 'link', at: new Date() });
 */
export async function bindReferral(
  ctx: Ctx,
  input: { customerId: number; referrerId: number; source: TBindSource; at: Date },
): Promise<TBindOutcome> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    // Bindings of a tenant are serialised, so two crossing bindings cannot both pass the cycle check.
    await advisoryXactLock(tctx, `referral:bind:${tctx.actor.tenantId}`);
    const referrer = await getReferrerRow(tctx, input.referrerId);
    if (!referrer) return { ok: false, reason: 'referrer_not_found', referrer: null };
    const existing = await getBinding(tctx, input.customerId);
    if (existing) {
      return existing.referrerId === referrer.id
        ? { ok: true, status: 'already_bound', referrer }
        : { ok: false, reason: 'already_bound', referrer };
    }
    const refusal = await bindRefusal(tctx, input.customerId, referrer);
    if (refusal) return { ok: false, reason: refusal, referrer };
    const [row] = await db
      .insert(referralBindings)
      .values({
        tenantId: tctx.actor.tenantId,
        customerId: input.customerId,
        referrerId: referrer.id,
        source: input.source,
        boundAt: input.at,
      })
      .onConflictDoNothing()
      .returning({ id: referralBindings.id });
    if (!row) {
      const winner = await getBinding(tctx, input.customerId);
      return winner?.referrerId === referrer.id
        ? { ok: true, status: 'already_bound', referrer }
        : { ok: false, reason: 'already_bound', referrer };
    }
    await appendCustomerEvents(tctx, [
      {
        customerId: input.customerId,
        type: 'referral.bound',
        occurredAt: input.at,
        data: { referrerId: referrer.id, referrerName: referrer.name, referrerKind: referrer.kind, source: input.source },
      },
    ]);
    return { ok: true, status: 'bound', referrer };
  });
}
