import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { claimSeat, findLiveSeat, poolSeats, type TClaimedSeat } from './claim-seat.ts';
import { limiter, processRegistry, ruleOf, type TLimiter } from './group-code-access.ts';
import type { TGroupCodeLanding } from './group-codes.schemas.ts';
import { groupCodes } from './group-codes.tables.ts';
import { makeRoom } from './open-group-for-code.ts';
import { syncJoinWays } from './sync-join-ways.ts';

// Under a burst a visitor may wait for openings (one at a time) and locked rows. They keep waiting
// while the code makes progress (someone got a seat, a group opened) and give up when nothing
// moved for STALL_MS, or after ROUTE_BUDGET_MS in any case.
const STALL_MS = 30_000;
const ROUTE_BUDGET_MS = 300_000;

const progress = (ctx: Ctx) => processRegistry(ctx.database, 'group-code-progress', () => new Map<string, number>());

// Visitors of one code routed at once by this process. A burst of thousands would otherwise queue
// thousands of claims (and, after each opening, thousands of retries) in front of the opener's and
// the joins' queries; in line here they cost nothing while they wait. Correctness never depends on
// it: the claim itself is atomic in the database, across processes.
const ROUTE_CONCURRENCY = 8;
const lines = (ctx: Ctx) => processRegistry(ctx.database, 'group-code-route-lines', () => new Map<string, TLimiter>());

export type TRoutedVisit = { seat: TClaimedSeat; codeName: string; groupName: string; reused: boolean };

/**
 * Routes one visitor of the code to a group with room now and holds a seat there for them (see
 * claim-seat.ts): their seat again if they already have one; else a new seat by the code's rule;
 * when only groups without a join way have room, the ways are synced first; when every group is
 * full, a new group is opened (one at a time per code) and the claim is retried. Used by the public
 * landing, the console's simulation and the benchmark alike. Errors: NOT_FOUND, CONFLICT with
 * `details.reason` 'paused' | 'full', CHANNEL_ERROR when the join ways cannot be synced,
 * RATE_LIMITED when the visitor lost every race (try again).
 * @example
 * const { seat, groupName } = await routeVisitor(ctx, { codeId: 3, customerId: 42 });
 */
export async function routeVisitor(
  ctx: Ctx,
  input: { codeId: number; customerId?: number | null; visitorKey?: string | null },
): Promise<TRoutedVisit> {
  const base = { ...ctx, tx: undefined };
  const [code] = await base.db
    .select()
    .from(groupCodes)
    .where(and(eq(groupCodes.tenantId, ctx.actor.tenantId), eq(groupCodes.id, input.codeId)));
  if (!code) throw notFound('Group live code', input.codeId);
  if (code.status !== 'active') {
    throw new AppError('CONFLICT', `The group code “${code.name}” is paused. Ask the brand for a new code.`, {
      reason: 'paused',
    });
  }
  const customerId = input.customerId ?? null;
  const visitorKey = input.visitorKey ?? (customerId !== null ? `c${customerId}` : null);
  const named = async (seat: TClaimedSeat, reused: boolean): Promise<TRoutedVisit> => {
    const group = await getGroupRef(base, seat.groupId);
    return { seat, codeName: code.name, groupName: group?.name ?? '', reused };
  };

  const lineKey = `${ctx.actor.tenantId}:${code.id}`;
  let line = lines(base).get(lineKey);
  if (!line) {
    line = limiter(ROUTE_CONCURRENCY);
    lines(base).set(lineKey, line);
  }
  const seat = await line.run(() => routeInLine(base, code, customerId, visitorKey));
  return named(seat.seat, seat.reused);
}

async function routeInLine(
  base: Ctx,
  code: typeof groupCodes.$inferSelect,
  customerId: number | null,
  visitorKey: string | null,
): Promise<{ seat: TClaimedSeat; reused: boolean }> {
  const again = await findLiveSeat(base, { codeId: code.id, customerId, visitorKey });
  if (again) return { seat: again, reused: true };

  let syncFailures = 0;
  const moved = progress(base);
  const key = `${base.actor.tenantId}:${code.id}`;
  const started = Date.now();
  const stalled = () => Date.now() - Math.max(started, moved.get(key) ?? 0) > STALL_MS;
  for (let round = 0; Date.now() - started < ROUTE_BUDGET_MS && !stalled(); round++) {
    const seat = await claimSeat(base, {
      codeId: code.id,
      rule: ruleOf(code),
      customerId,
      visitorKey,
      // First spread over the free rows; after a miss, wait for the locked ones.
      skipLocked: round % 2 === 0,
    });
    if (seat) {
      moved.set(key, Date.now());
      return { seat, reused: false };
    }
    const seats = await poolSeats(base, code.id);
    if (seats.headed) continue;
    if (seats.any) {
      // Room in groups that lead no join way yet (a lead filled up, a group was added): rotate.
      const synced = await syncJoinWays(base, code.id);
      if (synced.error && ++syncFailures >= 2) {
        throw new AppError('CHANNEL_ERROR', `The group QR codes could not be prepared: ${synced.error} Try again later.`);
      }
      continue;
    }
    const room = await makeRoom(base, code.id);
    moved.set(key, Date.now());
    if (room.outcome === 'unavailable') {
      throw new AppError('CONFLICT', `Every group of “${code.name}” is full. Try again later.`, {
        reason: 'full',
        why: room.reason,
      });
    }
  }
  throw new AppError('RATE_LIMITED', 'Many people are joining at this moment. Wait a second and try again.');
}

/**
 * What the public landing `/j/<slug>` shows: the routed group's name and members and the QR of the
 * join way it leads; `paused` / `full` (with the code's name only) when it cannot route anyone.
 * `customerId` comes from a valid customer token, `visitorKey` from the H5 page.
 */
export async function getGroupCodeLanding(
  ctx: Ctx,
  input: { codeId: number; customerId: number | null; visitorKey: string | null },
): Promise<TGroupCodeLanding> {
  try {
    const visit = await routeVisitor(ctx, {
      codeId: input.codeId,
      customerId: input.customerId,
      visitorKey: input.visitorKey ? `v${input.visitorKey}` : null,
    });
    return {
      status: 'ok',
      codeName: visit.codeName,
      group: { name: visit.groupName, memberCount: visit.seat.members, cap: visit.seat.cap },
      qrCode: visit.seat.qrCode,
      seatExpiresAt: visit.seat.expiresAt.toISOString(),
    };
  } catch (error) {
    const reason =
      error instanceof AppError && error.code === 'CONFLICT' ? (error.details as { reason?: unknown })?.reason : null;
    if (reason !== 'paused' && reason !== 'full') throw error;
    const [code] = await ctx.db
      .select({ name: groupCodes.name })
      .from(groupCodes)
      .where(and(eq(groupCodes.tenantId, ctx.actor.tenantId), eq(groupCodes.id, input.codeId)));
    return { status: reason, codeName: code?.name ?? '', group: null, qrCode: null, seatExpiresAt: null };
  }
}
