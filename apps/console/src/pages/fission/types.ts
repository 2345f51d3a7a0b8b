// Shapes of the fission API's answers, as the console reads them.

export type TRewardKind = 'points' | 'coupon' | 'gift';
export type TRewardSpec = { kind: TRewardKind; amount: number; name: string };
export type TFissionTier = { invites: number; reward: TRewardSpec };
export type TCampaignStatus = 'draft' | 'active' | 'ended';
export type TCampaignPhase = 'draft' | 'upcoming' | 'running' | 'ended';

export type TFissionCampaign = {
  id: number;
  name: string;
  description: string;
  rules: string;
  startsAt: string;
  endsAt: string;
  goal: number;
  tiers: TFissionTier[];
  staffIds: number[];
  staff: { id: number; name: string; active: boolean }[];
  posterTemplateId: number | null;
  keyword: string | null;
  deleteWindowHours: number;
  status: TCampaignStatus;
  phase: TCampaignPhase;
  startedAt: string | null;
  endedAt: string | null;
  url: string;
  createdAt: string;
  updatedAt: string | null;
  participants: number;
  counted: number;
  rewardsGranted: number;
};

export type TInviteStatus = 'counted' | 'revoked' | 'not_new' | 'duplicate' | 'self' | 'outside_window';

export type TFissionParticipant = {
  id: number;
  campaignId: number;
  customerId: number;
  customerName: string;
  joinedVia: 'h5' | 'keyword' | 'operator';
  invitedCount: number;
  tiersReached: number;
  rewardsGranted: number;
  rewardsFlagged: number;
  url: string;
  posterUrl: string | null;
  wayConfigId: string | null;
  lastCountedAt: string | null;
  createdAt: string;
};

export type TFissionInvite = {
  id: number;
  participantId: number;
  friendCustomerId: number;
  friendName: string;
  staffId: number;
  staffName: string;
  status: TInviteStatus;
  addedAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
};

export type TLeaderboardEntry = {
  rank: number;
  participantId: number;
  customerId: number;
  customerName: string;
  invitedCount: number;
  lastCountedAt: string | null;
};

export type TFissionStats = {
  funnel: {
    participants: number;
    postersShared: number;
    friendsAdded: number;
    counted: number;
    revoked: number;
    rewardsGranted: number;
    rewardsFlagged: number;
    completed: number;
    notCounted: { notNew: number; duplicate: number; self: number; outsideWindow: number };
  };
  days: {
    day: string;
    participants: number;
    postersShared: number;
    friendsAdded: number;
    counted: number;
    revoked: number;
    rewardsGranted: number;
  }[];
  timeZone: string;
};

export const STATUS_COLOR: Record<TCampaignPhase, string> = {
  draft: 'default',
  upcoming: 'blue',
  running: 'green',
  ended: 'default',
};

/** How a reward reads in a list: "满50减10券", with the amount for points and coupons. */
export const rewardLabel = (r: TRewardSpec) =>
  r.kind === 'coupon' ? `${r.name} (¥${(r.amount / 100).toFixed(2)})` : r.kind === 'points' ? `${r.name} (${r.amount})` : r.name;
