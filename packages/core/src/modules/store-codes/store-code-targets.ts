import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getStaffById, getStoreStaffIds, type TStaffRef } from '../org/lookups.ts';
import { getStaffCard } from '../posters/staff-cards.ts';
import type { TStoreUnit } from './participating-stores.ts';
import type { TStoreTarget, TStoreTargetKind, TStoreTargetView } from './store-codes.schemas.ts';

// The one place where store codes reach into the modules that own what a store's customers are
// sent to: staff live codes, group codes, and the store's guides (their staff cards).

/** Whether `refId` is a usable target of `kind` in the actor's tenant. */
export async function storeTargetExists(_ctx: Ctx, _kind: Exclude<TStoreTargetKind, 'guides'>, _refId: number): Promise<boolean> {
  return false;
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

async function codeView(_ctx: Ctx, _target: TStoreTarget): Promise<TStoreTargetView | null> {
  return null;
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
    const view = target && target.kind !== 'guides' ? await codeView(ctx, target) : null;
    return view ?? (await guidesView(ctx, store, turn));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    ctx.log.warn({ storeId: store.id, target, code: error.code, err: error.message }, 'store code target unavailable');
    return { kind: target?.kind ?? 'guides', qrText: null, url: null, staffName: null };
  }
}
