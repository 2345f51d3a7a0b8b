import type { TContentRefValue } from '../../components/content-editor.tsx';

// Shapes of the keyword-replies API, as the console reads them (see /api/docs, tag keyword-replies).

export type TKeywordMode = 'exact' | 'contains';
export const GROUP_KINDS = ['store', 'vip', 'activity', 'other'] as const;
export type TGroupKind = (typeof GROUP_KINDS)[number];

export type TKeywordScope = {
  private: boolean;
  groups: boolean;
  storeIds: number[];
  groupIds: number[];
  groupKinds: TGroupKind[];
};

export type TKeywordRule = {
  id: number;
  name: string;
  keywords: { text: string; mode: TKeywordMode }[];
  scope: TKeywordScope;
  content: TContentRefValue;
  cooldownSeconds: number;
  activeHours: { from: string; to: string } | null;
  priority: number;
  enabled: boolean;
  hitCount: number;
  lastHitAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string | null;
  scopeGroups: { id: number; name: string }[];
  scopeStores: { id: number; name: string }[];
};

export type TKeywordHitOutcome = 'replied' | 'cooldown' | 'outside_hours' | 'failed';

export type TKeywordHit = {
  id: number;
  ruleId: number;
  messageId: number;
  conversation: 'group' | 'private';
  groupId: number | null;
  groupName: string | null;
  customerId: number | null;
  customerName: string | null;
  staffId: number | null;
  outcome: TKeywordHitOutcome;
  actionId: number | null;
  at: string;
};

export type TRuleVerdict = 'chosen' | 'lower_priority' | 'out_of_scope' | 'outside_hours' | 'disabled';

export type TKeywordTestResult = {
  ruleId: number | null;
  outcome: 'reply' | 'outside_hours' | 'none';
  replyText: string | null;
  matches: { ruleId: number; name: string; priority: number; keywords: string[]; verdict: TRuleVerdict }[];
};

export const RULES_KEY = 'keyword-rules';

export const OUTCOME_COLOR: Record<TKeywordHitOutcome, string> = {
  replied: 'green',
  cooldown: 'orange',
  outside_hours: 'default',
  failed: 'red',
};

export const VERDICT_COLOR: Record<TRuleVerdict, string> = {
  chosen: 'green',
  lower_priority: 'default',
  out_of_scope: 'default',
  outside_hours: 'orange',
  disabled: 'default',
};
