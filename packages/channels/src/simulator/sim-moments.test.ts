import { describe, expect, it } from 'vitest';
import { MOMENT_PUBLISH_DELAY_MS, momentPublishDelayMs, momentPublished, NEVER_PUBLISH_PERCENT } from './sim-moments.ts';

describe('simulated moments publishing', () => {
  const users = Array.from({ length: 400 }, (_, i) => `staff${i}`);

  it('keeps every delay within 10 min .. 3 h and the same for the same inputs', () => {
    for (const u of users) {
      const d = momentPublishDelayMs(7, 'simmoment_1', u);
      expect(momentPublishDelayMs(7, 'simmoment_1', u)).toBe(d);
      if (d !== null) {
        expect(d).toBeGreaterThanOrEqual(MOMENT_PUBLISH_DELAY_MS.min);
        expect(d).toBeLessThanOrEqual(MOMENT_PUBLISH_DELAY_MS.max);
      }
    }
  });

  it('leaves a share close to NEVER_PUBLISH_PERCENT unpublished, the same staff on every task', () => {
    const never = users.filter((u) => momentPublishDelayMs(7, 'simmoment_1', u) === null);
    const share = (never.length / users.length) * 100;
    expect(share).toBeGreaterThan(NEVER_PUBLISH_PERCENT - 8);
    expect(share).toBeLessThan(NEVER_PUBLISH_PERCENT + 8);
    for (const u of never) expect(momentPublishDelayMs(7, 'simmoment_2', u)).toBeNull();
  });

  it.each([
    { after: 0, expected: 0 },
    { after: MOMENT_PUBLISH_DELAY_MS.min - 1, expected: 0 },
    { after: MOMENT_PUBLISH_DELAY_MS.max, expected: -1 },
  ])('publishes nobody before 10 min and every publisher by 3 h (after $after ms)', ({ after, expected }) => {
    const created = new Date('2026-03-01T02:00:00Z');
    const result = momentPublished(7, 'simmoment_1', users, created, new Date(created.getTime() + after));
    const publishers = users.filter((u) => momentPublishDelayMs(7, 'simmoment_1', u) !== null).length;
    expect(result.filter((r) => r.published).length).toBe(expected === -1 ? publishers : expected);
  });
});
