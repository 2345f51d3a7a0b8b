import type { TChannelEvent } from '@pond/channels';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { onDomainEvent, type TDomainEventOf } from '../../../events/domain-events.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { customerEvents, customers, follows } from '../../customers/customers.tables.ts';
import { groupChats, groupMembers, messages } from '../../groups/groups.tables.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { customerTags, tags } from '../../tags/tags.tables.ts';
import { sweepInbox, sweepInboxAtStart } from '../inbox.jobs.ts';
import { inboxEvents } from '../inbox.tables.ts';
import { ingestEvent, ingestRawEventGrouped, intakeSettled } from '../ingest-event.ts';
import { INBOX_MAX_ATTEMPTS, processInboxEvent } from '../process-inbox-event.ts';

let w: TestWorld;
let ctx: Ctx;
beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  ctx = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});

const t = (s: number) => new Date(Date.UTC(2026, 2, 1, 8, 0, s));
const added = (
  ext: string,
  s: number,
  extra: Partial<Extract<TChannelEvent, { type: 'customer.added' }>> = {},
): TChannelEvent => ({
  type: 'customer.added',
  at: t(s).toISOString(),
  staffUserId: 'wangfang',
  externalUserId: ext,
  state: 'store-qr',
  customer: { name: `顾客${ext}` },
  ...extra,
});
const deleted = (ext: string, s: number): TChannelEvent => ({
  type: 'customer.deleted_staff',
  at: t(s).toISOString(),
  staffUserId: 'wangfang',
  externalUserId: ext,
});
const ingest = (dedupeKey: string, event: TChannelEvent) => ingestEvent(ctx, { channel: 'simulator', dedupeKey, event });

async function customerOf(ext: string) {
  const [row] = await w.deps.db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, w.tenantId), eq(customers.externalUserId, ext)));
  return row;
}
async function followsOf(ext: string) {
  const customer = await customerOf(ext);
  if (!customer) return [];
  return w.deps.db
    .select()
    .from(follows)
    .where(and(eq(follows.tenantId, w.tenantId), eq(follows.customerId, customer.id)));
}
async function timelineOf(ext: string, type?: string) {
  const customer = await customerOf(ext);
  if (!customer) return [];
  const rows = await w.deps.db
    .select()
    .from(customerEvents)
    .where(and(eq(customerEvents.tenantId, w.tenantId), eq(customerEvents.customerId, customer.id)))
    .orderBy(asc(customerEvents.occurredAt), asc(customerEvents.id));
  return type ? rows.filter((r) => r.type === type) : rows;
}
async function inboxRow(id: number) {
  const [row] = await w.deps.db
    .select()
    .from(inboxEvents)
    .where(and(eq(inboxEvents.tenantId, w.tenantId), eq(inboxEvents.id, id)));
  return row;
}

describe('ingest and process', () => {
  it('the same event delivered twice makes one inbox row, one follow and one timeline event', async () => {
    const first = await ingest('k-twice', added('wm_twice', 1));
    const second = await ingest('k-twice', added('wm_twice', 1));
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ inboxEventId: first.inboxEventId, duplicate: true });
    await w.deps.queue.drain();

    const rows = await w.deps.db.select().from(inboxEvents).where(eq(inboxEvents.dedupeKey, 'k-twice'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'processed', attempts: 1, type: 'customer.added' });
    const [follow] = await followsOf('wm_twice');
    expect(await followsOf('wm_twice')).toHaveLength(1);
    expect(follow).toMatchObject({ staffId: w.ids.guide1, state: 'store-qr', readds: 0, deletedAt: null });
    expect(follow?.addedAt).toEqual(t(1));
    const timeline = await timelineOf('wm_twice', 'follow.added');
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.data).toMatchObject({ staffId: w.ids.guide1, staffName: '王芳', state: 'store-qr', readd: false });
    const customer = await customerOf('wm_twice');
    expect(customer).toMatchObject({ name: '顾客wm_twice', storeId: w.ids.store1, source: 'sim' });
  });

  it('two copies arriving at once store one row and apply once', async () => {
    const results = await Promise.all([ingest('k-race', added('wm_race', 2)), ingest('k-race', added('wm_race', 2))]);
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(results[0]?.inboxEventId).toBe(results[1]?.inboxEventId);
    // Two workers on the same row at once: one applies it, the other finds it done.
    const id = results[0]?.inboxEventId ?? 0;
    const outcomes = await Promise.all([
      processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId: id }),
      processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId: id }),
    ]);
    expect(outcomes.sort()).toEqual(['processed', 'skipped']);
    await w.deps.queue.drain();
    expect(await followsOf('wm_race')).toHaveLength(1);
    expect(await timelineOf('wm_race', 'follow.added')).toHaveLength(1);
    expect(await timelineOf('wm_race', 'customer.created')).toHaveLength(1);
  });

  it('a delete processed before its add ends deleted, and the late add sends no welcome', async () => {
    await ingest('k-del-first', deleted('wm_dfirst', 20));
    await w.deps.queue.drain();
    const placeholder = await customerOf('wm_dfirst');
    expect(placeholder?.name).toBe('wm_dfirst');

    const lateAdd = await ingest('k-add-late', added('wm_dfirst', 10, { welcomeCode: 'code-never-used' }));
    await w.deps.queue.drain();
    const all = await followsOf('wm_dfirst');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ deletedBy: 'customer', readds: 0 });
    expect(all[0]?.deletedAt).toEqual(t(20));
    // The add filled in the real add time and the name, but not the present state.
    expect(all[0]?.addedAt).toEqual(t(10));
    expect((await customerOf('wm_dfirst'))?.name).toBe('顾客wm_dfirst');
    const welcome = await w.deps.db
      .select()
      .from(outboundActions)
      .where(eq(outboundActions.idempotencyKey, `welcome:${lateAdd.inboxEventId}`));
    expect(welcome).toHaveLength(0);
    const timeline = await timelineOf('wm_dfirst');
    expect(timeline.filter((e) => e.type.startsWith('follow.')).map((e) => e.type)).toEqual(['follow.added', 'follow.deleted']);
    expect(timeline.find((e) => e.type === 'follow.added')?.data).toMatchObject({ late: true });
  });

  it('add, delete and re-add count one re-add, in order or not', async () => {
    const seen: TDomainEventOf<'customer.added'>[] = [];
    const off = onDomainEvent('customer.added', async (_ctx, e) => {
      seen.push(e);
    });
    try {
      await ingest('k-r1', added('wm_readd', 30));
      await w.deps.queue.drain();
      await ingest('k-r2', deleted('wm_readd', 31));
      await w.deps.queue.drain();
      await ingest('k-r3', added('wm_readd', 32, { state: 'poster' }));
      await w.deps.queue.drain();
    } finally {
      off();
    }
    const [follow] = await followsOf('wm_readd');
    expect(follow).toMatchObject({ readds: 1, deletedAt: null, deletedBy: null, state: 'poster' });
    expect(follow?.addedAt).toEqual(t(32));
    expect(seen.map((e) => e.readd)).toEqual([false, true]);
    expect((await timelineOf('wm_readd', 'follow.added')).map((e) => e.data.readd)).toEqual([false, true]);

    // The same history delivered newest first: re-add, delete, first add.
    await ingest('k-o3', added('wm_readd_ooo', 32));
    await ingest('k-o2', deleted('wm_readd_ooo', 31));
    await ingest('k-o1', added('wm_readd_ooo', 30));
    await w.deps.queue.drain();
    const [ooo] = await followsOf('wm_readd_ooo');
    expect(ooo).toMatchObject({ readds: 1, deletedAt: null });
    expect(ooo?.addedAt).toEqual(t(32));
    expect(await timelineOf('wm_readd_ooo', 'follow.added')).toHaveLength(2);
  });

  it('an old add after a newer delete, and an old delete after a newer add, are ignored', async () => {
    await ingest('k-s1', added('wm_stale', 40));
    await ingest('k-s3', deleted('wm_stale', 42));
    await w.deps.queue.drain();
    await ingest('k-s2', added('wm_stale', 41));
    await w.deps.queue.drain();
    let [follow] = await followsOf('wm_stale');
    expect(follow?.deletedAt).toEqual(t(42));

    await ingest('k-s5', added('wm_stale', 45));
    await w.deps.queue.drain();
    await ingest('k-s4', deleted('wm_stale', 44));
    await w.deps.queue.drain();
    [follow] = await followsOf('wm_stale');
    expect(follow?.deletedAt).toBeNull();
    expect(follow?.addedAt).toEqual(t(45));
  });

  it('a handler that throws halfway leaves nothing applied, and the retry applies it once', async () => {
    let crashes = 1;
    const off = onDomainEvent('customer.added', async () => {
      // Runs after the customer, the follow and the timeline were written, in the same transaction.
      if (crashes-- > 0) throw new Error('simulated crash after half the work');
    });
    try {
      const { inboxEventId } = await ingest('k-crash', added('wm_crash', 50, { welcomeCode: 'wc-crash' }));
      await expect(processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId })).rejects.toThrow('simulated crash');
      expect(await customerOf('wm_crash')).toBeUndefined();
      expect(
        await w.deps.db
          .select()
          .from(outboundActions)
          .where(eq(outboundActions.idempotencyKey, `welcome:${inboxEventId}`)),
      ).toHaveLength(0);
      expect(await inboxRow(inboxEventId)).toMatchObject({
        status: 'pending',
        attempts: 1,
        error: 'simulated crash after half the work',
      });

      expect(await processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId })).toBe('processed');
      expect(await processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId })).toBe('skipped');
      expect(await followsOf('wm_crash')).toHaveLength(1);
      expect(await timelineOf('wm_crash', 'follow.added')).toHaveLength(1);
      expect(await timelineOf('wm_crash', 'customer.created')).toHaveLength(1);
      const welcome = await w.deps.db
        .select()
        .from(outboundActions)
        .where(eq(outboundActions.idempotencyKey, `welcome:${inboxEventId}`));
      expect(welcome).toHaveLength(1);
      expect(welcome[0]?.payload).toMatchObject({ welcomeCode: 'wc-crash', staffUserId: 'wangfang', externalUserId: 'wm_crash' });
      expect(await inboxRow(inboxEventId)).toMatchObject({ status: 'processed', attempts: 2, error: null });
    } finally {
      off();
    }
  });

  it('an event for an unknown staff member fails at once with a clear error', async () => {
    const { inboxEventId } = await ingest('k-nobody', added('wm_nobody', 60, { staffUserId: 'nobody' }));
    await w.deps.queue.drain();
    const row = await inboxRow(inboxEventId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.error).toContain('"nobody"');
    expect(await customerOf('wm_nobody')).toBeUndefined();
  });

  it('an event for an unknown group is retried a bounded number of times, then failed', async () => {
    const { inboxEventId } = await ingest('k-nogroup', {
      type: 'group.member_joined',
      at: t(61).toISOString(),
      chatId: 'wr_unknown',
      members: [{ id: 'wm_c1', type: 'customer' }],
      joinScene: 3,
    });
    for (let i = 1; i < INBOX_MAX_ATTEMPTS; i++) {
      await expect(processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId })).rejects.toThrow('wr_unknown');
      expect(await inboxRow(inboxEventId)).toMatchObject({ status: 'pending', attempts: i });
    }
    expect(await processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId })).toBe('failed');
    expect(await inboxRow(inboxEventId)).toMatchObject({ status: 'failed', attempts: INBOX_MAX_ATTEMPTS });
  });

  it('an unreadable stored payload fails without retrying', async () => {
    const [row] = await w.deps.db
      .insert(inboxEvents)
      .values({
        tenantId: w.tenantId,
        channel: 'simulator',
        dedupeKey: 'k-bad',
        type: 'customer.added',
        payload: { type: 'nonsense' },
        occurredAt: t(0),
      })
      .returning();
    expect(await processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId: row?.id ?? 0 })).toBe('failed');
    expect((await inboxRow(row?.id ?? 0))?.error).toMatch(/Unreadable payload/);
  });

  it('rejects an event that does not match the channel event schema before storing it', async () => {
    const bad = { type: 'customer.added', at: 'yesterday' } as unknown as TChannelEvent;
    await expect(ingest('k-invalid', bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await w.deps.db.select().from(inboxEvents).where(eq(inboxEvents.dedupeKey, 'k-invalid'))).toHaveLength(0);
  });

  // An add stored `ageMs` ago whose `inbox.process` job never made it to the queue.
  const storedWithoutJob = async (key: string, ext: string, s: number, ageMs: number) => {
    const [row] = await w.deps.db
      .insert(inboxEvents)
      .values({
        tenantId: w.tenantId,
        channel: 'simulator',
        dedupeKey: key,
        type: 'customer.added',
        payload: added(ext, s) as unknown as Record<string, unknown>,
        occurredAt: t(s),
        receivedAt: new Date(Date.now() - ageMs),
      })
      .returning();
    return row;
  };

  it('the sweep re-enqueues a pending row whose job was lost, once the queue has run dry', async () => {
    await w.deps.queue.drain();
    const row = await storedWithoutJob('k-lost', 'wm_lost', 70, 5 * 60_000);
    // While other events wait in the queue (a burst being worked off), the sweep adds nothing.
    await ingest('k-waiting', added('wm_waiting', 71));
    expect(await sweepInbox(w.deps)).toBe(0);
    await w.deps.queue.drain();
    expect((await inboxRow(row?.id ?? 0))?.status).toBe('pending');
    expect(await sweepInbox(w.deps)).toBeGreaterThanOrEqual(1);
    // A second sweep in the same slot enqueues nothing new (deterministic job ids).
    await sweepInbox(w.deps);
    await w.deps.queue.drain();
    expect((await inboxRow(row?.id ?? 0))?.status).toBe('processed');
    expect(await followsOf('wm_lost')).toHaveLength(1);
    expect(await timelineOf('wm_lost', 'follow.added')).toHaveLength(1);
  });

  it('a worker starting up enqueues the rows a crash left without a job, even behind a backlog, and only once', async () => {
    await w.deps.queue.drain();
    // Stored a moment ago by a process killed before it enqueued the job.
    const row = await storedWithoutJob('k-killed', 'wm_killed', 72, 1_000);
    // A backlog with jobs: the minute's sweep waits for it and would then want the row a minute old.
    await ingest('k-backlog', added('wm_backlog', 73));
    expect(await sweepInbox(w.deps)).toBe(0);
    expect(await sweepInboxAtStart(w.deps)).toBeGreaterThanOrEqual(1);
    await w.deps.queue.drain();
    expect((await inboxRow(row?.id ?? 0))?.status).toBe('processed');
    expect(await followsOf('wm_killed')).toHaveLength(1);
    expect(await timelineOf('wm_killed', 'follow.added')).toHaveLength(1);
    expect(await followsOf('wm_backlog')).toHaveLength(1);
  });
});

describe('grouped ingest (the callback route under load)', () => {
  const raw = (key: string, extra: Record<string, unknown> = {}) => ({
    channel: 'wecom' as const,
    dedupeKey: key,
    type: 'wecom:test/grouped',
    payload: { key, ...extra },
    occurredAt: new Date('2026-12-01T00:00:00Z'),
  });
  const jobsFor = async (ids: number[]) => {
    const res = (await w.deps.database.executeSql(
      `select count(*)::int as n from pgboss.job where name = 'inbox.process' and (data->>'inboxEventId')::int = any($1::int[])`,
      [ids],
    )) as { rows: { n: number }[] };
    return res.rows[0]?.n ?? -1;
  };

  it('300 callbacks at once, a third of them copies: one row and one job per key, copies answer the first id', async () => {
    const keys = Array.from({ length: 200 }, (_, i) => `grp-${i}`);
    const calls = [...keys, ...keys.slice(0, 100)].map((k) => ingestRawEventGrouped(w.deps, w.tenantId, raw(k)));
    const out = await Promise.all(calls);
    const firsts = out.slice(0, 200);
    const copies = out.slice(200);
    expect(firsts.every((o) => !o.duplicate)).toBe(true);
    expect(copies.every((o) => o.duplicate)).toBe(true);
    expect(copies.map((o) => o.inboxEventId)).toEqual(firsts.slice(0, 100).map((o) => o.inboxEventId));
    const rows = await w.deps.db.select().from(inboxEvents).where(like(inboxEvents.dedupeKey, 'grp-%'));
    expect(rows).toHaveLength(200);
    // The jobs follow the commits, off the callers' path.
    await intakeSettled(w.deps);
    expect(await jobsFor(rows.map((r) => r.id))).toBe(200);
    // Delivered again later: nothing new.
    const again = await ingestRawEventGrouped(w.deps, w.tenantId, raw('grp-7'));
    expect(again).toEqual({ inboxEventId: firsts[7]?.inboxEventId, duplicate: true });
  });

  it('an event the database refuses fails alone; the others of its group are stored', async () => {
    // PostgreSQL's jsonb cannot hold a NUL character: this row fails its group's insert.
    const calls = ['bad-nul', 'ok-a', 'ok-b'].map((k) =>
      ingestRawEventGrouped(w.deps, w.tenantId, raw(k, k === 'bad-nul' ? { text: 'a\u0000b' } : {})),
    );
    const [bad, a, b] = await Promise.allSettled(calls);
    expect(bad?.status).toBe('rejected');
    expect(a?.status).toBe('fulfilled');
    expect(b?.status).toBe('fulfilled');
    const stored = await w.deps.db
      .select()
      .from(inboxEvents)
      .where(inArray(inboxEvents.dedupeKey, ['bad-nul', 'ok-a', 'ok-b']));
    expect(stored.map((r) => r.dedupeKey).sort()).toEqual(['ok-a', 'ok-b']);
  });
});

describe('groups, messages and tags', () => {
  const joined = (chatId: string, ext: string, s: number, name?: string): TChannelEvent => ({
    type: 'group.member_joined',
    at: t(s).toISOString(),
    chatId,
    members: [{ id: ext, type: 'customer', name }],
    joinScene: 3,
    state: 'g-poster',
  });
  const left = (chatId: string, ext: string, s: number): TChannelEvent => ({
    type: 'group.member_left',
    at: t(s).toISOString(),
    chatId,
    members: [{ id: ext, type: 'customer' }],
    quitScene: 0,
  });
  const group = async (chatId: string) => {
    const [row] = await w.deps.db
      .select()
      .from(groupChats)
      .where(and(eq(groupChats.tenantId, w.tenantId), eq(groupChats.externalChatId, chatId)));
    return row;
  };
  const member = async (groupId: number, ext: string) => {
    const [row] = await w.deps.db
      .select()
      .from(groupMembers)
      .where(
        and(eq(groupMembers.tenantId, w.tenantId), eq(groupMembers.groupId, groupId), eq(groupMembers.externalMemberId, ext)),
      );
    return row;
  };

  it('creates a group with its owner, keeps member_count through joins, leaves and redeliveries', async () => {
    await ingest('g-create', {
      type: 'group.created',
      at: t(100).toISOString(),
      chatId: 'wr_new',
      name: '新品体验群',
      ownerUserId: 'wangfang',
    });
    await w.deps.queue.drain();
    const created = await group('wr_new');
    expect(created).toMatchObject({
      name: '新品体验群',
      ownerStaffId: w.ids.guide1,
      storeId: w.ids.store1,
      memberCount: 1,
      status: 'active',
    });

    await ingest('g-j1', joined('wr_new', 'wm_gnew', 101, '新群客'));
    await ingest('g-j1', joined('wr_new', 'wm_gnew', 101, '新群客'));
    await ingest('g-j2', joined('wr_new', 'wm_c1', 102));
    await w.deps.queue.drain();
    expect((await group('wr_new'))?.memberCount).toBe(3);
    const newcomer = await customerOf('wm_gnew');
    expect(newcomer).toMatchObject({ name: '新群客', source: 'sim' });
    expect((await timelineOf('wm_gnew', 'group.joined'))[0]?.data).toMatchObject({
      groupName: '新品体验群',
      joinScene: 3,
      state: 'g-poster',
    });

    await ingest('g-l1', left('wr_new', 'wm_gnew', 103));
    await w.deps.queue.drain();
    expect((await group('wr_new'))?.memberCount).toBe(2);
    expect((await member(created?.id ?? 0, 'wm_gnew'))?.leftAt).toEqual(t(103));
    expect(await timelineOf('wm_gnew', 'group.left')).toHaveLength(1);

    await ingest('g-dismiss', { type: 'group.dismissed', at: t(110).toISOString(), chatId: 'wr_new' });
    await w.deps.queue.drain();
    expect(await group('wr_new')).toMatchObject({ status: 'dismissed', memberCount: 0 });
    expect((await timelineOf('wm_c1', 'group.left')).at(-1)?.data).toMatchObject({
      groupName: '新品体验群',
      reason: 'dismissed',
    });
  });

  it('a leave delivered before its join leaves the member out and the count unchanged', async () => {
    const before = (await group('wr_g1'))?.memberCount ?? 0;
    await ingest('g-ooo-leave', left('wr_g1', 'wm_gooo', 121));
    await w.deps.queue.drain();
    await ingest('g-ooo-join', joined('wr_g1', 'wm_gooo', 120));
    await w.deps.queue.drain();
    const g1 = await group('wr_g1');
    expect(g1?.memberCount).toBe(before);
    const row = await member(g1?.id ?? 0, 'wm_gooo');
    expect(row?.joinedAt).toEqual(t(120));
    expect(row?.leftAt).toEqual(t(121));

    // Concurrent joins of different customers all count (conditional updates, no lost increments).
    const keys = ['a', 'b', 'c', 'd'];
    await Promise.all(keys.map((k) => ingest(`g-par-${k}`, joined('wr_g1', `wm_par_${k}`, 130))));
    await Promise.all(
      (await w.deps.db.select().from(inboxEvents).where(sql`${inboxEvents.dedupeKey} like 'g-par-%'`)).map((r) =>
        processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId: r.id }),
      ),
    );
    expect((await group('wr_g1'))?.memberCount).toBe(before + keys.length);
  });

  it('records a message once, with an excerpt on the timeline', async () => {
    const content =
      '请问新品杨枝甘露什么时候上架？我想给全家都订一份，顺便问下会员价是多少，周末能不能自提呢？另外外卖配送范围包括徐汇区吗？';
    const event: TChannelEvent = {
      type: 'message',
      at: t(140).toISOString(),
      msgId: 'simmsg_test_1',
      conversation: 'group',
      chatId: 'wr_g1',
      sender: { id: 'wm_c1', type: 'customer' },
      msgType: 'text',
      content,
    };
    await ingest('simmsg_test_1', event);
    await ingest('simmsg_test_1-other-key', event);
    await w.deps.queue.drain();
    const rows = await w.deps.db.select().from(messages).where(eq(messages.externalMsgId, 'simmsg_test_1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      conversation: 'group',
      groupId: w.ids.group1,
      customerId: w.ids.c1,
      senderType: 'customer',
      content,
    });
    const timeline = await timelineOf('wm_c1', 'message');
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.data).toMatchObject({ groupName: '徐汇店福利1群', excerpt: `${content.slice(0, 50)}…` });
  });

  it('marks and unmarks tags by their WeCom ids; a stale removal is ignored', async () => {
    await w.deps.db.update(tags).set({ externalId: 'et_fruit' }).where(eq(tags.id, w.ids.tagFruit));
    await w.deps.db.update(tags).set({ externalId: 'et_milk' }).where(eq(tags.id, w.ids.tagMilk));
    await ingest('t-mark', {
      type: 'customer.tags_marked',
      at: t(150).toISOString(),
      staffUserId: 'wangfang',
      externalUserId: 'wm_c1',
      addTagExternalIds: ['et_fruit', 'et_milk', 'et_unknown'],
      removeTagExternalIds: [],
    });
    await w.deps.queue.drain();
    await ingest('t-unmark-old', {
      type: 'customer.tags_marked',
      at: t(149).toISOString(),
      staffUserId: 'wangfang',
      externalUserId: 'wm_c1',
      addTagExternalIds: [],
      removeTagExternalIds: ['et_fruit'],
    });
    await ingest('t-unmark', {
      type: 'customer.tags_marked',
      at: t(151).toISOString(),
      staffUserId: 'wangfang',
      externalUserId: 'wm_c1',
      addTagExternalIds: [],
      removeTagExternalIds: ['et_milk'],
    });
    await w.deps.queue.drain();
    const rows = await w.deps.db
      .select()
      .from(customerTags)
      .where(and(eq(customerTags.tenantId, w.tenantId), eq(customerTags.customerId, w.ids.c1)));
    expect(rows.map((r) => r.tagId)).toEqual([w.ids.tagFruit]);
    expect(rows[0]).toMatchObject({ source: 'sim', addedByStaffId: w.ids.guide1 });
    expect((await timelineOf('wm_c1', 'tag.added')).map((e) => e.data.tagName).sort()).toEqual(['奶茶', '果茶']);
    expect((await timelineOf('wm_c1', 'tag.removed')).map((e) => e.data.tagName)).toEqual(['奶茶']);
  });

  it('a remark edit for a pair not added yet waits for the add', async () => {
    const { inboxEventId } = await ingest('u-early', {
      type: 'customer.updated',
      at: t(161).toISOString(),
      staffUserId: 'wangfang',
      externalUserId: 'wm_remark',
      remark: '爱喝果茶',
    });
    await expect(processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId })).rejects.toThrow(/not known yet/);
    await ingest('u-add', added('wm_remark', 160));
    await w.deps.queue.drain();
    // The retry (the queued job, or this call) applies it once the add is in.
    await processInboxEvent(w.deps, { tenantId: w.tenantId, inboxEventId });
    expect(await inboxRow(inboxEventId)).toMatchObject({ status: 'processed' });
    expect((await followsOf('wm_remark'))[0]?.remark).toBe('爱喝果茶');
    expect((await timelineOf('wm_remark', 'customer.updated'))[0]?.data).toMatchObject({
      fields: ['remark'],
      remark: '爱喝果茶',
    });
  });
});
