import { createHash } from 'node:crypto';
import { ChannelError } from '@pond/channels';
import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { processRegistry, readPool, readWays, ruleOf, sleep } from './group-code-access.ts';
import { groupCodeState } from './group-code-rules.ts';
import { groupCodeGroups, groupCodes, groupCodeWays } from './group-codes.tables.ts';
import { planJoinWays } from './plan-join-ways.ts';

export type TSyncResult = { updated: number; created: number; deleted: number; error: string | null; skipped?: boolean };

// Another process syncing the same code holds it this long at most (channel calls included).
const SYNC_LEASE_MS = 30_000;
const SYNC_WAIT_MS = 10_000;

const listHash = (chatIds: readonly string[]) => createHash('sha256').update(chatIds.join(',')).digest('hex').slice(0, 12);

type Flight = { running: Promise<TSyncResult> | null; again: Promise<TSyncResult> | null };

/**
 * Brings the code's join ways to what `planJoinWays` says now: update_join_way where a list
 * changed, add_join_way for new leads, del_join_way for ways nobody needs; then records which group
 * heads which way (routing only picks those). One sync per code at a time: in this process a
 * request made while one runs is served by one more run after it (so it sees the latest pool);
 * across processes a short lease on the code row. Channel calls carry idempotency keys derived from
 * the way and its new list, so a retry after a crash does not act twice. A channel failure is
 * recorded on the code (`waysError`) and returned; the periodic sweep tries again.
 * @example
 * const r = await syncJoinWays(ctx, codeId); // { updated: 1, created: 0, deleted: 0, error: null }
 */
export function syncJoinWays(ctx: Ctx, codeId: number): Promise<TSyncResult> {
  const flights = processRegistry(ctx.database, 'group-code-sync', () => new Map<string, Flight>());
  const key = `${ctx.actor.tenantId}:${codeId}`;
  let flight = flights.get(key);
  if (!flight) {
    flight = { running: null, again: null };
    flights.set(key, flight);
  }
  const f = flight;
  const start = (): Promise<TSyncResult> => {
    const run = syncOnce({ ...ctx, tx: undefined }, codeId).finally(() => {
      f.running = null;
    });
    f.running = run;
    return run;
  };
  if (!f.running) return start();
  if (!f.again) {
    f.again = f.running
      .catch(() => undefined)
      .then(() => {
        f.again = null;
        return f.running ?? start();
      });
  }
  return f.again;
}

async function acquireLease(ctx: Ctx, codeId: number): Promise<boolean> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const now = ctx.now();
    const [row] = await dbOf(ctx)
      .update(groupCodes)
      .set({ waysSyncUntil: new Date(now.getTime() + SYNC_LEASE_MS) })
      .where(
        and(
          eq(groupCodes.tenantId, ctx.actor.tenantId),
          eq(groupCodes.id, codeId),
          or(isNull(groupCodes.waysSyncUntil), lt(groupCodes.waysSyncUntil, now)),
        ),
      )
      .returning({ id: groupCodes.id });
    if (row) return true;
    if (Date.now() > deadline) return false;
    await sleep(delay);
  }
}

async function syncOnce(ctx: Ctx, codeId: number): Promise<TSyncResult> {
  const tenantId = ctx.actor.tenantId;
  const result: TSyncResult = { updated: 0, created: 0, deleted: 0, error: null };
  const [code] = await ctx.db
    .select()
    .from(groupCodes)
    .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, codeId)));
  if (!code) return result;
  if (!(await acquireLease(ctx, codeId))) return { ...result, skipped: true };
  const codeWhere = and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, codeId));
  try {
    const pool = await readPool(ctx, codeId);
    const ways = await readWays(ctx, codeId);
    const plan = planJoinWays({ pool, ways: ways.map((w) => ({ id: w.id, chatIds: w.chatIds })), rule: ruleOf(code) });
    const changed = plan.updates.length + plan.creates.length + plan.deletes.length > 0;
    const headWay = (lists: ReadonlyMap<number, readonly string[]>) => {
      const byChat = new Map<string, number>();
      for (const [wayId, list] of lists) if (list[0]) byChat.set(list[0], wayId);
      return byChat;
    };
    const headsOk = () => {
      const heads = headWay(plan.lists);
      return pool.every((g) => g.wayId === (heads.get(g.chatId) ?? null));
    };
    if (!changed && headsOk()) {
      if (code.waysError) await ctx.db.update(groupCodes).set({ waysError: null }).where(codeWhere);
      return result;
    }

    // Groups whose way is about to lead elsewhere stop being routed to first, so no visitor is shown
    // a QR that no longer leads to their group.
    const leaving = new Set(plan.deletes);
    for (const u of plan.updates) {
      const before = ways.find((w) => w.id === u.wayId);
      if (before?.chatIds[0] !== u.chatIds[0]) leaving.add(u.wayId);
    }
    if (leaving.size > 0) {
      await ctx.db
        .update(groupCodeGroups)
        .set({ wayId: null })
        .where(
          and(
            eq(groupCodeGroups.tenantId, tenantId),
            eq(groupCodeGroups.codeId, codeId),
            inArray(groupCodeGroups.wayId, [...leaving]),
          ),
        );
    }

    // What each live way holds, as applied so far: a failed call leaves its way as it was.
    const finalLists = new Map<number, readonly string[]>(ways.map((w) => [w.id, w.chatIds]));
    try {
      const channel = await ctx.channelFor(tenantId);
      for (const u of plan.updates) {
        const way = ways.find((w) => w.id === u.wayId);
        if (!way) continue;
        await channel.updateJoinWay({
          tenantId,
          configId: way.configId,
          chatIds: u.chatIds,
          idempotencyKey: `gc:${codeId}:way:${way.id}:v${way.version + 1}:${listHash(u.chatIds)}`,
        });
        await ctx.db
          .update(groupCodeWays)
          .set({ chatIds: u.chatIds, version: way.version + 1, updatedAt: ctx.now() })
          .where(and(eq(groupCodeWays.tenantId, tenantId), eq(groupCodeWays.id, way.id)));
        finalLists.set(way.id, u.chatIds);
        result.updated++;
      }
      let made = code.waysCreated;
      for (const c of plan.creates) {
        made++;
        const created = await channel.createJoinWay({
          tenantId,
          state: groupCodeState(codeId),
          chatIds: c.chatIds,
          idempotencyKey: `gc:${codeId}:way-new:${made}:${listHash(c.chatIds)}`,
        });
        const wayId = await ctx.db.transaction(async (tx) => {
          const [row] = await tx
            .insert(groupCodeWays)
            .values({ tenantId, codeId, configId: created.configId, qrCode: created.qrCode, chatIds: c.chatIds })
            .onConflictDoNothing()
            .returning({ id: groupCodeWays.id });
          await tx.update(groupCodes).set({ waysCreated: made }).where(codeWhere);
          return row?.id ?? null;
        });
        if (wayId !== null) finalLists.set(wayId, c.chatIds);
        result.created++;
      }
      for (const wayId of plan.deletes) {
        const way = ways.find((w) => w.id === wayId);
        if (!way) continue;
        await channel.deleteJoinWay({ tenantId, configId: way.configId });
        await ctx.db
          .update(groupCodeWays)
          .set({ deletedAt: ctx.now() })
          .where(and(eq(groupCodeWays.tenantId, tenantId), eq(groupCodeWays.id, way.id)));
        finalLists.delete(way.id);
        result.deleted++;
      }
    } catch (error) {
      // Whatever stopped the channel calls (a channel error, no channel for the tenant): recorded,
      // and retried by the sweep; what was applied before it is kept below.
      result.error = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      if (!(error instanceof ChannelError) && !(error instanceof AppError))
        ctx.log.error({ err: error, codeId }, 'join way sync failed');
    }

    // Which group heads which way now (only what was applied counts).
    const heads = headWay(finalLists);
    const current = await readPool(ctx, codeId);
    for (const g of current) {
      const wayId = heads.get(g.chatId) ?? null;
      if (g.wayId !== wayId) {
        await ctx.db
          .update(groupCodeGroups)
          .set({ wayId })
          .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, g.id)));
      }
    }
    await ctx.db.update(groupCodes).set({ waysError: result.error }).where(codeWhere);
    if (result.error) ctx.log.warn({ tenantId, codeId, error: result.error }, 'group code join ways not synced');
    return result;
  } finally {
    await ctx.db.update(groupCodes).set({ waysSyncUntil: null }).where(codeWhere);
  }
}
