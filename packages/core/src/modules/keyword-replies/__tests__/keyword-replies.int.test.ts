import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../../channels.ts';
import { systemActor, withActor } from '../../../context.ts';
import { registerAllJobs } from '../../../jobs.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { json } from '../../../testing/json.ts';
import { ingestEvent } from '../../inbox/ingest-event.ts';
import { processInboxEvent } from '../../inbox/process-inbox-event.ts';
import { outboundActions } from '../../outbox/outbox.tables.ts';
import { performSimAction } from '../../simulator/perform-sim-action.ts';
import { applyKeywordReply } from '../apply-keyword-reply.ts';
import { keywordReplyHits, keywordRules, keywordRuleVersions } from '../keyword-replies.tables.ts';

let w: TestWorld;
let clock = new Date('2026-03-02T12:00:00+08:00');
beforeAll(async () => {
  w = await createTestWorld();
  w.deps.now = () => clock;
  registerChannels(w.deps);
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
});
afterAll(async () => {
  await w?.deps.queue.stop();
  await w?.cleanup();
});

const sys = () => withActor(w.deps, systemActor(w.tenantId));
const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};
const repliesOf = (ruleId: number) =>
  w.deps.db
    .select()
    .from(outboundActions)
    .where(and(eq(outboundActions.tenantId, w.tenantId), like(outboundActions.idempotencyKey, `keyword:${ruleId}:%`)))
    .orderBy(outboundActions.id);
const hitsOf = (ruleId: number) =>
  w.deps.db
    .select()
    .from(keywordReplyHits)
    .where(and(eq(keywordReplyHits.tenantId, w.tenantId), eq(keywordReplyHits.ruleId, ruleId)))
    .orderBy(keywordReplyHits.id);
const sayInGroup = (content: string, options: { deliver?: 'now' | 'twice' } = {}) =>
  performSimAction(sys(), { type: 'message', customerId: w.ids.c1, groupId: w.ids.group1, content }, options);
const textOf = (payload: unknown) => (payload as { content: { text?: string } }).content.text;

const baseRule = {
  name: '门店地址',
  keywords: [
    { text: '地址', mode: 'contains' },
    { text: '在哪', mode: 'contains' },
  ],
  content: { text: '{{customer_name}} 您好，{{group_name}} 的门店在漕溪北路 88 号' },
  scope: { private: true, groups: true, storeIds: [], groupIds: [], groupKinds: [] },
  cooldownSeconds: 60,
  priority: 1,
};
let addressRule: number;
let allDayRule: number;

describe('keyword reply rules', () => {
  it('validates keywords, hours and scope (400) and lets only operators manage rules', async () => {
    const bad = async (body: unknown, pattern: RegExp) => {
      const res = await w.request('POST', '/api/keyword-replies', { as: 'operator', body });
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toMatch(pattern);
    };
    await bad({ ...baseRule, keywords: [{ text: '  ', mode: 'contains' }] }, /keywords\.0\.text: a keyword cannot be empty/);
    await bad({ ...baseRule, keywords: [] }, /keywords: add at least one keyword/);
    await bad(
      {
        ...baseRule,
        keywords: [
          { text: '地址', mode: 'contains' },
          { text: ' 地址 ', mode: 'exact' },
        ],
      },
      /keywords\.1\.text: duplicate keyword/,
    );
    await bad(
      { ...baseRule, keywords: Array.from({ length: 51 }, (_, i) => ({ text: `词${i}`, mode: 'contains' })) },
      /at most 50 keywords/,
    );
    await bad({ ...baseRule, activeHours: { from: '25:00', to: '22:00' } }, /activeHours\.from: a time of day/);
    await bad({ ...baseRule, activeHours: { from: '09:00', to: '09:00' } }, /from and to are the same time/);
    await bad({ ...baseRule, scope: { private: false, groups: false } }, /scope: choose private chats, groups or both/);
    await bad({ ...baseRule, scope: { groupIds: [999999] } }, /scope\.groupIds: group 999999 does not exist/);
    await bad({ ...baseRule, content: {} }, /Content needs text/);
    expect((await w.request('POST', '/api/keyword-replies', { as: 'guide1', body: baseRule })).status).toBe(403);

    const created = await w.request('POST', '/api/keyword-replies', { as: 'operator', body: baseRule });
    expect(created.status).toBe(201);
    const rule = await json(created);
    expect(rule).toMatchObject({ name: '门店地址', cooldownSeconds: 60, activeHours: null, enabled: true, hitCount: 0 });
    addressRule = rule.id;
    const list = await json(await w.request('GET', '/api/keyword-replies?q=在哪', { as: 'operator' }));
    expect(list).toMatchObject({ total: 1, items: [{ id: addressRule }] });
    // Store managers read and test the brand's rules; they neither change them nor see the hit log.
    expect((await w.request('GET', '/api/keyword-replies', { as: 'manager1' })).status).toBe(200);
    expect(
      (await w.request('PATCH', `/api/keyword-replies/${addressRule}`, { as: 'manager1', body: { priority: 5 } })).status,
    ).toBe(403);
    expect((await w.request('GET', `/api/keyword-replies/${addressRule}/hits`, { as: 'manager1' })).status).toBe(403);
    expect((await w.request('GET', '/api/keyword-replies', { as: 'guide1' })).status).toBe(403);
    const patchBad = await w.request('PATCH', `/api/keyword-replies/${addressRule}`, {
      as: 'operator',
      body: {
        keywords: [
          { text: 'a', mode: 'contains' },
          { text: 'Ａ', mode: 'contains' },
        ],
      },
    });
    expect(patchBad.status).toBe(400);
  });

  it('answers a customer in a group once, even when the message is redelivered', async () => {
    const said = await sayInGroup('请问门店地址是什么？', { deliver: 'twice' });
    expect(said.duplicates).toBe(1);
    const replies = await repliesOf(addressRule);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ kind: 'group_message' });
    expect(replies[0]?.payload).toMatchObject({ chatId: 'wr_g1', groupId: w.ids.group1 });
    expect(textOf(replies[0]?.payload)).toBe('陈静 您好，徐汇店福利1群 的门店在漕溪北路 88 号');
    const hits = await hitsOf(addressRule);
    expect(hits).toMatchObject([{ outcome: 'replied', groupId: w.ids.group1, customerId: w.ids.c1, actionId: replies[0]?.id }]);

    // The same domain event handed to the subscriber again (an at-least-once bus): still one reply.
    const again = await applyKeywordReply(sys(), {
      type: 'group.message',
      messageId: hits[0]?.messageId ?? 0,
      groupId: w.ids.group1,
      customerId: w.ids.c1,
      staffId: null,
      senderType: 'customer',
      content: '请问门店地址是什么？',
      at: hits[0]?.at ?? clock,
    });
    expect(again).toBe('duplicate');
    expect(await repliesOf(addressRule)).toHaveLength(1);
    const [rule] = await w.deps.db.select().from(keywordRules).where(eq(keywordRules.id, addressRule));
    expect(rule?.hitCount).toBe(1);

    await w.deps.queue.drain();
    expect((await repliesOf(addressRule)).map((r) => r.status)).toEqual(['sent']);
  });

  it('holds a second match back within the cooldown (logged) and answers again after it', async () => {
    advance(30);
    await sayInGroup('地址发我一下');
    expect(await repliesOf(addressRule)).toHaveLength(1);
    expect((await hitsOf(addressRule)).map((h) => h.outcome)).toEqual(['replied', 'cooldown']);
    advance(31);
    await sayInGroup('你们在哪');
    expect(await repliesOf(addressRule)).toHaveLength(2);
    expect((await hitsOf(addressRule)).map((h) => h.outcome)).toEqual(['replied', 'cooldown', 'replied']);
    const hits = await json(await w.request('GET', `/api/keyword-replies/${addressRule}/hits?pageSize=2`, { as: 'operator' }));
    expect(hits).toMatchObject({ total: 3, pageSize: 2 });
    expect(hits.items.map((h: { outcome: string }) => h.outcome)).toEqual(['replied', 'cooldown']);
    expect(hits.items[0]).toMatchObject({ groupName: '徐汇店福利1群', customerName: '陈静' });
  });

  it('never answers staff messages', async () => {
    advance(120);
    const event = {
      type: 'message' as const,
      at: clock.toISOString(),
      msgId: 'staff-msg-1',
      conversation: 'group' as const,
      chatId: 'wr_g1',
      sender: { id: 'wangfang', type: 'staff' as const },
      msgType: 'text' as const,
      content: '门店地址在群公告里',
    };
    const stored = await ingestEvent(sys(), { channel: 'simulator', dedupeKey: 'staff-msg-1', event });
    await processInboxEvent(sys(), { tenantId: w.tenantId, inboxEventId: stored.inboxEventId });
    expect(await repliesOf(addressRule)).toHaveLength(2);
    expect(await hitsOf(addressRule)).toHaveLength(3);
  });

  it('answers in private chats with the staff member spoken to, and per customer cooldown', async () => {
    advance(5);
    await performSimAction(sys(), { type: 'message', customerId: w.ids.c1, staffId: w.ids.guide1, content: '店在哪里' });
    const replies = await repliesOf(addressRule);
    expect(replies).toHaveLength(3);
    expect(replies[2]).toMatchObject({ kind: 'private_message' });
    expect(replies[2]?.payload).toMatchObject({ staffUserId: 'wangfang', externalUserId: 'wm_c1', customerId: w.ids.c1 });
    // The group cooldown does not hold back a private answer, but the private one does.
    advance(5);
    await performSimAction(sys(), { type: 'message', customerId: w.ids.c1, staffId: w.ids.guide1, content: '地址？' });
    expect(await repliesOf(addressRule)).toHaveLength(3);
    expect((await hitsOf(addressRule)).at(-1)).toMatchObject({ conversation: 'private', outcome: 'cooldown' });
  });

  it('picks the best-priority rule in scope; outside its hours it does not answer (logged)', async () => {
    const evening = await json(
      await w.request('POST', '/api/keyword-replies', {
        as: 'operator',
        body: {
          ...baseRule,
          name: '晚间优惠',
          keywords: [{ text: '优惠', mode: 'contains' }],
          content: { text: '晚上 8 点后第二杯半价' },
          activeHours: { from: '20:00', to: '02:00' },
          priority: 10,
          scope: { private: false, groups: true, storeIds: [w.ids.store1] },
        },
      }),
    );
    advance(600);
    await sayInGroup('有什么优惠吗');
    expect(await repliesOf(evening.id)).toHaveLength(0);
    expect(await hitsOf(evening.id)).toMatchObject([{ outcome: 'outside_hours' }]);

    // A lower-priority rule inside its hours answers instead.
    const allDay = await json(
      await w.request('POST', '/api/keyword-replies', {
        as: 'operator',
        body: {
          ...baseRule,
          name: '全天优惠',
          keywords: [{ text: '优惠', mode: 'contains' }],
          content: { text: '今日满 30 减 5' },
        },
      }),
    );
    allDayRule = allDay.id;
    advance(5);
    await sayInGroup('优惠券怎么用');
    expect(await repliesOf(allDay.id)).toHaveLength(1);
    expect(await repliesOf(evening.id)).toHaveLength(0);

    const verdict = await json(
      await w.request('POST', '/api/keyword-replies/test', {
        as: 'operator',
        body: { text: '优惠', conversation: 'group', groupId: w.ids.group1, at: '2026-03-02T21:00:00+08:00' },
      }),
    );
    expect(verdict).toMatchObject({ ruleId: evening.id, outcome: 'reply', replyText: '晚上 8 点后第二杯半价' });
    expect(verdict.matches).toEqual([
      { ruleId: evening.id, name: '晚间优惠', priority: 10, keywords: ['优惠'], verdict: 'chosen' },
      { ruleId: allDay.id, name: '全天优惠', priority: 1, keywords: ['优惠'], verdict: 'lower_priority' },
    ]);
    const inGroup2 = await json(
      await w.request('POST', '/api/keyword-replies/test', {
        as: 'operator',
        body: { text: '优惠', conversation: 'group', groupId: w.ids.group2, at: '2026-03-02T21:00:00+08:00' },
      }),
    );
    expect(inGroup2).toMatchObject({ ruleId: allDay.id, outcome: 'reply' });
    expect(inGroup2.matches[0]).toMatchObject({ ruleId: evening.id, verdict: 'out_of_scope' });
  });

  it('rebuilds the automaton when a rule changes: a new keyword matches the next message', async () => {
    advance(120);
    await sayInGroup('停车方便吗');
    expect(await repliesOf(addressRule)).toHaveLength(3);
    const patched = await w.request('PATCH', `/api/keyword-replies/${addressRule}`, {
      as: 'operator',
      body: { keywords: [...baseRule.keywords, { text: '停车', mode: 'contains' }] },
    });
    expect(patched.status).toBe(200);
    advance(1);
    await sayInGroup('停车方便吗？');
    expect(await repliesOf(addressRule)).toHaveLength(4);

    // A change written by another process (rule row + version bump, no call into this process).
    await w.deps.db.transaction(async (tx) => {
      await tx
        .update(keywordRules)
        .set({ keywords: [{ text: '营业时间', mode: 'exact' }] })
        .where(eq(keywordRules.id, addressRule));
      await tx
        .update(keywordRuleVersions)
        .set({ version: sql`${keywordRuleVersions.version} + 1` })
        .where(eq(keywordRuleVersions.tenantId, w.tenantId));
    });
    advance(120);
    await sayInGroup('地址在哪');
    expect(await repliesOf(addressRule)).toHaveLength(4);
    await sayInGroup('营业时间');
    expect(await repliesOf(addressRule)).toHaveLength(5);

    // Disabled: no answer at all.
    await w.request('PATCH', `/api/keyword-replies/${addressRule}`, { as: 'operator', body: { enabled: false } });
    advance(120);
    await sayInGroup('营业时间');
    expect(await repliesOf(addressRule)).toHaveLength(5);
  });

  it('two matching messages of one group handled at once: one reply, one cooldown', async () => {
    advance(600);
    const before = (await repliesOf(allDayRule)).length;
    const event = (messageId: number) => ({
      type: 'group.message' as const,
      messageId,
      groupId: w.ids.group1,
      customerId: w.ids.c1,
      staffId: null,
      senderType: 'customer' as const,
      content: '有优惠吗',
      at: clock,
    });
    // Message ids of no stored message: the hit log keys on them only.
    const outcomes = await Promise.all([applyKeywordReply(sys(), event(900_001)), applyKeywordReply(sys(), event(900_002))]);
    expect(outcomes.sort()).toEqual(['cooldown', 'replied']);
    expect(await repliesOf(allDayRule)).toHaveLength(before + 1);
  });

  it('a reply that renders to nothing is logged as failed and does not block the message', async () => {
    const empty = await json(
      await w.request('POST', '/api/keyword-replies', {
        as: 'operator',
        body: { ...baseRule, name: '空回复', keywords: [{ text: '空空', mode: 'exact' }], content: { text: '{{nothing}}' } },
      }),
    );
    advance(5);
    const said = await sayInGroup('空空');
    expect(said.ok).toBe(true);
    expect(await repliesOf(empty.id)).toHaveLength(0);
    expect(await hitsOf(empty.id)).toMatchObject([{ outcome: 'failed', actionId: null }]);
  });

  it('deletes a rule with its hits (audited); missing rules are 404', async () => {
    expect((await w.request('DELETE', `/api/keyword-replies/${addressRule}`, { as: 'guide1' })).status).toBe(403);
    expect((await w.request('DELETE', `/api/keyword-replies/${addressRule}`, { as: 'operator' })).status).toBe(204);
    expect((await w.request('GET', `/api/keyword-replies/${addressRule}`, { as: 'operator' })).status).toBe(404);
    expect(await hitsOf(addressRule)).toHaveLength(0);
    const audit = await json(await w.request('GET', '/api/audit?action=keyword_rule.delete', { as: 'admin' }));
    expect(JSON.stringify(audit)).toMatch(/keyword_rule\.delete/);
  });
});
