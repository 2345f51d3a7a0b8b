import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, type TRole } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { TENANT_WIDE } from '../access/assert-role.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { getUnitNames, unitExists } from '../org/lookups.ts';
import type { TKeywordRule, TKeywordRuleConfig } from './keyword-replies.schemas.ts';
import { keywordRules, type TKeywordScope } from './keyword-replies.tables.ts';

export type TKeywordRuleRow = typeof keywordRules.$inferSelect;

// Rules are brand-wide settings without customer data: store managers may read and test them;
// changing them, and the hit log (customers of every store), is for HQ roles.
export const KEYWORD_RULE_READERS: readonly TRole[] = [...TENANT_WIDE, 'store_manager'];

/** The rule, or NOT_FOUND; `forUpdate` locks it for the rest of the transaction. */
export async function requireKeywordRule(ctx: Ctx, id: number, options: { forUpdate?: boolean } = {}): Promise<TKeywordRuleRow> {
  const query = dbOf(ctx)
    .select()
    .from(keywordRules)
    .where(and(eq(keywordRules.tenantId, ctx.actor.tenantId), eq(keywordRules.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Keyword reply rule', id);
  return row;
}

type TNames = { groups: Map<number, { name: string }>; stores: Map<number, string> };

/** Rules as the API returns them, with the names of the groups and stores in their scopes. */
export async function toKeywordRules(ctx: Ctx, rows: readonly TKeywordRuleRow[]): Promise<TKeywordRule[]> {
  const scopes = rows.map((r) => r.scope as TKeywordScope);
  const groups = await getGroupRefsByIds(
    ctx,
    scopes.flatMap((s) => s.groupIds),
  );
  const stores = await getUnitNames(
    ctx,
    scopes.flatMap((s) => s.storeIds),
  );
  return rows.map((r) => toKeywordRule(r, { groups, stores }));
}

export async function toKeywordRuleWithNames(ctx: Ctx, row: TKeywordRuleRow): Promise<TKeywordRule> {
  const [rule] = await toKeywordRules(ctx, [row]);
  if (!rule) throw new Error('unreachable: one row in, one rule out');
  return rule;
}

export function toKeywordRule(r: TKeywordRuleRow, names?: TNames): TKeywordRule {
  const scope = r.scope as TKeywordScope;
  return {
    id: r.id,
    name: r.name,
    keywords: r.keywords,
    scope: { ...scope, groupKinds: scope.groupKinds ?? [] },
    content: { ...r.content, materialIds: r.content.materialIds ?? [] },
    cooldownSeconds: r.cooldownSeconds,
    activeHours: r.activeFrom && r.activeTo ? { from: r.activeFrom, to: r.activeTo } : null,
    priority: r.priority,
    enabled: r.enabled,
    hitCount: r.hitCount,
    lastHitAt: r.lastHitAt?.toISOString() ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt?.toISOString() ?? null,
    scopeGroups: scope.groupIds.map((id) => ({ id, name: names?.groups.get(id)?.name ?? `#${id}` })),
    scopeStores: scope.storeIds.map((id) => ({ id, name: names?.stores.get(id) ?? `#${id}` })),
  };
}

/** Checks the stores and groups of a scope exist in the tenant; returns the columns to store. */
export async function checkKeywordRuleConfig(ctx: Ctx, config: TKeywordRuleConfig) {
  for (const storeId of config.scope.storeIds) {
    if (!(await unitExists(ctx, storeId, 'store'))) {
      throw new AppError('VALIDATION', `scope.storeIds: store ${storeId} does not exist. Pick stores from the list.`);
    }
  }
  if (config.scope.groupIds.length) {
    const groups = await getGroupRefsByIds(ctx, config.scope.groupIds);
    const missing = config.scope.groupIds.find((id) => !groups.has(id));
    if (missing !== undefined) {
      throw new AppError('VALIDATION', `scope.groupIds: group ${missing} does not exist. Pick groups from the list.`);
    }
  }
  return {
    name: config.name,
    keywords: config.keywords.map((k) => ({ text: k.text.trim(), mode: k.mode })),
    scope: {
      private: config.scope.private,
      groups: config.scope.groups,
      storeIds: [...new Set(config.scope.storeIds)],
      groupIds: [...new Set(config.scope.groupIds)],
      groupKinds: [...new Set(config.scope.groupKinds)],
    },
    content: config.content,
    cooldownSeconds: config.cooldownSeconds,
    activeFrom: config.activeHours?.from ?? null,
    activeTo: config.activeHours?.to ?? null,
    priority: config.priority,
    enabled: config.enabled,
  };
}
