import type { TAudienceExpression } from '../../components/audience-builder.tsx';
import type { TContentRefValue } from '../../components/content-editor.tsx';

// The API's shapes (packages/core/src/modules/automations/automations.schemas.ts).

export const TRIGGER_TYPES = [
  'customer_added',
  'customer_deleted_staff',
  'group_joined',
  'group_left',
  'message',
  'order_paid',
  'order_refunded',
  'tag_added',
  'tag_removed',
  'inactivity',
  'date_field',
] as const;
export type TTriggerType = (typeof TRIGGER_TYPES)[number];

export type TTrigger =
  | { type: 'customer_added'; liveCodeIds: number[]; statePrefix?: string; newCustomersOnly: boolean }
  | { type: 'customer_deleted_staff' }
  | { type: 'group_joined' | 'group_left'; groupIds: number[] }
  | { type: 'message'; scope: 'private' | 'group' | 'any'; keyword?: string }
  | { type: 'order_paid'; minAmountCents: number }
  | { type: 'order_refunded' }
  | { type: 'tag_added' | 'tag_removed'; tagIds: number[] }
  | { type: 'inactivity'; days: number }
  | { type: 'date_field'; fieldKey: string; daysBefore: number };

export type TConditions = {
  audience?: TAudienceExpression;
  minAmountCents?: number;
  groupIds?: number[];
  staffIds?: number[];
  storeIds?: number[];
};

export const ACTION_TYPES = [
  'add_tags',
  'remove_tags',
  'send_private',
  'send_group',
  'enroll_journey',
  'create_task',
  'grant_reward',
  'wait',
] as const;
export type TActionType = (typeof ACTION_TYPES)[number];
export type TRewardKind = 'points' | 'coupon' | 'gift';
export type TWaitUnit = 'minutes' | 'hours' | 'days';

export type TAction =
  | { type: 'add_tags' | 'remove_tags'; tagIds: number[] }
  | { type: 'send_private'; content: TContentRefValue }
  | { type: 'send_group'; groupId?: number; content: TContentRefValue }
  | { type: 'enroll_journey'; journeyId: number }
  | { type: 'create_task'; title: string; body?: string; staffId?: number; dueInHours: number }
  | { type: 'grant_reward'; reward: { kind: TRewardKind; amount: number; name: string } }
  | { type: 'wait'; amount: number; unit: TWaitUnit };

export type TAutomation = {
  id: number;
  name: string;
  description: string;
  enabled: boolean;
  trigger: TTrigger;
  conditions: TConditions;
  actions: TAction[];
  loopWindowMinutes: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string | null;
  runCount: number;
  doneLast24h: number;
};

export const RUN_STATUSES = ['matched', 'skipped', 'waiting', 'done', 'failed'] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];

export const RUN_STATUS_COLOR: Record<TRunStatus, string> = {
  matched: 'processing',
  skipped: 'default',
  waiting: 'warning',
  done: 'success',
  failed: 'error',
};

export type TAutomationRun = {
  id: number;
  automationId: number;
  customerId: number;
  customerName: string | null;
  eventKey: string;
  eventType: string;
  event: Record<string, unknown>;
  status: TRunStatus;
  reason: string | null;
  actionsDone: number;
  results: { index: number; type: string; result: string }[];
  resumeAt: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type TDryRunResult = {
  wouldMatch: boolean;
  checks: { check: string; passed: boolean | null; detail: string }[];
  actions: { index: number; type: string; description: string }[];
};

/** The skip reasons the server gives (evaluate-automation.ts), each with a text. */
export const SKIP_REASONS = [
  'amount_below',
  'group_not_listed',
  'staff_not_listed',
  'store_not_listed',
  'not_in_audience',
  'loop_guard',
  'customer_hourly_cap',
  'rule_disabled',
] as const;
