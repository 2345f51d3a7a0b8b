import type { TContentRefValue } from '../../components/content-editor.tsx';

export const TASK_KINDS = ['sop_step', 'follow_up', 'broadcast_confirm', 'moment', 'automation', 'manual'] as const;
export type TTaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATUSES = ['open', 'overdue', 'done', 'skipped', 'expired'] as const;

export type TGuideTask = {
  id: number;
  staffId: number;
  staffName: string;
  storeId: number | null;
  storeName: string | null;
  kind: TTaskKind;
  title: string;
  body: string | null;
  customerId: number | null;
  customerName: string | null;
  groupId: number | null;
  groupName: string | null;
  content: Partial<TContentRefValue> | null;
  dueAt: string;
  status: 'open' | 'done' | 'skipped' | 'expired';
  overdue: boolean;
  note: string | null;
  completedAt: string | null;
  reopenUntil: string | null;
  remindedAt: string | null;
};

export type TTaskCounts = {
  total: number;
  done: number;
  skipped: number;
  expired: number;
  overdue: number;
  pending: number;
  completionRate: number;
};

export type TTaskStats = {
  from: string;
  to: string;
  totals: TTaskCounts;
  byStore: (TTaskCounts & { storeId: number | null; storeName: string | null })[];
  byStaff: (TTaskCounts & { staffId: number; staffName: string; storeId: number | null; storeName: string | null })[];
};

export const STATUS_COLOR: Record<string, string> = {
  open: 'processing',
  overdue: 'error',
  done: 'success',
  skipped: 'default',
  expired: 'warning',
};
