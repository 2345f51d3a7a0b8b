import { createDatabase, type Database, runMigrations } from '@pond/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimMessageSource } from './sim-message-source.ts';
import { createSimulatorChannel, groupConversation, privateConversation, type SimulatorChannel } from './simulator-channel.ts';

// The simulator's chat log pulled as a MessageSource on a real (in-memory) database.
const TENANT = 1;
const OTHER = 2;
let database: Database;
let sim: SimulatorChannel;

beforeAll(async () => {
  database = await createDatabase({ kind: 'pglite' });
  await runMigrations(database);
  let clock = Date.parse('2026-12-02T08:00:00Z');
  sim = createSimulatorChannel({
    db: database.db,
    now: async () => {
      clock += 1000;
      return new Date(clock);
    },
    world: {
      staffName: async () => '王芳',
      friendsAmong: async (_t, _s, ids) => new Set(ids),
      group: async () => ({ name: '静安群', active: true }),
      activeGroupsAmong: async (_t, ids) => new Set(ids),
    },
  });
});
afterAll(async () => {
  await database?.close();
});

describe('createSimMessageSource', () => {
  it('pulls customer messages in order, resumes from its cursor, and skips what Pond itself posted', async () => {
    const say = (conversation: string, sender: string, content: string, tenantId = TENANT) =>
      sim.appendChatLog({ tenantId, conversation, sender, senderName: sender, content });
    const l1 = await say(groupConversation('wrA'), 'wm1', '1');
    await say(groupConversation('wrA'), 'pond', '拍卖开始');
    await say(groupConversation('wrA'), 'wm9', '别的租户', OTHER);
    const l3 = await say(privateConversation('wangfang', 'wm2'), 'wm2', '在吗');
    const l4 = await say(groupConversation('wrA'), 'wm3', '+1 两份');

    const source = createSimMessageSource(sim);
    expect(source.kind).toBe('simulator');
    const first = await source.pull({ tenantId: TENANT, cursor: null, limit: 2 });
    // Two lines read (one is Pond's own post): one delivery, a full batch, so more to pull.
    expect(first.deliveries.map((d) => d.dedupeKey)).toEqual([`simmsg_${l1.id}`]);
    expect(first.more).toBe(true);
    const second = await source.pull({ tenantId: TENANT, cursor: first.cursor, limit: 2 });
    expect(second.deliveries.map((d) => [d.event.content, d.event.conversation])).toEqual([
      ['在吗', 'private'],
      ['+1 两份', 'group'],
    ]);
    expect(second.deliveries[0]?.dedupeKey).toBe(`simmsg_${l3.id}`);
    expect(second.cursor).toBe(String(l4.id));
    const third = await source.pull({ tenantId: TENANT, cursor: second.cursor, limit: 2 });
    expect(third).toEqual({ deliveries: [], cursor: String(l4.id), more: false });

    // Pulling again from the start gives the same keys: a re-pull after a crash is a duplicate.
    const again = await source.pull({ tenantId: TENANT, cursor: null, limit: 10 });
    expect(again.deliveries.map((d) => d.dedupeKey)).toEqual([`simmsg_${l1.id}`, `simmsg_${l3.id}`, `simmsg_${l4.id}`]);
  });

  it('rejects a cursor it did not hand out', async () => {
    const source = createSimMessageSource(sim);
    await expect(source.pull({ tenantId: TENANT, cursor: 'seq-abc', limit: 10 })).rejects.toThrow(/cursor/);
    await expect(source.pull({ tenantId: TENANT, cursor: null, limit: 0 })).rejects.toThrow(/limit/);
  });
});
