import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getGroupCode } from '../group-codes/get-group-code.ts';
import { getLiveCode } from '../live-codes/list-live-codes.ts';
import { getStaffById, getStoreStaffIds, type TStaffRef } from '../org/lookups.ts';
import { getStaffCard } from '../posters/staff-cards.ts';
import type { TStoreUnit } from './participating-stores.ts';
import type { TStoreTarget, TStoreTargetKind, TStoreTargetView } from './store-codes.schemas.ts';

// The one place where store codes reach into the modules that own what a store's customers are
// sent to: staff live codes, group codes, and the store's guides (their staff cards).

const isNotFound = (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND';

/**
 * A target's code as its module publishes it, or null when it is gone (deleted, archived, or out
 * of the actor's scope — each module answers those as NOT_FOUND).
 */
async function lookUp(ctx: Ctx, kind: Exclude<TStoreTargetKind, 'guides'>, refId: number) {
  try {
    if (kind === 'live_code') {
      const code = await getLiveCode(ctx, refId);
      // An archived live code has no contact way any more.
      return code.status === 'archived' ? null : { kind, status: code.status, qrText: code.qrCode, url: null };
    }
    const code = await getGroupCode(ctx, refId);
    // A group code is opened through its landing page, which picks the group with room.
    return { kind, status: code.status, qrText: code.url, url: code.url };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Whether `refId` is a usable target of `kind` in the actor's tenant (a live code or group code). */
export async function storeTargetExists(ctx: Ctx, kind: Exclude<TStoreTargetKind, 'guides'>, refId: number): Promise<boolean> {
  return (await lookUp(ctx, kind, refId)) !== null;
}

/**
 * The store's guides, in a stable order: active guides, else its active store manager. Customers
 * are spread over them by `turn` (the scan's id).
 */
async function storeGuides(ctx: Ctx, storeId: number): Promise<TStaffRef[]> {
  const ids = await getStoreStaffIds(ctx, storeId);
  const members = (await Promise.all(ids.map((id) => getStaffById(ctx, id)))).filter(
    (m): m is TStaffRef => m !== null && m.status === 'active',
  );
  const guides = members.filter((m) => m.role === 'guide');
  return (guides.length ? guides : members.filter((m) => m.role === 'store_manager')).sort((a, b) => a.id - b.id);
}

async function guidesView(ctx: Ctx, store: TStoreUnit, turn: number): Promise<TStoreTargetView> {
  const guides = await storeGuides(ctx, store.id);
  const guide = guides[turn % Math.max(guides.length, 1)];
  if (!guide) return { kind: 'guides', qrText: null, url: null, staffName: null };
  const card = await getStaffCard(ctx, guide.id);
  return { kind: 'guides', qrText: card.qrCode, url: null, staffName: guide.name };
}

// A paused group code's landing turns visitors away, and a live code whose contact way is not
// created yet has nothing to scan: in both cases the store's guides take the customer instead.
async function codeView(ctx: Ctx, target: TStoreTarget): Promise<TStoreTargetView | null> {
  if (target.kind === 'guides' || target.refId === null) return null;
  const code = await lookUp(ctx, target.kind, target.refId);
  if (!code?.qrText || (code.kind === 'group_code' && code.status !== 'active')) return null;
  return { kind: code.kind, qrText: code.qrText, url: code.url, staffName: null };
}

/**
 * What a customer routed to `store` is shown: its target's QR (a staff live code's contact way, a
 * group code's landing page), or one of its guides' staff card when it has no usable target. A
 * channel failure shows the store without a QR rather than failing the page.
 */
export async function resolveStoreTarget(
  ctx: Ctx,
  store: TStoreUnit,
  target: TStoreTarget | undefined,
  turn = 0,
): Promise<TStoreTargetView> {
  try {
    const view = target ? await codeView(ctx, target) : null;
    return view ?? (await guidesView(ctx, store, turn));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    ctx.log.warn({ storeId: store.id, target, code: error.code, err: error.message }, 'store code target unavailable');
    return { kind: target?.kind ?? 'guides', qrText: null, url: null, staffName: null };
  }
}
