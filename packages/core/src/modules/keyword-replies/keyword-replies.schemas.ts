import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { ZContentRef } from '../materials/content-ref.ts';
import { normalizeKeywordText } from './keyword-automaton.ts';

export const MAX_KEYWORDS_PER_RULE = 50;
export const KEYWORD_MODES = ['exact', 'contains'] as const;
export const GROUP_KINDS = ['store', 'vip', 'activity', 'other'] as const;
export const HIT_OUTCOMES = ['replied', 'cooldown', 'outside_hours', 'failed'] as const;
export const RULE_VERDICTS = ['chosen', 'lower_priority', 'out_of_scope', 'outside_hours', 'disabled'] as const;

const ZId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const ZClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)')
  .openapi({ example: '09:00' });

export const ZKeywordEntry = z
  .object({
    text: z
      .string()
      .max(50)
      .refine((t) => normalizeKeywordText(t).length > 0, 'a keyword cannot be empty'),
    mode: z.enum(KEYWORD_MODES).default('contains'),
  })
  .openapi('KeywordEntry');

// Keywords of one rule: 1..50, no two equal after normalisation (full-width, case and spaces folded).
const ZKeywordList = z
  .array(ZKeywordEntry)
  .min(1, 'add at least one keyword')
  .max(MAX_KEYWORDS_PER_RULE, `at most ${MAX_KEYWORDS_PER_RULE} keywords per rule; split them over several rules`)
  .superRefine((list, issue) => {
    const seen = new Map<string, number>();
    list.forEach((k, i) => {
      const key = normalizeKeywordText(k.text);
      const first = seen.get(key);
      if (first !== undefined) {
        issue.addIssue({
          code: 'custom',
          path: [i, 'text'],
          message: `duplicate keyword "${k.text}" (same as keyword ${first + 1})`,
        });
      } else seen.set(key, i);
    });
  });

export const ZKeywordScope = z
  .object({
    private: z.boolean().default(true),
    groups: z.boolean().default(true),
    storeIds: z.array(ZId).max(200).default([]),
    groupIds: z.array(ZId).max(500).default([]),
    groupKinds: z.array(z.enum(GROUP_KINDS)).max(GROUP_KINDS.length).default([]),
  })
  .refine((s) => s.private || s.groups, { message: 'choose private chats, groups or both' })
  .openapi('KeywordScope');
export type TKeywordScopeInput = z.input<typeof ZKeywordScope>;

export const ZActiveHours = z
  .object({ from: ZClock, to: ZClock })
  .refine((h) => h.from !== h.to, { message: 'from and to are the same time; clear the hours to reply all day' })
  .openapi('KeywordActiveHours');

const ruleFields = {
  name: z.string().trim().min(1).max(64),
  keywords: ZKeywordList,
  scope: ZKeywordScope,
  content: ZContentRef,
  cooldownSeconds: z.number().int().min(0).max(86_400),
  activeHours: ZActiveHours.nullable(),
  priority: z.number().int().min(0).max(1000),
  enabled: z.boolean(),
};

export const ZCreateKeywordRule = z
  .object({
    ...ruleFields,
    scope: ruleFields.scope.default({ private: true, groups: true, storeIds: [], groupIds: [], groupKinds: [] }),
    cooldownSeconds: ruleFields.cooldownSeconds.default(60),
    activeHours: ruleFields.activeHours.default(null),
    priority: ruleFields.priority.default(0),
    enabled: ruleFields.enabled.default(true),
  })
  .openapi('CreateKeywordRule');
export type TCreateKeywordRule = z.input<typeof ZCreateKeywordRule>;
export type TKeywordRuleConfig = z.output<typeof ZCreateKeywordRule>;

export const ZUpdateKeywordRule = z
  .object({
    name: ruleFields.name.optional(),
    keywords: ruleFields.keywords.optional(),
    scope: ruleFields.scope.optional(),
    content: ruleFields.content.optional(),
    cooldownSeconds: ruleFields.cooldownSeconds.optional(),
    activeHours: ruleFields.activeHours.optional(),
    priority: ruleFields.priority.optional(),
    enabled: ruleFields.enabled.optional(),
  })
  .openapi('UpdateKeywordRule');
export type TUpdateKeywordRule = z.input<typeof ZUpdateKeywordRule>;

export const ZKeywordRule = z
  .object({
    id: z.number().int(),
    name: z.string(),
    keywords: z.array(z.object({ text: z.string(), mode: z.enum(KEYWORD_MODES) })),
    scope: z.object({
      private: z.boolean(),
      groups: z.boolean(),
      storeIds: z.array(z.number().int()),
      groupIds: z.array(z.number().int()),
      groupKinds: z.array(z.string()),
    }),
    content: z.object({
      text: z.string().optional(),
      materialIds: z.array(z.number().int()),
      scriptId: z.number().int().optional(),
    }),
    cooldownSeconds: z.number().int(),
    activeHours: z.object({ from: z.string(), to: z.string() }).nullable(),
    priority: z.number().int(),
    enabled: z.boolean(),
    hitCount: z.number().int(),
    lastHitAt: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
    // Names of the groups and stores of the scope, for display.
    scopeGroups: z.array(z.object({ id: z.number().int(), name: z.string() })),
    scopeStores: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .openapi('KeywordRule');
export type TKeywordRule = z.infer<typeof ZKeywordRule>;

export const ZListKeywordRulesQuery = ZPageQuery.extend({
  q: z.string().trim().max(64).optional().openapi({ description: 'Part of the name or of a keyword' }),
  enabled: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export type TListKeywordRulesQuery = z.infer<typeof ZListKeywordRulesQuery>;

export const ZKeywordHit = z
  .object({
    id: z.number().int(),
    ruleId: z.number().int(),
    messageId: z.number().int(),
    conversation: z.enum(['group', 'private']),
    groupId: z.number().int().nullable(),
    groupName: z.string().nullable(),
    customerId: z.number().int().nullable(),
    customerName: z.string().nullable(),
    staffId: z.number().int().nullable(),
    outcome: z.enum(HIT_OUTCOMES),
    actionId: z.number().int().nullable(),
    at: z.string(),
  })
  .openapi('KeywordReplyHit');
export type TKeywordHit = z.infer<typeof ZKeywordHit>;

export const ZListKeywordHitsQuery = ZPageQuery.extend({ outcome: z.enum(HIT_OUTCOMES).optional() });
export type TListKeywordHitsQuery = z.input<typeof ZListKeywordHitsQuery>;

export const ZTestKeywordRequest = z
  .object({
    text: z.string().min(1).max(2000),
    conversation: z.enum(['group', 'private']).default('group'),
    // The group the message is said in (group conversations); without one, group filters are ignored.
    groupId: ZId.optional(),
    // The staff member spoken to (private conversations), for the store filter.
    staffId: ZId.optional(),
    // When the message is said (default now), for active hours.
    at: z.string().datetime({ offset: true }).optional(),
  })
  .openapi('TestKeywordRequest');
export type TTestKeywordRequest = z.input<typeof ZTestKeywordRequest>;

export const ZTestKeywordResult = z
  .object({
    // The rule that would answer, null if none.
    ruleId: z.number().int().nullable(),
    outcome: z.enum(['reply', 'outside_hours', 'none']),
    // The reply text as it would be sent (variables rendered with sample values).
    replyText: z.string().nullable(),
    matches: z.array(
      z.object({
        ruleId: z.number().int(),
        name: z.string(),
        priority: z.number().int(),
        keywords: z.array(z.string()),
        verdict: z.enum(RULE_VERDICTS),
      }),
    ),
  })
  .openapi('TestKeywordResult');
export type TTestKeywordResult = z.infer<typeof ZTestKeywordResult>;
