import type { Channel } from '@pond/channels';
import { advanceSimClock } from '@pond/channels/simulator/sim-clock';
import { monthlyCapWindow } from '@pond/channels/simulator/sim-rules';
import { simChatLog, simMassTasks } from '@pond/channels/simulator/simulator.tables';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerChannels, simulatorOf } from '../../../channels.ts';
import { type Ctx, systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { customerEvents } from '../../customers/customers.tables.ts';
import { messages } from '../../groups/groups.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { enqueueAction } from '../enqueue-action.ts';
import { outboundActions } from '../outbox.tables.ts';
import { OUTBOX_CLAIM_LEASE_MS, sendAction } from '../send-action.ts';

let w: TestWorld;
let ctx: Ctx;
let realChannelFor: (tenantId: number) => Promise<Channel>;
beforeAll(async () => {
  w = await createTestWorld();
  registerChannels(w.deps);
  realChannelFor = w.deps.channelFor;
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  ctx = withActor(w.deps, systemActor(w.tenantId));
});
afterAll(async () => {
  await w.deps.queue.stop();
  await w.cleanup();
});
beforeEach(() => {
  w.deps.channelFor = realChannelFor;
});

const text = (t: string) => ({ text: t, attachments: [] });
const privateMessage = (t: string) => ({
  kind: 'private_message' as const,
  payload: { staffUserId: 'wangfang', externalUserId: 'wm_c1', content: text(t) },
});
const chatLines = async (conversation: string) =>
  w.deps.db
    .select()
    .from(simChatLog)
    .where(and(eq(simChatLog.tenantId, w.tenantId), eq(simChatLog.conversation, conversation)));
const linesSaying = async (conversation: string, content: string) =>
  (await chatLines(conversation)).filter((l) => l.content === content);
const action = async (id: number) => {
  const [row] = await w.deps.db
    .select()
    .from(outboundActions)
    .where(and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.id, id)));
  return row;
};

describe('outbox', () => {
  it('the same idempotency key enqueued twice sends once', async () => {
    const first = await enqueueAction(ctx, { idempotencyKey: 'test:once', ...privateMessage('今天新品第二杯半价') });
    const second = await enqueueAction(ctx, { idempotencyKey: 'test:once', ...privateMessage('今天新品第二杯半价') });
    expect(second).toEqual({ actionId: first.actionId, duplicate: true });
    await w.deps.queue.drain();
    const row = await action(first.actionId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, provider: 'simulator', claimedAt: null });
    expect(row?.externalId).toMatch(/^simmsg_\d+$/);
    const lines = await linesSaying('private:wangfang:wm_c1', '今天新品第二杯半价');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ sender: 'pond', senderName: '王芳' });
    // Pond records its own send (API writes produce no callback), once.
    const recorded = await w.deps.db
      .select()
      .from(messages)
      .where(eq(messages.externalMsgId, `outbound:${first.actionId}`));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      senderType: 'pond',
      customerId: w.ids.c1,
      staffId: w.ids.guide1,
      conversation: 'private',
    });
    // Running the job again changes nothing.
    expect(await sendAction(w.deps, { tenantId: w.tenantId, actionId: first.actionId })).toBe('skipped');
    expect(await linesSaying('private:wangfang:wm_c1', '今天新品第二杯半价')).toHaveLength(1);
  });

  it('a welcome within 20 s is sent; after 20 simulated seconds it expires and is never retried', async () => {
    const fresh = await performSimAction(ctx, {
      type: 'add_staff',
      staffId: w.ids.guide1,
      newCustomer: { name: '林晓' },
      state: 'poster',
    });
    await w.deps.queue.drain();
    const sent = await w.deps.db
      .select()
      .from(outboundActions)
      .where(eq(outboundActions.idempotencyKey, `welcome:${fresh.inboxEventIds[0]}`));
    expect(sent[0]).toMatchObject({ status: 'sent', kind: 'welcome' });
    const welcomeLines = await chatLines(`private:wangfang:${fresh.externalUserId}`);
    expect(welcomeLines.map((l) => l.content)).toEqual(['你好 林晓，我是 王芳，很高兴认识你！有任何问题随时找我～']);
    const timeline = await w.deps.db
      .select()
      .from(customerEvents)
      .where(
        and(
          eq(customerEvents.tenantId, w.tenantId),
          eq(customerEvents.customerId, fresh.customerId ?? 0),
          eq(customerEvents.type, 'message'),
        ),
      );
    expect(timeline[0]?.data).toMatchObject({
      senderType: 'pond',
      excerpt: '你好 林晓，我是 王芳，很高兴认识你！有任何问题随时找我～',
    });

    const late = await performSimAction(ctx, { type: 'add_staff', staffId: w.ids.guide1, newCustomer: { name: '周舟' } });
    await advanceSimClock(w.deps.db, w.tenantId, 21_000, () => w.deps.now());
    await w.deps.queue.drain();
    const [expired] = await w.deps.db
      .select()
      .from(outboundActions)
      .where(eq(outboundActions.idempotencyKey, `welcome:${late.inboxEventIds[0]}`));
    expect(expired).toMatchObject({ status: 'expired', attempts: 1 });
    expect(expired?.error).toContain('WELCOME_CODE_EXPIRED');
    expect(await chatLines(`private:wangfang:${late.externalUserId}`)).toHaveLength(0);
    await w.deps.queue.drain();
    expect(await sendAction(w.deps, { tenantId: w.tenantId, actionId: expired?.id ?? 0 })).toBe('skipped');
    expect((await action(expired?.id ?? 0))?.attempts).toBe(1);
  });

  it('a crash after the channel call but before marking sent does not send twice on retry', async () => {
    const firstMsgIds: string[] = [];
    // The real simulator channel, wrapped so the process "crashes" right after the call succeeds.
    w.deps.channelFor = async (tenantId) => {
      const real = await realChannelFor(tenantId);
      return {
        ...real,
        sendPrivateMessage: async (input) => {
          const result = await real.sendPrivateMessage(input);
          firstMsgIds.push(result.msgId);
          throw new Error('process crashed before recording the send');
        },
      };
    };
    const { actionId } = await enqueueAction(ctx, { idempotencyKey: 'test:crash', ...privateMessage('会员日积分翻倍') });
    await expect(sendAction(w.deps, { tenantId: w.tenantId, actionId })).rejects.toThrow('process crashed');
    expect(await action(actionId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: 'process crashed before recording the send',
    });
    expect(await linesSaying('private:wangfang:wm_c1', '会员日积分翻倍')).toHaveLength(1);

    w.deps.channelFor = realChannelFor;
    await w.deps.queue.drain();
    const row = await action(actionId);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, externalId: firstMsgIds[0] });
    expect(await linesSaying('private:wangfang:wm_c1', '会员日积分翻倍')).toHaveLength(1);
    expect(
      await w.deps.db
        .select()
        .from(messages)
        .where(eq(messages.externalMsgId, `outbound:${actionId}`)),
    ).toHaveLength(1);
  });

  it('a worker that died mid-send holds the action until its lease lapses; the taker does not send twice', async () => {
    const { actionId } = await enqueueAction(ctx, { idempotencyKey: 'test:dead-worker', ...privateMessage('周末门店有试饮') });
    // The dead worker: it claimed the row and the channel carried the message, then the process vanished.
    const real = await realChannelFor(w.tenantId);
    const { msgId } = await real.sendPrivateMessage({
      tenantId: w.tenantId,
      staffUserId: 'wangfang',
      externalUserId: 'wm_c1',
      content: text('周末门店有试饮'),
      idempotencyKey: 'test:dead-worker',
    });
    const where = and(eq(outboundActions.tenantId, w.tenantId), eq(outboundActions.id, actionId));
    await w.deps.db.update(outboundActions).set({ status: 'sending', attempts: 1, claimedAt: new Date() }).where(where);
    await expect(sendAction(w.deps, { tenantId: w.tenantId, actionId })).rejects.toThrow('another worker');

    await w.deps.db
      .update(outboundActions)
      .set({ claimedAt: new Date(Date.now() - OUTBOX_CLAIM_LEASE_MS - 1000) })
      .where(where);
    expect(await sendAction(w.deps, { tenantId: w.tenantId, actionId })).toBe('sent');
    expect(await action(actionId)).toMatchObject({ status: 'sent', attempts: 2, externalId: msgId });
    expect(await linesSaying('private:wangfang:wm_c1', '周末门店有试饮')).toHaveLength(1);
  });

  it('a message to a customer who is not a friend fails without retrying', async () => {
    const { actionId } = await enqueueAction(ctx, {
      idempotencyKey: 'test:not-friend',
      kind: 'private_message',
      payload: { staffUserId: 'wangfang', externalUserId: 'wm_c2', content: text('hi') },
    });
    expect(await sendAction(w.deps, { tenantId: w.tenantId, actionId })).toBe('failed');
    expect((await action(actionId))?.error).toMatch(/^NOT_FRIEND/);
  });

  it('rejects a payload that does not fit its kind', async () => {
    await expect(
      enqueueAction(ctx, { idempotencyKey: 'test:bad', kind: 'group_message', payload: { chatId: '', content: text('x') } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('simulator channel', () => {
  it('answers a repeated idempotency key with the first result and does nothing again', async () => {
    const sim = simulatorOf(w.deps);
    const input = {
      tenantId: w.tenantId,
      chatId: 'wr_g1',
      content: text('群公告：今晚8点抽奖'),
      idempotencyKey: 'test:group-once',
    };
    const [a, b] = await Promise.all([sim.sendGroupMessage(input), sim.sendGroupMessage(input)]);
    expect(a.msgId).toBe(b.msgId);
    expect(await linesSaying('group:wr_g1', '群公告：今晚8点抽奖')).toHaveLength(1);
  });

  it('a welcome code works once', async () => {
    const sim = simulatorOf(w.deps);
    const { code } = await sim.issueWelcomeCode({ tenantId: w.tenantId, staffUserId: 'wangfang', externalUserId: 'wm_c1' });
    await sim.sendWelcome({ tenantId: w.tenantId, welcomeCode: code, content: text('欢迎') });
    await expect(sim.sendWelcome({ tenantId: w.tenantId, welcomeCode: code, content: text('欢迎') })).rejects.toMatchObject({
      code: 'WELCOME_CODE_USED',
    });
  });

  it('mass tasks wait for confirmation, skip non-friends and customers over the monthly cap', async () => {
    const sim = simulatorOf(w.deps);
    const { msgId } = await sim.createMassTask({
      tenantId: w.tenantId,
      chatType: 'single',
      staffUserId: 'wangfang',
      targets: ['wm_c1', 'wm_c2'],
      content: text('春季新品上市'),
    });
    expect((await sim.getMassTaskResult({ tenantId: w.tenantId, msgId })).state).toBe('waiting');
    const confirmed = await sim.confirmMassTask({ tenantId: w.tenantId, msgId });
    expect(confirmed).toEqual({
      msgId,
      state: 'sent',
      results: [
        { target: 'wm_c1', status: 1 },
        { target: 'wm_c2', status: 2 },
      ],
    });
    expect(await linesSaying('private:wangfang:wm_c1', '春季新品上市')).toHaveLength(1);
    // Confirming again changes nothing.
    await sim.confirmMassTask({ tenantId: w.tenantId, msgId });
    expect(await linesSaying('private:wangfang:wm_c1', '春季新品上市')).toHaveLength(1);

    // Fill wm_c1's month up to the cap (one delivery above, the rest here).
    const now = await sim.now(w.tenantId);
    const { cap } = monthlyCapWindow(now);
    await w.deps.db.insert(simMassTasks).values(
      Array.from({ length: cap - 1 }, (_, i) => ({
        tenantId: w.tenantId,
        msgId: `filler_${i}`,
        chatType: 'single',
        staffUserId: 'lina',
        targets: ['wm_c1'],
        content: text('filler'),
        status: 'confirmed',
        results: { wm_c1: 1 },
        confirmedAt: now,
      })),
    );
    const over = await sim.createMassTask({
      tenantId: w.tenantId,
      chatType: 'single',
      staffUserId: 'wangfang',
      targets: ['wm_c1'],
      content: text('又一条'),
    });
    expect((await sim.confirmMassTask({ tenantId: w.tenantId, msgId: over.msgId })).results).toEqual([
      { target: 'wm_c1', status: 3 },
    ]);
    expect(await linesSaying('private:wangfang:wm_c1', '又一条')).toHaveLength(0);
  });

  it('staff who never confirm leave their tasks as never; the others confirm when due', async () => {
    const sim = simulatorOf(w.deps);
    const never = ['wangfang', 'lina', 'zhangwei', 'liuyang'].filter((id) => sim.staffNeverConfirms(w.tenantId, id));
    const created = [];
    for (const staffUserId of ['wangfang', 'lina', 'zhangwei', 'liuyang']) {
      created.push({
        staffUserId,
        ...(await sim.createMassTask({
          tenantId: w.tenantId,
          chatType: 'group',
          staffUserId,
          targets: ['wr_g1'],
          content: text(`群发 ${staffUserId}`),
        })),
      });
    }
    await advanceSimClock(w.deps.db, w.tenantId, 3600_000, () => w.deps.now());
    const outcome = await sim.confirmDueMassTasks({ tenantId: w.tenantId, olderThanSeconds: 600 });
    expect(outcome).toEqual({ confirmed: 4 - never.length, never: never.length });
    for (const task of created) {
      const status = await sim.getMassTaskResult({ tenantId: w.tenantId, msgId: task.msgId });
      expect(status.state).toBe(never.includes(task.staffUserId) ? 'never' : 'sent');
    }
  });
});
