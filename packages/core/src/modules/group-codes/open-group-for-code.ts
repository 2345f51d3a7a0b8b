import { ChannelError } from '@pond/channels';
import { and, eq, gt, isNull, lt, max, or } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { applyGroupEvent } from '../groups/apply-group-event.ts';
import { getGroupRefByChatId } from '../groups/group-refs.ts';
import { notifyOperators } from '../notifications/notify-operators.ts';
import { getStaffById } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { poolSeats } from './claim-seat.ts';
import { processRegistry, sleep, type TGroupCodeRow } from './group-code-access.ts';
import { groupNameFor, ownerFor } from './group-code-rules.ts';
import { groupCodeGroups, groupCodeOpenings, groupCodes } from './group-codes.tables.ts';
import { syncJoinWays } from './sync-join-ways.ts';

/** An opener that died keeps its claim this long; then another takes over with the same keys. */
export const OPENING_LEASE_MS = 60_000;
// After a failed opening, visitors are told the code is full for this long instead of every one of
// them retrying a channel that just failed.
const FAILED_BACKOFF_MS = 60_000;
// How long a visitor waits for someone else's opening before trying again.
const WAIT_FOR_OPENING_MS = 30_000;
// Operators hear "full and cannot open a group" at most this often per code.
const FULL_NOTICE_EVERY_MS = 60 * 60_000;

export type TMakeRoom = { outcome: 'retry' } | { outcome: 'unavailable'; reason: 'auto_open_off' | 'no_owner' | 'open_failed' };
type TOpening = typeof groupCodeOpenings.$inferSelect;

const inFlight = (ctx: Ctx) => processRegistry(ctx.database, 'group-code-openings', () => new Map<number, Promise<void>>());
const making = (ctx: Ctx) => processRegistry(ctx.database, 'group-code-make-room', () => new Map<string, Promise<TMakeRoom>>());

/**
 * Called when every group of the code is full: opens the next group — exactly one at a time per
 * code, however many visitors arrive at once — or waits for the opening already under way. The
 * opener is whoever inserts the code's `opening` row (a partial unique index allows one), under a
 * lock on the code row that re-checks the pool is still full. Returns `retry` once there may be room
 * (the caller claims again), or why no group can be opened.
 * @example
 * const r = await makeRoom(ctx, code.id); // { outcome: 'retry' }
 */
export function makeRoom(ctx: Ctx, codeId: number): Promise<TMakeRoom> {
  // Visitors of this process who find the pool full at the same moment share one attempt, so a
  // burst costs the database one opening check, not one per visitor.
  const gates = making(ctx);
  const key = `${ctx.actor.tenantId}:${codeId}`;
  const existing = gates.get(key);
  if (existing) return existing;
  const attempt = makeRoomOnce({ ...ctx, tx: undefined }, codeId).finally(() => gates.delete(key));
  gates.set(key, attempt);
  return attempt;
}

async function makeRoomOnce(ctx: Ctx, codeId: number): Promise<TMakeRoom> {
  const tenantId = ctx.actor.tenantId;
  const db = ctx.db;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = ctx.now();
    const [current] = await db
      .select()
      .from(groupCodeOpenings)
      .where(
        and(
          eq(groupCodeOpenings.tenantId, tenantId),
          eq(groupCodeOpenings.codeId, codeId),
          eq(groupCodeOpenings.status, 'opening'),
        ),
      );
    if (current) {
      if (current.leaseUntil > now) {
        await waitForOpening(ctx, current.id);
        return { outcome: 'retry' };
      }
      // The opener died: take its opening over (same number, same idempotency keys).
      const [taken] = await db
        .update(groupCodeOpenings)
        .set({ leaseUntil: new Date(now.getTime() + OPENING_LEASE_MS) })
        .where(
          and(
            eq(groupCodeOpenings.tenantId, tenantId),
            eq(groupCodeOpenings.id, current.id),
            eq(groupCodeOpenings.status, 'opening'),
            lt(groupCodeOpenings.leaseUntil, now),
          ),
        )
        .returning();
      if (taken) await runOpening(ctx, taken);
      return { outcome: 'retry' };
    }

    const [code] = await db
      .select()
      .from(groupCodes)
      .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, codeId)));
    if (!code) throw new AppError('NOT_FOUND', `Group live code ${codeId} was deleted.`);
    if (!code.autoOpen) {
      await notifyFull(ctx, code, 'auto_open_off');
      return { outcome: 'unavailable', reason: 'auto_open_off' };
    }
    const [recentFailure] = await db
      .select({ id: groupCodeOpenings.id })
      .from(groupCodeOpenings)
      .where(
        and(
          eq(groupCodeOpenings.tenantId, tenantId),
          eq(groupCodeOpenings.codeId, codeId),
          eq(groupCodeOpenings.status, 'failed'),
          gt(groupCodeOpenings.startedAt, new Date(now.getTime() - FAILED_BACKOFF_MS)),
        ),
      )
      .limit(1);
    if (recentFailure) return { outcome: 'unavailable', reason: 'open_failed' };

    const owners = new Set<number>();
    for (const staffId of code.ownerStaffIds) {
      const member = await getStaffById(ctx, staffId);
      if (member?.status === 'active') owners.add(member.id);
    }
    const started = await db.transaction(async (tx): Promise<TOpening | 'room' | 'busy' | 'no_owner' | 'renumber'> => {
      const tctx = { ...ctx, tx };
      const [locked] = await tx
        .select()
        .from(groupCodes)
        .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, codeId)))
        .for('update');
      if (!locked) return 'busy';
      const [other] = await tx
        .select({ id: groupCodeOpenings.id })
        .from(groupCodeOpenings)
        .where(
          and(
            eq(groupCodeOpenings.tenantId, tenantId),
            eq(groupCodeOpenings.codeId, codeId),
            eq(groupCodeOpenings.status, 'opening'),
          ),
        );
      if (other) return 'busy';
      // An opening finished (or a seat expired) since the caller looked: no new group needed.
      if ((await poolSeats(tctx, codeId)).any) return 'room';
      const number = locked.nextNumber;
      const owner = ownerFor(locked.ownerStaffIds, owners, number);
      if (owner === null) return 'no_owner';
      const [row] = await tx
        .insert(groupCodeOpenings)
        .values({
          tenantId,
          codeId,
          number,
          name: groupNameFor(locked.groupNameTemplate, number),
          ownerStaffId: owner,
          status: 'opening',
          leaseUntil: new Date(now.getTime() + OPENING_LEASE_MS),
          startedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        // The running number was set back to one already used: continue after the highest.
        const [top] = await tx
          .select({ n: max(groupCodeOpenings.number) })
          .from(groupCodeOpenings)
          .where(and(eq(groupCodeOpenings.tenantId, tenantId), eq(groupCodeOpenings.codeId, codeId)));
        await tx
          .update(groupCodes)
          .set({ nextNumber: (top?.n ?? number) + 1 })
          .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, codeId)));
        return 'renumber';
      }
      await tx
        .update(groupCodes)
        .set({ nextNumber: number + 1 })
        .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, codeId)));
      return row;
    });
    if (started === 'room') return { outcome: 'retry' };
    if (started === 'busy' || started === 'renumber') continue;
    if (started === 'no_owner') {
      await notifyFull(ctx, code, 'no_owner');
      return { outcome: 'unavailable', reason: 'no_owner' };
    }
    await runOpening(ctx, started);
    return { outcome: 'retry' };
  }
  return { outcome: 'retry' };
}

async function waitForOpening(ctx: Ctx, openingId: number): Promise<void> {
  const local = inFlight(ctx).get(openingId);
  if (local) {
    await local;
    return;
  }
  // Opened by another process: watch its row.
  const deadline = Date.now() + WAIT_FOR_OPENING_MS;
  for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    await sleep(delay + Math.floor(Math.random() * 20));
    const [row] = await ctx.db
      .select({ status: groupCodeOpenings.status, leaseUntil: groupCodeOpenings.leaseUntil })
      .from(groupCodeOpenings)
      .where(and(eq(groupCodeOpenings.tenantId, ctx.actor.tenantId), eq(groupCodeOpenings.id, openingId)));
    if (row?.status !== 'opening' || row.leaseUntil < ctx.now()) return;
  }
}

function runOpening(ctx: Ctx, opening: TOpening): Promise<void> {
  const registry = inFlight(ctx);
  const existing = registry.get(opening.id);
  if (existing) return existing;
  const run = performOpening({ ...ctx, tx: undefined }, opening).finally(() => registry.delete(opening.id));
  registry.set(opening.id, run);
  return run;
}

// The steps of one opening; each is safe to repeat after a crash (idempotency key on the channel
// call, conflict-free inserts, a conditional status change that alone notifies).
async function performOpening(ctx: Ctx, opening: TOpening): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  const where = and(eq(groupCodeOpenings.tenantId, tenantId), eq(groupCodeOpenings.id, opening.id));
  const [code] = await ctx.db
    .select()
    .from(groupCodes)
    .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, opening.codeId)));
  const owner = opening.ownerStaffId === null ? null : await getStaffById(ctx, opening.ownerStaffId);
  const fail = async (message: string) => {
    await inTransaction(ctx, async (tctx) => {
      const [failed] = await dbOf(tctx)
        .update(groupCodeOpenings)
        .set({ status: 'failed', error: message.slice(0, 500) })
        .where(and(where, eq(groupCodeOpenings.status, 'opening')))
        .returning({ id: groupCodeOpenings.id });
      if (failed && code) {
        await notifyOperators(tctx, {
          kind: 'group_code.open_failed',
          title: `群活码「${code.name}」的群已满，自动建群失败`,
          body: `未能新建 ${opening.name}：${message}。请检查群主和渠道后重试，或在群池中加入有空位的群。`,
          link: `/group-codes/${opening.codeId}`,
        });
      }
    });
    ctx.log.warn({ tenantId, codeId: opening.codeId, number: opening.number }, 'group code could not open a group');
  };
  if (!code || !owner) {
    await fail(!code ? 'the code was deleted' : 'the owner no longer exists');
    return;
  }

  let chatId = opening.chatId;
  if (!chatId) {
    try {
      const channel = await ctx.channelFor(tenantId);
      chatId = (
        await channel.createGroup({
          tenantId,
          name: opening.name,
          ownerUserId: owner.wecomUserId,
          memberUserIds: [],
          notice: code.notice || undefined,
          idempotencyKey: `gc:${code.id}:open:${opening.number}`,
        })
      ).chatId;
    } catch (error) {
      if (error instanceof ChannelError || error instanceof AppError) {
        await fail(error.message);
        return;
      }
      throw error;
    }
    // API writes produce no callback: Pond records the group it created itself.
    const at = ctx.now().toISOString();
    const created = chatId;
    await ctx.db.transaction(async (tx) => {
      const tctx = { ...ctx, tx };
      await applyGroupEvent(tctx, {
        source: 'group_code',
        event: { type: 'group.created', at, chatId: created, name: opening.name, ownerUserId: owner.wecomUserId },
      });
      if (code.notice) {
        await applyGroupEvent(tctx, {
          source: 'group_code',
          event: { type: 'group.updated', at, chatId: created, notice: code.notice },
        });
      }
      const group = await getGroupRefByChatId(tctx, created);
      if (!group) throw new Error(`Group ${created} was not recorded.`);
      const [last] = await tx
        .select({ p: max(groupCodeGroups.position) })
        .from(groupCodeGroups)
        .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.codeId, code.id)));
      await tx
        .insert(groupCodeGroups)
        .values({
          tenantId,
          codeId: code.id,
          groupId: group.id,
          chatId: created,
          position: (last?.p ?? 0) + 1,
          cap: Math.min(code.memberCap, group.memberCap),
          members: group.memberCount,
          openedNumber: opening.number,
        })
        .onConflictDoNothing();
      await tx.update(groupCodeOpenings).set({ groupId: group.id, chatId: created }).where(where);
    });
  }

  // The new group heads a join way before anyone is routed to it.
  await syncJoinWays(ctx, code.id);

  const groupChatId = chatId;
  await ctx.db.transaction(async (tx) => {
    const tctx = { ...ctx, tx };
    const [opened] = await tx
      .update(groupCodeOpenings)
      .set({ status: 'opened', openedAt: ctx.now() })
      .where(and(where, eq(groupCodeOpenings.status, 'opening')))
      .returning();
    if (!opened) return;
    await tx
      .update(groupCodes)
      .set({ fullNotifiedAt: null })
      .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, code.id)));
    await notifyOperators(tctx, {
      kind: 'group_code.group_opened',
      title: `群活码「${code.name}」已自动新建群 ${opening.name}`,
      body: `群池里的群都已满 ${code.memberCap} 人，已由 ${owner.name} 新建 ${opening.name} 并加入群池。`,
      link: `/group-codes/${code.id}`,
    });
    if (code.welcomeText) {
      await enqueueAction(tctx, {
        idempotencyKey: `gc:${code.id}:welcome:${opening.number}`,
        kind: 'group_message',
        payload: {
          chatId: groupChatId,
          groupId: opened.groupId ?? undefined,
          content: { text: code.welcomeText, attachments: [] },
        },
      });
    }
  });
}

/** Tells operators, at most once an hour per code, that visitors find every group full. */
async function notifyFull(ctx: Ctx, code: TGroupCodeRow, reason: 'auto_open_off' | 'no_owner'): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const [due] = await tx
      .update(groupCodes)
      .set({ fullNotifiedAt: now })
      .where(
        and(
          eq(groupCodes.tenantId, ctx.actor.tenantId),
          eq(groupCodes.id, code.id),
          or(isNull(groupCodes.fullNotifiedAt), lt(groupCodes.fullNotifiedAt, new Date(now.getTime() - FULL_NOTICE_EVERY_MS))),
        ),
      )
      .returning({ id: groupCodes.id });
    if (!due) return;
    await notifyOperators(
      { ...ctx, tx },
      {
        kind: 'group_code.full',
        title: `群活码「${code.name}」的群都已满`,
        body:
          reason === 'auto_open_off'
            ? '自动建群已关闭，扫码的顾客进不了群。请在群池中加入新群，或打开自动建群。'
            : '没有可用的群主（群主池为空或已离职），无法自动建群。请在设置中添加群主。',
        link: `/group-codes/${code.id}`,
      },
    );
  });
}

/**
 * Opens the next group as soon as a code is full (not only when the next visitor finds it so):
 * called by the sync job that a filling group triggers, so customers who scan a join way directly
 * — not through the landing — also find a group with room. Active codes with auto-open only.
 */
export async function openIfFull(ctx: Ctx, codeId: number): Promise<boolean> {
  const [code] = await ctx.db
    .select({ status: groupCodes.status, autoOpen: groupCodes.autoOpen })
    .from(groupCodes)
    .where(and(eq(groupCodes.tenantId, ctx.actor.tenantId), eq(groupCodes.id, codeId)));
  if (code?.status !== 'active' || !code.autoOpen) return false;
  if ((await poolSeats(ctx, codeId)).any) return false;
  return (await makeRoom(ctx, codeId)).outcome === 'retry';
}
