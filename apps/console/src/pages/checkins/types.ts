// Shapes of the check-in API (packages/core/src/modules/checkins/checkins.schemas.ts).

export type TCheckinStatus = 'draft' | 'active' | 'ended';
export type TCheckinPhase = 'draft' | 'upcoming' | 'running' | 'ended';
export type TMissedDayRule = 'reset' | 'makeup';
export type TRewardKind = 'points' | 'coupon' | 'gift';
export type TRewardSpec = { kind: TRewardKind; amount: number; name: string };
export type TMilestone = { kind: 'streak' | 'total'; days: number; reward: TRewardSpec };

export type TCheckinCampaign = {
  id: number;
  name: string;
  description: string;
  days: number;
  startDate: string;
  endDate: string;
  groups: { id: number; name: string }[];
  openToAll: boolean;
  keywords: string[];
  keywordMatch: 'exact' | 'contains';
  missedDayRule: TMissedDayRule;
  milestones: TMilestone[];
  reminderEnabled: boolean;
  reminderTime: string;
  reminderText: string;
  remindInGroups: boolean;
  remindPrivately: boolean;
  remindedDay: string | null;
  replyInGroup: boolean;
  replyText: string;
  posterTemplateId: number | null;
  status: TCheckinStatus;
  phase: TCheckinPhase;
  todayNumber: number | null;
  slug: string;
  url: string;
  participantCount: number;
  checkedInToday: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
};

export type TCheckinParticipant = {
  id: number;
  rank: number;
  customerId: number;
  customerName: string | null;
  source: 'h5' | 'keyword';
  joinedAt: string;
  currentStreak: number;
  longestStreak: number;
  totalDays: number;
  makeupsUsed: number;
  milestonesReached: number;
  lastFilledDay: string | null;
  lastCheckinAt: string | null;
};

export type TCheckinStats = {
  campaignId: number;
  today: string;
  todayNumber: number | null;
  participants: number;
  checkedInToday: number;
  todayRate: number;
  checkins: number;
  makeups: number;
  milestonesReached: number;
  perfect: number;
  days: {
    day: string;
    number: number;
    participants: number;
    checkins: number;
    makeups: number;
    rate: number;
    milestonesReached: number;
  }[];
  streakDistribution: { bucket: string; participants: number }[];
  milestones: { index: number; kind: 'streak' | 'total'; days: number; rewardName: string; reached: number }[];
};

export const PHASE_COLOR: Record<TCheckinPhase, string> = {
  draft: 'default',
  upcoming: 'blue',
  running: 'green',
  ended: 'default',
};

/** A reward as one line: the operator's name, with the amount when the name does not already say it. */
export const rewardLabel = (r: TRewardSpec): string => {
  const amount = r.kind === 'points' ? String(r.amount) : r.kind === 'coupon' ? `¥${(r.amount / 100).toFixed(2)}` : '';
  return amount && !r.name.includes(r.kind === 'points' ? amount : String(r.amount / 100)) ? `${r.name}（${amount}）` : r.name;
};
