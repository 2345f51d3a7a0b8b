import { createHash } from 'node:crypto';
import { ChannelError } from '@pond/channels';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { notifyOperators } from '../notifications/notify-operators.ts';
import type { TStaffRef } from '../org/lookups.ts';
import { liveCodeNow } from './live-code-clock.ts';
import { addsOnDay, loadStaff, staffIdsOf } from './live-code-staff.ts';
import { liveCodeState } from './live-code-templates.ts';
import type { TApplyLiveCodeResult } from './live-codes.schemas.ts';
import { liveCodes } from './live-codes.tables.ts';
import { localClock, routeLiveCode, sameStaffList, type TRouteResult } from './route-live-code.ts';

/**
 * How long one run holds a code while it talks to the channel. A run that dies leaves the claim to
 * lapse; the next sweep (a minute later) takes over.
 */
export const LIVE_CODE_APPLY_LEASE_MS = 60_000;

export type TApplyReason = 'sweep' | 'saved' | 'cap' | 'manual';

export type TApplyOutcome = TApplyLiveCodeResult & {
  /** The channel error behind a 'failed' outcome, for callers that translate or retry it. */
  cause?: unknown;
};

const listKey = (ids: readonly string[]) => createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16);

const outcome = (
  kind: TApplyOutcome['outcome'],
  route: TRouteResult | null,
  staffIds: number[],
  extra: Partial<TApplyOutcome> = {},
): TApplyOutcome => ({
  outcome: kind,
  staffIds,
  mode: route?.mode ?? null,
  fallback: route?.fallback ?? null,
  excluded: route?.excluded ?? [],
  error: null,
  ...extra,
});

/**
 * Brings one live code's WeCom contact way in line with its routing now: creates the way for an
 * active code that has none, deletes it for an archived or deleted code, and otherwise calls
 * `update_contact_way` only when the routed staff list differs from the one applied. Paused codes
 * are left alone unless the operator asks (`reason: 'manual'`).
 *
 * Safe to run twice at once: a run first claims the code (a conditional update of
 * `applying_until`); a second run meanwhile answers 'busy' and changes nothing. Idempotent: every
 * channel call carries a key derived from the code, its apply version and the list, so a retry
 * after a crash repeats the same call. Never runs inside a transaction (it calls the channel).
 * @example
 * const r = await applyLiveCodeRouting(ctx, 12, { reason: 'manual' }); // r.outcome === 'updated', r.staffIds
 */
export async function applyLiveCodeRouting(ctx: Ctx, codeId: number, options: { reason: TApplyReason }): Promise<TApplyOutcome> {
  if (ctx.tx) throw new Error('applyLiveCodeRouting calls the channel: run it outside a transaction.');
  const tenantId = ctx.actor.tenantId;
  const db = ctx.db;
  const where = and(eq(liveCodes.tenantId, tenantId), eq(liveCodes.id, codeId));
  const [current] = await db.select().from(liveCodes).where(where);
  if (!current) return outcome('skipped', null, []);
  const removing = current.deletedAt !== null || current.status === 'archived';
  if (removing && !current.configId) return outcome('skipped', null, []);
  if (current.status === 'paused' && options.reason !== 'manual' && current.configId) {
    return outcome('skipped', null, current.appliedStaffIds);
  }

  const now = ctx.now();
  const [code] = await db
    .update(liveCodes)
    .set({ applyingUntil: new Date(now.getTime() + LIVE_CODE_APPLY_LEASE_MS) })
    .where(and(where, or(isNull(liveCodes.applyingUntil), lt(liveCodes.applyingUntil, now))))
    .returning();
  if (!code) return outcome('busy', null, current.appliedStaffIds);
  const mine = and(where, eq(liveCodes.applyingUntil, new Date(now.getTime() + LIVE_CODE_APPLY_LEASE_MS)));
  const release = async (set: Partial<typeof liveCodes.$inferInsert>) => {
    await db
      .update(liveCodes)
      .set({ ...set, applyingUntil: null })
      .where(mine);
  };

  let route: TRouteResult | null = null;
  try {
    const channel = await ctx.channelFor(tenantId);
    if (code.deletedAt !== null || code.status === 'archived') {
      if (code.configId) await channel.deleteContactWay({ tenantId, configId: code.configId });
      await release({ configId: null, appliedStaffIds: [], appliedMode: null, appliedAt: now, syncError: null });
      return outcome('deleted', null, []);
    }

    const staff = await loadStaff(ctx, staffIdsOf(code));
    const routingNow = await liveCodeNow(ctx);
    const today = localClock(routingNow).day;
    const adds = (await addsOnDay(ctx, [code.id], today)).get(code.id) ?? new Map<number, number>();
    const routed = routeLiveCode({
      config: code,
      staff,
      todayAdds: adds,
      now: routingNow,
      current: code.appliedStaffIds,
    });
    route = routed;
    const userIds = (ids: number[]) => ids.map((id) => staff.get(id)?.wecomUserId).filter((u): u is string => !!u);
    const wanted = routed.staffIds.filter((id) => staff.has(id));
    const applied = {
      appliedStaffIds: wanted,
      appliedMode: routed.mode,
      appliedAt: now,
      applyVersion: code.applyVersion + 1,
      syncError: null,
      updatedAt: now,
    };

    if (!code.configId) {
      const generation = code.wayGeneration + 1;
      const way = await channel.createContactWay({
        tenantId,
        state: code.state ?? liveCodeState(code.id),
        staffUserIds: userIds(wanted),
        skipVerify: code.skipVerify,
        idempotencyKey: `lc:${tenantId}:${code.id}:way:${generation}`,
      });
      await db.transaction(async (tx) => {
        await tx
          .update(liveCodes)
          .set({ ...applied, configId: way.configId, qrCode: way.qrCode, wayGeneration: generation, applyingUntil: null })
          .where(mine);
        await warnOnFallback({ ...ctx, tx }, code, routed, staff);
      });
      return outcome('created', routed, wanted);
    }

    if (sameStaffList(wanted, code.appliedStaffIds)) {
      // Same list: no channel call; only the recorded reason may have changed (pool ↔ backup ↔ fallback).
      await release({
        ...(code.syncError ? { syncError: null } : {}),
        ...(routed.mode !== code.appliedMode ? { appliedMode: routed.mode } : {}),
      });
      return outcome('unchanged', routed, wanted);
    }
    const users = userIds(wanted);
    await channel.updateContactWay({
      tenantId,
      configId: code.configId,
      staffUserIds: users,
      idempotencyKey: `lc:${tenantId}:${code.id}:v${code.applyVersion + 1}:${listKey(users)}`,
    });
    await db.transaction(async (tx) => {
      await tx
        .update(liveCodes)
        .set({ ...applied, applyingUntil: null })
        .where(mine);
      await warnOnFallback({ ...ctx, tx }, code, routed, staff);
    });
    return outcome('updated', routed, wanted);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The way was deleted in WeCom: forget it, so the next sweep makes a new one (with a new QR).
    const gone = error instanceof ChannelError && error.code === 'NOT_FOUND' && code.configId !== null && !!route;
    await release({
      syncError: message.slice(0, 500),
      ...(gone ? { configId: null, qrCode: null, appliedStaffIds: [] } : {}),
    });
    ctx.log.warn({ tenantId, codeId, err: message }, 'live code: applying the routing failed');
    return outcome('failed', route, code.appliedStaffIds, { error: message, cause: error });
  }
}

// Tells the operators once when a code falls back (nobody on duty, no backup available).
async function warnOnFallback(
  ctx: Ctx,
  code: typeof liveCodes.$inferSelect,
  route: TRouteResult,
  staff: Map<number, TStaffRef>,
): Promise<void> {
  if (route.mode !== 'fallback' || code.appliedMode === 'fallback') return;
  const names = route.staffIds.map((id) => staff.get(id)?.name ?? String(id)).join('、');
  await notifyOperators(ctx, {
    kind: 'live_code.fallback',
    title: `活码「${code.name}」无人可接待，暂由 ${names} 接待`,
    body: 'All pool members are off duty, capped or resigned and no backup staff member is available. Add backup staff or raise the cap.',
    link: `/live-codes/${code.id}`,
  });
}
