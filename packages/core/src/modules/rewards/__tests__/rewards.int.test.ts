import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, withActor } from '../../../context.ts';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { customerToken } from '../../links/customer-token.ts';
import { grantReward } from '../grant-reward.ts';
import { flagReward } from '../review-reward.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => {
  await w?.cleanup();
});

const sys = () => withActor(w.deps, systemActor(w.tenantId));
const coupon = { kind: 'coupon' as const, amount: 1000, name: '满50减10券' };

describe('grantReward', () => {
  it('grants once per idempotency key, also when ten callers race', async () => {
    const key = 'test:race:1';
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        grantReward(sys(), { idempotencyKey: key, customerId: w.ids.c1, reward: coupon, source: 'manual' }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.grantId)).size).toBe(1);
    const res = await w.request('GET', `/api/rewards?customerId=${w.ids.c1}`, { as: 'admin' });
    const page = (await res.json()) as { items: { name: string }[]; total: number };
    expect(page.total).toBe(1);
    expect(page.items[0]?.name).toBe('满50减10券');
  });

  it('keeps guides to the rewards of their own customers', async () => {
    await grantReward(sys(), { idempotencyKey: 'test:scope:c2', customerId: w.ids.c2, reward: coupon, source: 'manual' });
    const res = await w.request('GET', `/api/rewards?customerId=${w.ids.c2}`, { as: 'guide1' });
    expect(((await res.json()) as { total: number }).total).toBe(0);
    const own = await w.request('GET', `/api/rewards?customerId=${w.ids.c2}`, { as: 'guide2' });
    expect(((await own.json()) as { total: number }).total).toBe(1);
  });

  it('holds a flagged reward for review: keep clears it, a second flag does nothing, revoke needs a flagged grant', async () => {
    const { grantId } = await grantReward(sys(), {
      idempotencyKey: 'test:flag:1',
      customerId: w.ids.c3,
      reward: { kind: 'points', amount: 50, name: '50 积分' },
      source: 'fission',
      sourceId: 9,
    });
    expect(await flagReward(sys(), grantId, 'friend deleted within 72 h')).toBe(true);
    const queue = await w.request('GET', '/api/rewards?status=flagged', { as: 'operator' });
    expect(((await queue.json()) as { items: { id: number; reason: string }[] }).items.map((i) => i.id)).toContain(grantId);
    const keep = await w.request('POST', `/api/rewards/${grantId}/review`, {
      as: 'operator',
      body: { decision: 'keep', note: 'ok' },
    });
    expect(keep.status).toBe(204);
    // Reviewed and kept: not flagged again.
    expect(await flagReward(sys(), grantId, 'again')).toBe(false);
    const again = await w.request('POST', `/api/rewards/${grantId}/review`, { as: 'operator', body: { decision: 'revoke' } });
    expect(again.status).toBe(409);
    const guide = await w.request('POST', `/api/rewards/${grantId}/review`, { as: 'guide3', body: { decision: 'revoke' } });
    expect(guide.status).toBe(403);
  });

  it("shows a customer their own rewards on the H5 page, and nobody else's", async () => {
    await grantReward(sys(), { idempotencyKey: 'test:h5:c1', customerId: w.ids.c1, reward: coupon, source: 'checkin' });
    const token = customerToken(w.deps, w.tenantId, w.ids.c1);
    const res = await w.app.request('/api/public/me/rewards', { headers: { 'x-pond-customer': token } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { customerId: number }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.customerId === w.ids.c1)).toBe(true);
    const forged = await w.app.request('/api/public/me/rewards', { headers: { 'x-pond-customer': `${token.slice(0, -2)}AA` } });
    expect(forged.status).toBe(401);
  });
});
