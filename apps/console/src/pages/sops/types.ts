import type { TAudienceExpression } from '../../components/audience-builder.tsx';
import type { TContentRefValue } from '../../components/content-editor.tsx';

// Shapes of the SOP API (packages/core/src/modules/sops/sops.schemas.ts).

export type TSopColumn = { name: string; color: string };
export type TSopCalendarItem = {
  id?: number;
  column: string;
  weekday: number | null;
  time: string;
  title: string;
  content: TContentRefValue;
};
export type TSopCalendar = {
  id: number;
  name: string;
  timeline: 'daily' | 'weekly';
  columns: TSopColumn[];
  targets: { storeIds: number[]; groupKinds: string[]; groupIds: number[] };
  delivery: 'auto' | 'task';
  horizonDays: number;
  status: 'active' | 'paused';
  items: TSopCalendarItem[];
  createdAt: string;
  updatedAt: string | null;
  appliedAt: string | null;
};

export type TSopJourneyStep = {
  id?: number;
  dayOffset: number;
  time: string | null;
  title: string;
  content: TContentRefValue;
  condition: TAudienceExpression | null;
};
export type TSopJourney = {
  id: number;
  name: string;
  trigger: 'customer_added' | 'enrollment';
  statePrefix: string | null;
  newCustomersOnly: boolean;
  status: 'active' | 'paused';
  steps: TSopJourneyStep[];
  enrollments: number;
  createdAt: string;
};

export type TStepStatus = 'planned' | 'due' | 'task_created' | 'sent' | 'done' | 'skipped' | 'cancelled';
export type TStepProgress = 'upcoming' | 'pending' | 'overdue' | 'done' | 'skipped' | 'cancelled';
export type TSopPlanStep = {
  id: number;
  planKind: 'calendar' | 'journey';
  planId: number;
  planName: string | null;
  targetKind: 'group' | 'customer';
  targetId: number;
  targetName: string | null;
  column: string | null;
  title: string;
  planDate: string;
  dueAt: string;
  content: TContentRefValue;
  hasCondition: boolean;
  staffId: number | null;
  staffName: string | null;
  storeId: number | null;
  status: TStepStatus;
  progress: TStepProgress;
  skipReason: string | null;
  taskId: number | null;
  edited: boolean;
};

export type TProgressRow = {
  id: number | null;
  name: string | null;
  storeId: number | null;
  due: number;
  done: number;
  overdue: number;
  skipped: number;
};
export type TSopProgress = {
  from: string;
  to: string;
  totals: { due: number; done: number; overdue: number; skipped: number };
  stores: TProgressRow[];
  staff: TProgressRow[];
};

export type TGroupCalendar = {
  groupId: number;
  groupName: string;
  from: string;
  to: string;
  days: { date: string; weekday: number; steps: TSopPlanStep[] }[];
};

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const GROUP_KINDS = ['store', 'vip', 'activity', 'other'] as const;

export const PROGRESS_COLOR: Record<TStepProgress, string> = {
  upcoming: 'default',
  pending: 'processing',
  overdue: 'error',
  done: 'success',
  skipped: 'warning',
  cancelled: 'default',
};

/** The text of a content reference for tables (materials shown as a count). */
export const contentSummary = (c: TContentRefValue | null | undefined): string => {
  const text = c?.text?.trim() ?? '';
  const extra = c?.materialIds?.length ? ` [+${c.materialIds.length}]` : '';
  return `${text}${extra}` || (c?.scriptId ? `#${c.scriptId}` : '');
};
