import { describe, expect, it } from 'vitest';
import { calendarTargetsGroup } from '../apply-calendars-to-group.ts';

describe('which calendars take in a group (a union of stores, group tags and listed groups)', () => {
  const group = { id: 7, storeId: 3, kind: 'vip' };
  it.each([
    { targets: { targetStoreIds: [3], targetGroupKinds: [], targetGroupIds: [] }, expected: true },
    { targets: { targetStoreIds: [4], targetGroupKinds: [], targetGroupIds: [] }, expected: false },
    { targets: { targetStoreIds: [], targetGroupKinds: ['vip'], targetGroupIds: [] }, expected: true },
    { targets: { targetStoreIds: [], targetGroupKinds: ['store'], targetGroupIds: [] }, expected: false },
    { targets: { targetStoreIds: [], targetGroupKinds: [], targetGroupIds: [7] }, expected: true },
    { targets: { targetStoreIds: [4], targetGroupKinds: ['store'], targetGroupIds: [8] }, expected: false },
    { targets: { targetStoreIds: [], targetGroupKinds: [], targetGroupIds: [] }, expected: false },
  ])('$targets → $expected', ({ targets, expected }) => {
    expect(calendarTargetsGroup(targets, group)).toBe(expected);
  });

  it('a group without a store matches only by tag or id', () => {
    const noStore = { id: 9, storeId: null, kind: 'other' };
    expect(calendarTargetsGroup({ targetStoreIds: [3], targetGroupKinds: [], targetGroupIds: [] }, noStore)).toBe(false);
    expect(calendarTargetsGroup({ targetStoreIds: [], targetGroupKinds: ['other'], targetGroupIds: [] }, noStore)).toBe(true);
  });
});
