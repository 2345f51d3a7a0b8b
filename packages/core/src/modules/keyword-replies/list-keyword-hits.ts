import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { type TKeywordHit, type TListKeywordHitsQuery, ZListKeywordHitsQuery } from './keyword-replies.schemas.ts';
import { keywordReplyHits } from './keyword-replies.tables.ts';
import { requireKeywordRule } from './keyword-rule-queries.ts';
import { parseInput } from './parse-input.ts';

/** What a rule did with the messages that matched it, newest first (operators). */
export async function listKeywordHits(ctx: Ctx, ruleId: number, raw: TListKeywordHitsQuery): Promise<TPage<TKeywordHit>> {
  assertRole(ctx.actor, TENANT_WIDE, 'see keyword replies');
  const query = parseInput(ZListKeywordHitsQuery, raw);
  await requireKeywordRule(ctx, ruleId);
  const h = keywordReplyHits;
  const where: (SQL | undefined)[] = [
    eq(h.tenantId, ctx.actor.tenantId),
    eq(h.ruleId, ruleId),
    query.outcome ? eq(h.outcome, query.outcome) : undefined,
  ];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(h)
      .where(and(...where))
      .orderBy(desc(h.at), desc(h.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(h)
      .where(and(...where)),
  ]);
  const groups = await getGroupRefsByIds(
    ctx,
    rows.flatMap((r) => (r.groupId ? [r.groupId] : [])),
  );
  const names = await getCustomerNames(
    ctx,
    rows.flatMap((r) => (r.customerId ? [r.customerId] : [])),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      messageId: r.messageId,
      conversation: r.conversation === 'private' ? 'private' : 'group',
      groupId: r.groupId,
      groupName: r.groupId ? (groups.get(r.groupId)?.name ?? null) : null,
      customerId: r.customerId,
      customerName: r.customerId ? (names.get(r.customerId) ?? null) : null,
      staffId: r.staffId,
      outcome: r.outcome as TKeywordHit['outcome'],
      actionId: r.actionId,
      at: r.at.toISOString(),
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
