import type { TAudienceExpression } from '../../components/audience-builder.tsx';
import type { TContentRefValue } from '../../components/content-editor.tsx';

export type TBroadcastStatus = 'draft' | 'scheduled' | 'planning' | 'sending' | 'sent' | 'cancelled' | 'failed';
export type TRecipientStatus = 'queued' | 'held_out' | 'capped' | 'not_friend' | 'sent' | 'over_limit' | 'unconfirmed' | 'failed';
export const RECIPIENT_STATUSES: TRecipientStatus[] = [
  'sent',
  'queued',
  'not_friend',
  'over_limit',
  'unconfirmed',
  'failed',
  'capped',
  'held_out',
];
export type TGroupKind = 'store' | 'vip' | 'activity' | 'other';
export type TGroupFilter = { groupIds: number[]; storeIds: number[]; kinds: TGroupKind[] };

export type TBroadcast = {
  id: number;
  name: string;
  target: 'customers' | 'groups';
  audienceId: number | null;
  audience: TAudienceExpression | null;
  groupFilter: TGroupFilter | null;
  content: TContentRefValue;
  sendAt: string | null;
  status: TBroadcastStatus;
  capPerDay: number;
  capPerWeek: number;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  holdoutPercent: number;
  audienceCount: number;
  counts: Partial<Record<TRecipientStatus, number>>;
  plannedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  error: string | null;
  createdAt: string;
};

type TReach = { audience: number; notFriend: number; capped: number; heldOut: number; reach: number };
export type TBroadcastPreview = TReach & {
  startsAt: string;
  deferredByQuietHours: boolean;
  byStore: (TReach & { storeId: number | null; storeName: string | null })[];
};

type TCounts = Partial<Record<TRecipientStatus, number>>;
export type TBroadcastStats = {
  total: TCounts;
  byStore: { storeId: number | null; storeName: string | null; counts: TCounts }[];
  byStaff: { staffId: number | null; staffName: string | null; storeId: number | null; counts: TCounts }[];
  tasks: { total: number; waiting: number; done: number };
};

export type TBroadcastRecipient = {
  recipientId: number;
  name: string | null;
  staffId: number | null;
  staffName: string | null;
  storeId: number | null;
  status: TRecipientStatus;
  plannedAt: string;
  resultAt: string | null;
};

export const STATUS_COLOR: Record<TBroadcastStatus, string> = {
  draft: 'default',
  scheduled: 'blue',
  planning: 'processing',
  sending: 'processing',
  sent: 'green',
  cancelled: 'default',
  failed: 'red',
};

export const RECIPIENT_COLOR: Record<TRecipientStatus, string> = {
  queued: 'processing',
  held_out: 'purple',
  capped: 'orange',
  not_friend: 'default',
  sent: 'green',
  over_limit: 'gold',
  unconfirmed: 'volcano',
  failed: 'red',
};

/** Recipients that are in a mass task (reach): everything but the control group, capped and non-friends at planning. */
export const reachOf = (b: TBroadcast): number =>
  (b.counts.queued ?? 0) +
  (b.counts.sent ?? 0) +
  (b.counts.over_limit ?? 0) +
  (b.counts.unconfirmed ?? 0) +
  (b.counts.failed ?? 0);

export type TBroadcastTask = {
  id: number;
  staffId: number;
  staffName: string | null;
  chunk: number;
  targets: number;
  status: 'pending' | 'queued' | 'waiting' | 'done';
  msgId: string | null;
};
