/**
 * The simulator channel: a virtual WeCom living in Pond's own database.
 *
 * Where the world lives. Friendships (follows) and customer groups are NOT copied into sim tables:
 * the virtual WeCom reads Pond's own follows and groups through the `world` lookups injected by
 * `createSimulatorChannel` (so @pond/channels never imports @pond/core). That is sound because the
 * simulator hands every event it makes to Pond's inbox, and Pond records its own API writes (as it
 * must with WeCom, whose API writes produce no callback), so the two views converge; while a
 * "late" delivery is in flight the world lags, as a brand's copy lags behind WeCom. What only WeCom
 * knows lives in the sim_* tables: welcome codes, mass tasks, the chat log, the clock and the
 * idempotency keys of calls already carried out.
 *
 * Copied from WeCom: welcome codes work once within 20 s of the simulated clock; mass tasks wait
 * for the staff member to confirm (a deterministic share never does) and skip customers who are no
 * longer friends or are over their monthly cap; markTags, createGroup and updateGroup change the
 * world and produce no callback. Private and group messages are delivered at once (on WeCom a
 * private message is a one-recipient mass task the staff member confirms).
 *
 * Every transaction here touches sim tables only, and every world lookup or clock read happens
 * before the transaction opens: on the embedded database a query outside an open transaction
 * waits for it to finish.
 */
import { randomBytes } from 'node:crypto';
import type { Db, DbLike } from '@pond/db';
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import {
  type Channel,
  ChannelError,
  REMARK_MAX,
  type TAttachment,
  type TMassTaskStatus,
  type TMessageContent,
} from '../channel.ts';
import { checkMomentInput, checkWayInput, parseContent } from '../channel-input.ts';
import { momentPublished } from './sim-moments.ts';
import { fnv1a, massTaskResults, monthlyCapWindow, staffNeverConfirms, WELCOME_CODE_TTL_MS } from './sim-rules.ts';
import { simChatLog, simMassTasks, simMomentTasks, simRequests, simWays, simWelcomeCodes } from './simulator.tables.ts';

/** What the virtual WeCom knows about people and groups: read from Pond's tables by the caller. */
export type SimWorld = {
  /** The staff member's display name, or null when no staff member has this userid. */
  staffName: (tenantId: number, staffUserId: string) => Promise<string | null>;
  /** Which of `externalUserIds` are currently friends with the staff member. */
  friendsAmong: (tenantId: number, staffUserId: string, externalUserIds: readonly string[]) => Promise<Set<string>>;
  /** Name and state of a customer group, or null when WeCom has no such chat. */
  group: (tenantId: number, chatId: string) => Promise<{ name: string; active: boolean } | null>;
  /** Which of `chatIds` are existing, not dismissed groups. */
  activeGroupsAmong: (tenantId: number, chatIds: readonly string[]) => Promise<Set<string>>;
};

export type CreateSimulatorChannelOptions = {
  db: Db;
  /** The simulated clock of a tenant (see `readSimClock`). */
  now: (tenantId: number) => Promise<Date>;
  world: SimWorld;
};

export type TSimChatLine = {
  id: number;
  conversation: string;
  sender: string;
  senderName: string;
  msgType: string;
  content: string;
  at: Date;
};

export type TSimMassTask = {
  msgId: string;
  chatType: 'single' | 'group';
  staffUserId: string;
  targets: string[];
  status: 'waiting' | 'confirmed' | 'never';
  createdAt: Date;
};

/** The simulator is a full `Channel`, plus what only a simulated world can do. */
export type SimulatorChannel = Channel & {
  readonly kind: 'simulator';
  /** The tenant's simulated clock. */
  now: (tenantId: number) => Promise<Date>;
  /** Hands out the welcome code that goes with an add event; valid for 20 s from `at`. */
  issueWelcomeCode: (input: {
    tenantId: number;
    staffUserId: string;
    externalUserId: string;
    at?: Date;
  }) => Promise<{ code: string; expiresAt: Date }>;
  /** Something said in the virtual world (a customer's or staff member's message). */
  appendChatLog: (input: {
    tenantId: number;
    conversation: string;
    sender: string;
    senderName: string;
    msgType?: string;
    content: string;
    at?: Date;
  }) => Promise<TSimChatLine>;
  /**
   * The chat log, oldest first: after `afterId`, or else the latest `limit` lines. `conversations`
   * limits it to those conversations (a scoped reader).
   */
  readChatLog: (input: {
    tenantId: number;
    conversation?: string;
    conversations?: readonly string[];
    afterId?: number;
    limit: number;
  }) => Promise<TSimChatLine[]>;
  getMassTask: (input: { tenantId: number; msgId: string }) => Promise<TSimMassTask | null>;
  /**
   * The staff member confirms a mass task in their app: each target gets the message (1), or is
   * skipped as no longer a friend / a dismissed group (2) or over the monthly cap (3). Confirming
   * twice returns the first result.
   */
  confirmMassTask: (input: { tenantId: number; msgId: string }) => Promise<TMassTaskStatus>;
  /**
   * What staff do with mass tasks waiting longer than `olderThanSeconds` of simulated time: most
   * confirm; the deterministic share who never confirm leave them as 'never'. For the behaviour model.
   */
  confirmDueMassTasks: (input: { tenantId: number; olderThanSeconds: number; limit?: number }) => Promise<{
    confirmed: number;
    never: number;
  }>;
  /** Whether this staff member is one of those who never confirm mass tasks. */
  staffNeverConfirms: (tenantId: number, staffUserId: string) => boolean;
  /** A contact or join way as the virtual WeCom holds it now, or null when it does not exist. */
  getWay: (input: { tenantId: number; configId: string }) => Promise<TSimWay | null>;
  /**
   * A customer scans a contact way: WeCom hands them to the way's staff members in turn. Returns
   * the staff userid they add and the way's state, or throws NOT_FOUND for a deleted way.
   */
  scanContactWay: (input: { tenantId: number; configId: string }) => Promise<{ staffUserId: string; state: string }>;
};

export type TSimWay = {
  configId: string;
  kind: 'contact' | 'join';
  state: string;
  members: string[];
  updates: number;
  qrCode: string;
};

/** `private:<userid>:<external_userid>` — the chat log's name for a one-to-one conversation. */
export const privateConversation = (staffUserId: string, externalUserId: string) => `private:${staffUserId}:${externalUserId}`;
/** `group:<chat_id>` — the chat log's name for a customer group. */
export const groupConversation = (chatId: string) => `group:${chatId}`;

/** A new WeCom-looking external_userid (`wm` + 30 hex characters). */
export const newExternalUserId = () => `wm${randomBytes(15).toString('hex')}`;
/** A new WeCom-looking chat_id (`wr` + 30 hex characters). */
export const newChatId = () => `wr${randomBytes(15).toString('hex')}`;

// The sender name shown for what Pond itself posts into a group.
const POND_SENDER_NAME = 'Pond';

function describeAttachment(a: TAttachment): string {
  switch (a.type) {
    case 'image':
    case 'video':
      return a.url;
    case 'link':
      return `${a.title} ${a.url}`;
    case 'miniprogram':
      return `${a.title} (${a.appId} ${a.page})`;
    case 'file':
      return a.name ?? a.url;
  }
}

// WeCom delivers the text and each attachment as separate messages; so does the chat log.
function contentLines(content: TMessageContent): { msgType: string; content: string }[] {
  const lines: { msgType: string; content: string }[] = [];
  if (content.text) lines.push({ msgType: 'text', content: content.text });
  for (const a of content.attachments) lines.push({ msgType: a.type, content: describeAttachment(a) });
  return lines;
}

/** The QR image URL the virtual WeCom hands out for a way (rendered by Pond's QR endpoint in the demo). */
export const simWayQrCode = (configId: string) => `https://sim.pond.local/qr/${configId}`;

const toLine = (r: typeof simChatLog.$inferSelect): TSimChatLine => ({
  id: r.id,
  conversation: r.conversation,
  sender: r.sender,
  senderName: r.senderName,
  msgType: r.msgType,
  content: r.content,
  at: r.at,
});

/**
 * The simulator channel over Pond's database.
 * @example
 * const channel = createSimulatorChannel({ db, now: (t) => readSimClock(db, t, () => new Date()).then((c) => c.clock), world });
 * await channel.sendPrivateMessage({ tenantId, staffUserId: 'wangfang', externalUserId: 'wm…', content: { text: 'hi', attachments: [] }, idempotencyKey: 'k1' });
 */
export function createSimulatorChannel(options: CreateSimulatorChannelOptions): SimulatorChannel {
  const { db, world } = options;

  // Runs `fn` once per idempotency key: a repeat returns the stored result and does nothing. The key
  // row is written first in the same transaction, so two concurrent repeats wait for each other.
  async function once<T extends Record<string, unknown>>(
    tenantId: number,
    key: string | undefined,
    method: string,
    fn: (tx: DbLike) => Promise<T>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      if (!key) return fn(tx);
      const claimed = await tx
        .insert(simRequests)
        .values({ tenantId, idempotencyKey: key, method })
        .onConflictDoNothing()
        .returning({ key: simRequests.idempotencyKey });
      if (claimed.length === 0) {
        const [done] = await tx
          .select()
          .from(simRequests)
          .where(and(eq(simRequests.tenantId, tenantId), eq(simRequests.idempotencyKey, key)));
        if (!done) throw new ChannelError('UNAVAILABLE', `Request ${key} vanished; retry.`);
        if (done.method !== method)
          throw new ChannelError('INVALID', `Idempotency key ${key} was used for ${done.method}, not ${method}.`);
        return done.result as T;
      }
      const result = await fn(tx);
      await tx
        .update(simRequests)
        .set({ result })
        .where(and(eq(simRequests.tenantId, tenantId), eq(simRequests.idempotencyKey, key)));
      return result;
    });
  }

  async function insertLines(
    tx: DbLike,
    rows: {
      tenantId: number;
      conversation: string;
      sender: string;
      senderName: string;
      lines: { msgType: string; content: string }[];
      at: Date;
    }[],
  ): Promise<TSimChatLine[]> {
    const values = rows.flatMap((r) =>
      r.lines.map((l) => ({
        tenantId: r.tenantId,
        conversation: r.conversation,
        sender: r.sender,
        senderName: r.senderName,
        msgType: l.msgType,
        content: l.content,
        at: r.at,
      })),
    );
    if (values.length === 0) return [];
    const inserted = await tx.insert(simChatLog).values(values).returning();
    return inserted.map(toLine).sort((a, b) => a.id - b.id);
  }

  async function loadTask(tenantId: number, msgId: string) {
    const [task] = await db
      .select()
      .from(simMassTasks)
      .where(and(eq(simMassTasks.tenantId, tenantId), eq(simMassTasks.msgId, msgId)));
    return task ?? null;
  }

  const toStatus = (task: typeof simMassTasks.$inferSelect): TMassTaskStatus => ({
    msgId: task.msgId,
    state: task.status === 'confirmed' ? 'sent' : task.status === 'never' ? 'never' : 'waiting',
    results: task.targets.map((target) => ({ target, status: (task.results[target] ?? 0) as 0 | 1 | 2 | 3 })),
  });

  async function confirmMassTask({ tenantId, msgId }: { tenantId: number; msgId: string }): Promise<TMassTaskStatus> {
    const task = await loadTask(tenantId, msgId);
    if (!task) throw new ChannelError('NOT_FOUND', `Mass task ${msgId} does not exist.`);
    if (task.status !== 'waiting') return toStatus(task);
    const now = await options.now(tenantId);
    const targets = [...new Set(task.targets)];
    const reachable =
      task.chatType === 'single'
        ? await world.friendsAmong(tenantId, task.staffUserId, targets)
        : await world.activeGroupsAmong(tenantId, targets);
    const senderName = (await world.staffName(tenantId, task.staffUserId)) ?? task.staffUserId;
    const { start, end, cap } = monthlyCapWindow(now);
    return db.transaction(async (tx) => {
      // One confirmation at a time per tenant, so two tasks cannot both use a customer's last slot.
      await tx.execute(sql`select pg_advisory_xact_lock(${fnv1a(`sim_mass:${tenantId}`)})`);
      const [locked] = await tx
        .select()
        .from(simMassTasks)
        .where(and(eq(simMassTasks.tenantId, tenantId), eq(simMassTasks.msgId, msgId)))
        .for('update');
      if (locked?.status !== 'waiting') return toStatus(locked ?? task);
      const counted = (await tx.execute(sql`
        select r.key as target, count(*)::int as n
        from ${simMassTasks} t, jsonb_each_text(t.results) r
        where t.tenant_id = ${tenantId} and t.chat_type = ${task.chatType} and t.status = 'confirmed'
          and t.confirmed_at >= ${start.toISOString()} and t.confirmed_at < ${end.toISOString()}
          and r.value = '1'
        group by r.key`)) as unknown as { rows: { target: string; n: number }[] };
      const received = new Map(counted.rows.map((r) => [r.target, Number(r.n)]));
      const results = massTaskResults(targets, reachable, received, cap);
      const lines = contentLines(parseContent(task.content as TMessageContent));
      await insertLines(
        tx,
        targets
          .filter((t) => results[t] === 1)
          .map((t) => ({
            tenantId,
            conversation: task.chatType === 'single' ? privateConversation(task.staffUserId, t) : groupConversation(t),
            sender: 'pond',
            senderName,
            lines,
            at: now,
          })),
      );
      const [updated] = await tx
        .update(simMassTasks)
        .set({ status: 'confirmed', confirmedAt: now, results })
        .where(and(eq(simMassTasks.tenantId, tenantId), eq(simMassTasks.msgId, msgId)))
        .returning();
      return toStatus(updated ?? locked);
    });
  }

  return {
    kind: 'simulator',
    now: options.now,

    async sendWelcome({ tenantId, welcomeCode, content, idempotencyKey }) {
      const lines = contentLines(parseContent(content));
      const [code] = await db
        .select()
        .from(simWelcomeCodes)
        .where(and(eq(simWelcomeCodes.tenantId, tenantId), eq(simWelcomeCodes.code, welcomeCode)));
      if (!code) throw new ChannelError('NOT_FOUND', `Welcome code ${welcomeCode} is unknown.`);
      const now = await options.now(tenantId);
      const senderName = (await world.staffName(tenantId, code.staffUserId)) ?? code.staffUserId;
      await once(tenantId, idempotencyKey, 'sendWelcome', async (tx) => {
        const [used] = await tx
          .update(simWelcomeCodes)
          .set({ usedAt: now })
          .where(
            and(
              eq(simWelcomeCodes.tenantId, tenantId),
              eq(simWelcomeCodes.code, welcomeCode),
              isNull(simWelcomeCodes.usedAt),
              sql`${simWelcomeCodes.expiresAt} >= ${now.toISOString()}`,
            ),
          )
          .returning();
        if (!used) {
          const [current] = await tx
            .select({ usedAt: simWelcomeCodes.usedAt })
            .from(simWelcomeCodes)
            .where(and(eq(simWelcomeCodes.tenantId, tenantId), eq(simWelcomeCodes.code, welcomeCode)));
          if (current?.usedAt) throw new ChannelError('WELCOME_CODE_USED', `Welcome code ${welcomeCode} was already used.`);
          throw new ChannelError('WELCOME_CODE_EXPIRED', `Welcome code ${welcomeCode} expired (valid 20 s after the add event).`);
        }
        const [first] = await insertLines(tx, [
          {
            tenantId,
            conversation: privateConversation(code.staffUserId, code.externalUserId),
            sender: 'pond',
            senderName,
            lines,
            at: now,
          },
        ]);
        return { msgId: first ? `simmsg_${first.id}` : null };
      });
    },

    async sendPrivateMessage({ tenantId, staffUserId, externalUserId, content, idempotencyKey }) {
      const lines = contentLines(parseContent(content));
      const senderName = await world.staffName(tenantId, staffUserId);
      if (senderName === null) throw new ChannelError('NOT_FOUND', `No staff member has userid ${staffUserId}.`);
      const friends = await world.friendsAmong(tenantId, staffUserId, [externalUserId]);
      const now = await options.now(tenantId);
      return once(tenantId, idempotencyKey, 'sendPrivateMessage', async (tx) => {
        // Checked inside `once`, so a retry of a message that went out before an unfriending still succeeds.
        if (!friends.has(externalUserId)) {
          throw new ChannelError('NOT_FRIEND', `Customer ${externalUserId} is not a friend of ${staffUserId}.`);
        }
        const [first] = await insertLines(tx, [
          {
            tenantId,
            conversation: privateConversation(staffUserId, externalUserId),
            sender: 'pond',
            senderName,
            lines,
            at: now,
          },
        ]);
        return { msgId: `simmsg_${first?.id ?? 0}` };
      });
    },

    async sendGroupMessage({ tenantId, chatId, content, idempotencyKey }) {
      const lines = contentLines(parseContent(content));
      const group = await world.group(tenantId, chatId);
      const now = await options.now(tenantId);
      return once(tenantId, idempotencyKey, 'sendGroupMessage', async (tx) => {
        if (!group?.active) throw new ChannelError('NOT_FOUND', `Customer group ${chatId} does not exist or was dismissed.`);
        const [first] = await insertLines(tx, [
          { tenantId, conversation: groupConversation(chatId), sender: 'pond', senderName: POND_SENDER_NAME, lines, at: now },
        ]);
        return { msgId: `simmsg_${first?.id ?? 0}` };
      });
    },

    async createMassTask({ tenantId, chatType, staffUserId, targets, content, idempotencyKey }) {
      const parsed = parseContent(content);
      if (targets.length === 0) throw new ChannelError('INVALID', 'A mass task needs at least one target.');
      // add_msg_template: at most 10,000 customers, or 2,000 groups, per task.
      const max = chatType === 'single' ? 10_000 : 2_000;
      if (targets.length > max)
        throw new ChannelError(
          'INVALID',
          `A mass task to ${chatType === 'single' ? 'customers' : 'groups'} takes at most ${max} targets.`,
        );
      if ((await world.staffName(tenantId, staffUserId)) === null) {
        throw new ChannelError('NOT_FOUND', `No staff member has userid ${staffUserId}.`);
      }
      const now = await options.now(tenantId);
      return once(tenantId, idempotencyKey, 'createMassTask', async (tx) => {
        const msgId = `simmass_${randomBytes(12).toString('hex')}`;
        await tx.insert(simMassTasks).values({
          tenantId,
          msgId,
          chatType,
          staffUserId,
          targets: [...targets],
          content: parsed as unknown as Record<string, unknown>,
          status: 'waiting',
          createdAt: now,
        });
        return { msgId };
      });
    },

    async getMassTaskResult({ tenantId, msgId }) {
      const task = await loadTask(tenantId, msgId);
      if (!task) throw new ChannelError('NOT_FOUND', `Mass task ${msgId} does not exist.`);
      return toStatus(task);
    },

    async createMomentTask({ tenantId, staffUserIds, content, idempotencyKey }) {
      const { parsed, userIds } = checkMomentInput(content, staffUserIds);
      for (const userId of userIds) {
        if ((await world.staffName(tenantId, userId)) === null)
          throw new ChannelError('NOT_FOUND', `No staff member has userid ${userId}.`);
      }
      const now = await options.now(tenantId);
      return once(tenantId, idempotencyKey, 'createMomentTask', async (tx) => {
        const momentId = `simmoment_${randomBytes(12).toString('hex')}`;
        await tx.insert(simMomentTasks).values({
          tenantId,
          momentId,
          staffUserIds: userIds,
          content: parsed as unknown as Record<string, unknown>,
          createdAt: now,
        });
        return { momentId };
      });
    },

    async getMomentTaskResult({ tenantId, momentId }) {
      const [task] = await db
        .select()
        .from(simMomentTasks)
        .where(and(eq(simMomentTasks.tenantId, tenantId), eq(simMomentTasks.momentId, momentId)));
      if (!task) throw new ChannelError('NOT_FOUND', `Moments task ${momentId} does not exist.`);
      const now = await options.now(tenantId);
      return { momentId, state: 'created', staff: momentPublished(tenantId, momentId, task.staffUserIds, task.createdAt, now) };
    },

    async markTags({ tenantId, staffUserId, externalUserId, idempotencyKey }) {
      const friends = await world.friendsAmong(tenantId, staffUserId, [externalUserId]);
      await once(tenantId, idempotencyKey, 'markTags', async () => {
        if (!friends.has(externalUserId)) {
          throw new ChannelError('NOT_FRIEND', `Customer ${externalUserId} is not a friend of ${staffUserId}.`);
        }
        // The tags themselves are Pond's to record: like WeCom, the call produces no callback.
        return {};
      });
    },

    async setRemark({ tenantId, staffUserId, externalUserId, remark, idempotencyKey }) {
      if (remark.length > REMARK_MAX) throw new ChannelError('INVALID', `A remark is at most ${REMARK_MAX} characters.`);
      const friends = await world.friendsAmong(tenantId, staffUserId, [externalUserId]);
      await once(tenantId, idempotencyKey, 'setRemark', async () => {
        if (!friends.has(externalUserId)) {
          throw new ChannelError('NOT_FRIEND', `Customer ${externalUserId} is not a friend of ${staffUserId}.`);
        }
        return {};
      });
    },

    async createGroup({ tenantId, name, ownerUserId, memberUserIds, idempotencyKey }) {
      if (name.length > 128) throw new ChannelError('INVALID', 'A group name is at most 128 characters.');
      if ((await world.staffName(tenantId, ownerUserId)) === null) {
        throw new ChannelError('NOT_FOUND', `No staff member has userid ${ownerUserId}.`);
      }
      // A customer group starts with the owner and at most 2,000 members invited (appchat limits).
      if (memberUserIds.length > 2000) throw new ChannelError('INVALID', 'Too many members for a new group.');
      return once(tenantId, idempotencyKey, 'createGroup', async () => ({ chatId: newChatId() }));
    },

    async updateGroup({ tenantId, chatId, ownerUserId, idempotencyKey }) {
      const group = await world.group(tenantId, chatId);
      if (!group?.active) throw new ChannelError('NOT_FOUND', `Customer group ${chatId} does not exist or was dismissed.`);
      if (ownerUserId && (await world.staffName(tenantId, ownerUserId)) === null) {
        throw new ChannelError('NOT_FOUND', `No staff member has userid ${ownerUserId}.`);
      }
      await once(tenantId, idempotencyKey, 'updateGroup', async () => ({}));
    },

    async issueWelcomeCode({ tenantId, staffUserId, externalUserId, at }) {
      const issuedAt = at ?? (await options.now(tenantId));
      const code = `simwc_${randomBytes(16).toString('hex')}`;
      const expiresAt = new Date(issuedAt.getTime() + WELCOME_CODE_TTL_MS);
      await db.insert(simWelcomeCodes).values({ tenantId, code, staffUserId, externalUserId, expiresAt });
      return { code, expiresAt };
    },

    async appendChatLog({ tenantId, conversation, sender, senderName, msgType = 'text', content, at }) {
      const when = at ?? (await options.now(tenantId));
      const [row] = await db
        .insert(simChatLog)
        .values({ tenantId, conversation, sender, senderName, msgType, content, at: when })
        .returning();
      if (!row) throw new ChannelError('UNAVAILABLE', 'The chat log line was not written.');
      return toLine(row);
    },

    async readChatLog({ tenantId, conversation, conversations, afterId, limit }) {
      const where = [eq(simChatLog.tenantId, tenantId)];
      if (conversation) where.push(eq(simChatLog.conversation, conversation));
      if (conversations) where.push(inArray(simChatLog.conversation, conversations.length ? [...conversations] : ['']));
      if (afterId !== undefined) {
        const rows = await db
          .select()
          .from(simChatLog)
          .where(and(...where, gt(simChatLog.id, afterId)))
          .orderBy(asc(simChatLog.id))
          .limit(limit);
        return rows.map(toLine);
      }
      const rows = await db
        .select()
        .from(simChatLog)
        .where(and(...where))
        .orderBy(desc(simChatLog.id))
        .limit(limit);
      return rows.map(toLine).reverse();
    },

    async getMassTask({ tenantId, msgId }) {
      const task = await loadTask(tenantId, msgId);
      if (!task) return null;
      return {
        msgId: task.msgId,
        chatType: task.chatType as 'single' | 'group',
        staffUserId: task.staffUserId,
        targets: task.targets,
        status: task.status as TSimMassTask['status'],
        createdAt: task.createdAt,
      };
    },

    confirmMassTask,

    async confirmDueMassTasks({ tenantId, olderThanSeconds, limit = 100 }) {
      const now = await options.now(tenantId);
      const due = await db
        .select({ msgId: simMassTasks.msgId, staffUserId: simMassTasks.staffUserId })
        .from(simMassTasks)
        .where(
          and(
            eq(simMassTasks.tenantId, tenantId),
            eq(simMassTasks.status, 'waiting'),
            lte(simMassTasks.createdAt, new Date(now.getTime() - olderThanSeconds * 1000)),
          ),
        )
        .orderBy(asc(simMassTasks.createdAt))
        .limit(limit);
      let confirmed = 0;
      let never = 0;
      for (const task of due) {
        if (staffNeverConfirms(tenantId, task.staffUserId)) {
          await db
            .update(simMassTasks)
            .set({ status: 'never' })
            .where(
              and(eq(simMassTasks.tenantId, tenantId), eq(simMassTasks.msgId, task.msgId), eq(simMassTasks.status, 'waiting')),
            );
          never++;
        } else {
          await confirmMassTask({ tenantId, msgId: task.msgId });
          confirmed++;
        }
      }
      return { confirmed, never };
    },

    staffNeverConfirms,

    async createContactWay({ tenantId, state, staffUserIds, idempotencyKey }) {
      checkWayInput('contact', state, staffUserIds);
      for (const userId of staffUserIds) {
        if ((await world.staffName(tenantId, userId)) === null)
          throw new ChannelError('NOT_FOUND', `No staff member has userid ${userId}.`);
      }
      return once(tenantId, idempotencyKey, 'createContactWay', async (tx) => {
        const configId = `simcw_${randomBytes(12).toString('hex')}`;
        await tx.insert(simWays).values({ tenantId, configId, kind: 'contact', state, members: [...staffUserIds] });
        return { configId, qrCode: simWayQrCode(configId) };
      });
    },

    async updateContactWay({ tenantId, configId, staffUserIds, idempotencyKey }) {
      checkWayInput('contact', undefined, staffUserIds);
      for (const userId of staffUserIds) {
        if ((await world.staffName(tenantId, userId)) === null)
          throw new ChannelError('NOT_FOUND', `No staff member has userid ${userId}.`);
      }
      await once(tenantId, idempotencyKey, 'updateContactWay', async (tx) => {
        await replaceWayMembers(tx, tenantId, configId, 'contact', staffUserIds);
        return {};
      });
    },

    async deleteContactWay({ tenantId, configId }) {
      await markWayDeleted(tenantId, configId, 'contact');
    },

    async createJoinWay({ tenantId, state, chatIds, idempotencyKey }) {
      checkWayInput('join', state, chatIds);
      const active = await world.activeGroupsAmong(tenantId, chatIds);
      const missing = chatIds.find((c) => !active.has(c));
      if (missing) throw new ChannelError('NOT_FOUND', `Customer group ${missing} does not exist or was dismissed.`);
      return once(tenantId, idempotencyKey, 'createJoinWay', async (tx) => {
        const configId = `simjw_${randomBytes(12).toString('hex')}`;
        await tx.insert(simWays).values({ tenantId, configId, kind: 'join', state, members: [...chatIds] });
        return { configId, qrCode: simWayQrCode(configId) };
      });
    },

    async updateJoinWay({ tenantId, configId, chatIds, idempotencyKey }) {
      checkWayInput('join', undefined, chatIds);
      const active = await world.activeGroupsAmong(tenantId, chatIds);
      const missing = chatIds.find((c) => !active.has(c));
      if (missing) throw new ChannelError('NOT_FOUND', `Customer group ${missing} does not exist or was dismissed.`);
      await once(tenantId, idempotencyKey, 'updateJoinWay', async (tx) => {
        await replaceWayMembers(tx, tenantId, configId, 'join', chatIds);
        return {};
      });
    },

    async deleteJoinWay({ tenantId, configId }) {
      await markWayDeleted(tenantId, configId, 'join');
    },

    async getWay({ tenantId, configId }) {
      const [way] = await db
        .select()
        .from(simWays)
        .where(and(eq(simWays.tenantId, tenantId), eq(simWays.configId, configId), isNull(simWays.deletedAt)));
      if (!way) return null;
      return {
        configId: way.configId,
        kind: way.kind as 'contact' | 'join',
        state: way.state,
        members: way.members,
        updates: way.updates,
        qrCode: simWayQrCode(way.configId),
      };
    },

    async scanContactWay({ tenantId, configId }) {
      // The turn advances atomically, so concurrent scanners are spread over the list like WeCom does.
      const [way] = await db
        .update(simWays)
        .set({ turn: sql`${simWays.turn} + 1` })
        .where(
          and(
            eq(simWays.tenantId, tenantId),
            eq(simWays.configId, configId),
            eq(simWays.kind, 'contact'),
            isNull(simWays.deletedAt),
          ),
        )
        .returning();
      if (!way) throw new ChannelError('NOT_FOUND', `Contact way ${configId} does not exist.`);
      const staffUserId = way.members[(way.turn - 1) % way.members.length];
      if (!staffUserId) throw new ChannelError('INVALID', `Contact way ${configId} lists nobody.`);
      return { staffUserId, state: way.state };
    },
  };

  async function replaceWayMembers(
    tx: DbLike,
    tenantId: number,
    configId: string,
    kind: 'contact' | 'join',
    members: readonly string[],
  ) {
    const [updated] = await tx
      .update(simWays)
      .set({ members: [...members], updates: sql`${simWays.updates} + 1` })
      .where(
        and(eq(simWays.tenantId, tenantId), eq(simWays.configId, configId), eq(simWays.kind, kind), isNull(simWays.deletedAt)),
      )
      .returning({ configId: simWays.configId });
    if (!updated)
      throw new ChannelError('NOT_FOUND', `${kind === 'contact' ? 'Contact' : 'Join'} way ${configId} does not exist.`);
  }

  async function markWayDeleted(tenantId: number, configId: string, kind: 'contact' | 'join') {
    const now = await options.now(tenantId);
    await db
      .update(simWays)
      .set({ deletedAt: now })
      .where(
        and(eq(simWays.tenantId, tenantId), eq(simWays.configId, configId), eq(simWays.kind, kind), isNull(simWays.deletedAt)),
      );
  }
}
