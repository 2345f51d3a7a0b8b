// Pure rules of fission campaigns: tiers, the delete window, the participant's code state,
// what counts. No database here; the module's operations call these.

/** A tier as the rules see it: the number of counted friends that reaches it. */
export type TTierThreshold = { invites: number };

/** The 1-based numbers of the tiers reached with `count` counted friends. @example tiersReached([{ invites: 3 }, { invites: 10 }], 5) // [1] */
export function tiersReached(tiers: readonly TTierThreshold[], count: number): number[] {
  const out: number[] = [];
  tiers.forEach((t, i) => {
    if (count >= t.invites) out.push(i + 1);
  });
  return out;
}

/**
 * The tiers whose grant must be flagged for review after a revoke dropped the participant to
 * `count`: granted, not already flagged, and now above the count.
 * @example grantsToFlag([{ invites: 3 }, { invites: 5 }], [{ tier: 1, flagged: false }, { tier: 2, flagged: false }], 4) // [2]
 */
export function grantsToFlag(
  tiers: readonly TTierThreshold[],
  granted: readonly { tier: number; flagged: boolean }[],
  count: number,
): number[] {
  return granted
    .filter((g) => !g.flagged)
    .filter((g) => {
      const tier = tiers[g.tier - 1];
      return tier !== undefined && count < tier.invites;
    })
    .map((g) => g.tier)
    .sort((a, b) => a - b);
}

/** The next tier to reach with `count` friends, with how many friends are still missing; null at the top. */
export function nextTier(tiers: readonly TTierThreshold[], count: number): { tier: number; missing: number } | null {
  const i = tiers.findIndex((t) => count < t.invites);
  const tier = tiers[i];
  return tier ? { tier: i + 1, missing: tier.invites - count } : null;
}

/**
 * Whether a friend's deletion subtracts their invite: it happened at or after the add and no later
 * than `hours` after it. A window of 0 hours means deletions never subtract.
 * @example isWithinDeleteWindow(new Date('2026-03-01T08:00:00Z'), new Date('2026-03-03T08:00:00Z'), 72) // true
 */
export function isWithinDeleteWindow(addedAt: Date, deletedAt: Date, hours: number): boolean {
  if (hours <= 0) return false;
  const elapsed = deletedAt.getTime() - addedAt.getTime();
  return elapsed >= 0 && elapsed <= hours * 3_600_000;
}

/** Why an add through a participant's code does or does not count. */
export type TInviteVerdict = 'counted' | 'not_new' | 'self' | 'outside_window';

/**
 * Whether an add through a participant's code can count (before the once-per-campaign claim,
 * which the database decides): not the participant themself, new to the brand, in the window of
 * a campaign that was started.
 */
export function inviteVerdict(input: {
  friendCustomerId: number;
  participantCustomerId: number;
  newCustomer: boolean;
  at: Date;
  campaign: { status: string; startsAt: Date; endsAt: Date; endedAt: Date | null };
}): TInviteVerdict {
  if (input.friendCustomerId === input.participantCustomerId) return 'self';
  if (!input.newCustomer) return 'not_new';
  return isInCampaignWindow(input.campaign, input.at) ? 'counted' : 'outside_window';
}

/** True when `at` falls in a started campaign's window (an early end closes it at `endedAt`). */
export function isInCampaignWindow(campaign: { status: string; startsAt: Date; endsAt: Date; endedAt: Date | null }, at: Date) {
  if (campaign.status === 'draft') return false;
  const end = campaign.endedAt && campaign.endedAt < campaign.endsAt ? campaign.endedAt : campaign.endsAt;
  return at >= campaign.startsAt && at <= end;
}

/** What a campaign looks like to people now: drafts, not yet open, running, over. */
export type TCampaignPhase = 'draft' | 'upcoming' | 'running' | 'ended';
export function campaignPhase(campaign: { status: string; startsAt: Date; endsAt: Date }, now: Date): TCampaignPhase {
  if (campaign.status === 'draft') return 'draft';
  if (campaign.status === 'ended' || now > campaign.endsAt) return 'ended';
  return now < campaign.startsAt ? 'upcoming' : 'running';
}

/** The contact-way state of a participant's code (≤ 30 characters, WeCom's limit). @example fissionState(3, 17) // 'fi3.17' */
export const fissionState = (campaignId: number, participantId: number) => `fi${campaignId}.${participantId}`;

/** The campaign and participant of a `fi<campaignId>.<participantId>` state, or null for any other state. */
export function parseFissionState(state: string | null | undefined): { campaignId: number; participantId: number } | null {
  const m = state ? /^fi([1-9]\d{0,12})\.([1-9]\d{0,13})$/.exec(state) : null;
  if (!m?.[1] || !m[2]) return null;
  return { campaignId: Number(m[1]), participantId: Number(m[2]) };
}

/** The rewards module's idempotency key of a tier: one grant per participant and tier, ever. */
export const tierGrantKey = (campaignId: number, participantId: number, tier: number) =>
  `fission:${campaignId}:participant:${participantId}:tier:${tier}`;

/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD (for per-day counts). */
export function localDay(at: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    at,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Masks a name for public lists: 陈静 → 陈*, Alice → A****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return `${chars[0]}${'*'.repeat(Math.max(1, Math.min(chars.length - 1, 4)))}`;
}

/** A problem with a campaign's configuration: the field and what to do about it. */
export type TCampaignProblem = { path: string; message: string };

const MAX_CAMPAIGN_DAYS = 366;

/**
 * What is wrong with a campaign's settings (empty when fine): a window that ends after it starts
 * and lasts at most a year, tiers with strictly increasing thresholds, a goal that is one of the
 * tiers, and a staff pool without repeats.
 * @example campaignProblems({ startsAt, endsAt, goal: 3, tiers: [{ invites: 3 }, { invites: 3 }], staffIds: [1] }) // [{ path: 'tiers', … }]
 */
export function campaignProblems(c: {
  startsAt: Date;
  endsAt: Date;
  goal: number;
  tiers: readonly TTierThreshold[];
  staffIds: readonly number[];
}): TCampaignProblem[] {
  const problems: TCampaignProblem[] = [];
  if (Number.isNaN(c.startsAt.getTime()) || Number.isNaN(c.endsAt.getTime())) {
    problems.push({ path: 'startsAt', message: 'Give the start and end as date and time.' });
  } else if (c.endsAt <= c.startsAt) {
    problems.push({ path: 'endsAt', message: 'The campaign must end after it starts; pick a later end.' });
  } else if (c.endsAt.getTime() - c.startsAt.getTime() > MAX_CAMPAIGN_DAYS * 86_400_000) {
    problems.push({ path: 'endsAt', message: `A campaign runs at most ${MAX_CAMPAIGN_DAYS} days; pick an earlier end.` });
  }
  for (let i = 1; i < c.tiers.length; i++) {
    const prev = c.tiers[i - 1];
    const cur = c.tiers[i];
    if (prev && cur && cur.invites <= prev.invites) {
      problems.push({
        path: 'tiers',
        message: `Tier ${i + 1} needs more invites than tier ${i} (${prev.invites}); order the tiers from fewest to most invites.`,
      });
      break;
    }
  }
  if (c.tiers.length > 0 && !c.tiers.some((t) => t.invites === c.goal)) {
    problems.push({
      path: 'goal',
      message: 'The goal must be the invites of one of the tiers, so completing it earns a reward.',
    });
  }
  if (new Set(c.staffIds).size !== c.staffIds.length) {
    problems.push({ path: 'staffIds', message: 'A staff member is in the pool twice; remove the repeat.' });
  }
  if (c.staffIds.length === 0) {
    problems.push({ path: 'staffIds', message: 'Pick at least one staff member to receive the invited friends.' });
  }
  return problems;
}
