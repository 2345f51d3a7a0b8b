import { describe, expect, it } from 'vitest';
import {
  campaignPhase,
  campaignProblems,
  grantsToFlag,
  inviteVerdict,
  isWithinDeleteWindow,
  localDay,
  maskName,
  nextTier,
  parseFissionState,
  tiersReached,
} from '../fission-rules.ts';

const tiers = [{ invites: 3 }, { invites: 5 }, { invites: 10 }];
const at = (iso: string) => new Date(iso);

describe('tiersReached', () => {
  it.each([
    [0, []],
    [2, []],
    [3, [1]],
    [4, [1]],
    [5, [1, 2]],
    [9, [1, 2]],
    [10, [1, 2, 3]],
    [250, [1, 2, 3]],
  ])('%i counted friends reach tiers %j', (count, expected) => {
    expect(tiersReached(tiers, count)).toEqual(expected);
  });
  it('a single one-friend tier is reached by the first friend', () => {
    expect(tiersReached([{ invites: 1 }], 1)).toEqual([1]);
  });
});

describe('nextTier', () => {
  it.each([
    [0, { tier: 1, missing: 3 }],
    [3, { tier: 2, missing: 2 }],
    [7, { tier: 3, missing: 3 }],
    [10, null],
    [11, null],
  ])('with %i friends the next tier is %j', (count, expected) => {
    expect(nextTier(tiers, count)).toEqual(expected);
  });
});

describe('grantsToFlag after a revoke', () => {
  const granted = (...ts: [number, boolean][]) => ts.map(([tier, flagged]) => ({ tier, flagged }));
  it.each([
    ['still above every granted tier', granted([1, false], [2, false]), 5, []],
    ['dropped below the top tier', granted([1, false], [2, false]), 4, [2]],
    ['dropped below both', granted([1, false], [2, false]), 2, [1, 2]],
    ['an already flagged grant is not flagged again', granted([1, false], [2, true]), 2, [1]],
    ['tiers not granted are never flagged', granted([1, false]), 0, [1]],
    ['nothing granted, nothing to flag', granted(), 0, []],
    ['a grant of a tier the config no longer has is left alone', granted([7, false]), 0, []],
  ])('%s', (_label, list, count, expected) => {
    expect(grantsToFlag(tiers, list, count)).toEqual(expected);
  });
});

describe('isWithinDeleteWindow', () => {
  const added = at('2026-03-01T08:00:00Z');
  it.each([
    ['right after the add', '2026-03-01T08:00:01Z', 72, true],
    ['at the same instant', '2026-03-01T08:00:00Z', 72, true],
    ['exactly at the end of the window', '2026-03-04T08:00:00Z', 72, true],
    ['one second after the window', '2026-03-04T08:00:01Z', 72, false],
    ['a week later', '2026-03-08T08:00:00Z', 72, false],
    ['a window of 1 hour, 59 minutes later', '2026-03-01T08:59:00Z', 1, true],
    ['a window of 0 hours never subtracts', '2026-03-01T08:00:01Z', 0, false],
    ['a deletion stamped before the add (clock skew) does not subtract', '2026-03-01T07:59:00Z', 72, false],
  ])('%s', (_label, deleted, hours, expected) => {
    expect(isWithinDeleteWindow(added, at(deleted), hours)).toBe(expected);
  });
});

describe('inviteVerdict', () => {
  const campaign = {
    status: 'active',
    startsAt: at('2026-03-01T00:00:00Z'),
    endsAt: at('2026-03-31T00:00:00Z'),
    endedAt: null,
  };
  const base = { friendCustomerId: 2, participantCustomerId: 1, newCustomer: true, at: at('2026-03-10T00:00:00Z'), campaign };
  it.each([
    ['a new friend inside the window counts', {}, 'counted'],
    ['the participant scanning their own code', { friendCustomerId: 1 }, 'self'],
    ['an existing customer', { newCustomer: false }, 'not_new'],
    ['before the start', { at: at('2026-02-28T23:59:59Z') }, 'outside_window'],
    ['after the end', { at: at('2026-03-31T00:00:01Z') }, 'outside_window'],
    ['at the very start', { at: at('2026-03-01T00:00:00Z') }, 'counted'],
    ['after an early end', { campaign: { ...campaign, status: 'ended', endedAt: at('2026-03-05T00:00:00Z') } }, 'outside_window'],
    ['before an early end', { campaign: { ...campaign, status: 'ended', endedAt: at('2026-03-15T00:00:00Z') } }, 'counted'],
    ['a draft never counts', { campaign: { ...campaign, status: 'draft' } }, 'outside_window'],
    ['self wins over not new', { friendCustomerId: 1, newCustomer: false }, 'self'],
  ])('%s', (_label, patch, expected) => {
    expect(inviteVerdict({ ...base, ...patch })).toBe(expected);
  });
});

describe('campaignPhase', () => {
  const c = { status: 'active', startsAt: at('2026-03-01T00:00:00Z'), endsAt: at('2026-03-31T00:00:00Z') };
  it.each([
    ['draft', { ...c, status: 'draft' }, '2026-03-10T00:00:00Z', 'draft'],
    ['before the window', c, '2026-02-20T00:00:00Z', 'upcoming'],
    ['inside the window', c, '2026-03-10T00:00:00Z', 'running'],
    ['after the window, not yet swept', c, '2026-04-01T00:00:00Z', 'ended'],
    ['ended early', { ...c, status: 'ended' }, '2026-03-10T00:00:00Z', 'ended'],
  ])('%s', (_label, campaign, now, expected) => {
    expect(campaignPhase(campaign, at(now))).toBe(expected);
  });
});

describe('parseFissionState', () => {
  it.each([
    ['fi3.17', { campaignId: 3, participantId: 17 }],
    ['fi1234567890123.12345678901234', { campaignId: 1234567890123, participantId: 12345678901234 }],
    ['fi3', null],
    ['fi0.1', null],
    ['fi3.017', null],
    ['lc3', null],
    ['fi3.17x', null],
    ['', null],
    [null, null],
  ])('%s → %j', (state, expected) => {
    expect(parseFissionState(state)).toEqual(expected);
  });
  it('the longest state fits WeCom’s 30 characters', () => {
    expect('fi1234567890123.12345678901234'.length).toBeLessThanOrEqual(30);
  });
});

describe('campaignProblems', () => {
  const ok = {
    startsAt: at('2026-03-01T00:00:00Z'),
    endsAt: at('2026-03-31T00:00:00Z'),
    goal: 5,
    tiers: [{ invites: 3 }, { invites: 5 }],
    staffIds: [1, 2],
  };
  const paths = (patch: Partial<typeof ok>) => campaignProblems({ ...ok, ...patch }).map((p) => p.path);
  it.each([
    ['a sensible campaign', {}, []],
    ['ends before it starts', { endsAt: at('2026-02-01T00:00:00Z') }, ['endsAt']],
    ['ends when it starts', { endsAt: ok.startsAt }, ['endsAt']],
    ['runs longer than a year', { endsAt: at('2027-03-05T00:00:00Z') }, ['endsAt']],
    ['tiers out of order', { tiers: [{ invites: 5 }, { invites: 3 }] }, ['tiers']],
    ['two tiers with the same threshold', { tiers: [{ invites: 3 }, { invites: 3 }], goal: 3 }, ['tiers']],
    ['a goal that is no tier', { goal: 4 }, ['goal']],
    ['no staff', { staffIds: [] }, ['staffIds']],
    ['the same staff twice', { staffIds: [1, 1] }, ['staffIds']],
  ])('%s', (_label, patch, expected) => {
    expect(paths(patch)).toEqual(expected);
  });
  it('says what to do', () => {
    const [p] = campaignProblems({ ...ok, tiers: [{ invites: 5 }, { invites: 3 }] });
    expect(p?.message).toMatch(/order the tiers/);
  });
});

describe('localDay and maskName', () => {
  it.each([
    ['2026-03-01T15:59:59Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
  ])('%s is %s in Shanghai', (iso, day) => {
    expect(localDay(at(iso))).toBe(day);
  });
  it.each([
    ['陈静', '陈*'],
    ['欧阳娜娜', '欧***'],
    ['Alexander', 'A****'],
    ['李', '李*'],
    ['', '*'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
