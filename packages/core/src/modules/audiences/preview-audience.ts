import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { sampleAudienceMembers } from './audience-engine.ts';
import type { TAudienceExpression } from './audience-expression.ts';
import type { TAudiencePreview } from './audiences.schemas.ts';
import { assertAudienceRefsExist } from './validate-audience-refs.ts';

const SAMPLE = 20;

/**
 * The live count of an expression in the caller's scope, with the first 20 members (ascending id)
 * to show. Unknown tag/store/staff/group ids are a VALIDATION error naming the id.
 * @example
 * const { count, sample } = await previewAudience(ctx, { expression: { tag: '12' } });
 */
export async function previewAudience(
  ctx: Ctx,
  input: { expression: TAudienceExpression; includeDeleted?: boolean },
): Promise<TAudiencePreview> {
  await assertAudienceRefsExist(ctx, input.expression);
  const { count, sampleIds } = await sampleAudienceMembers(
    ctx,
    input.expression,
    { includeDeleted: input.includeDeleted },
    SAMPLE,
  );
  if (sampleIds.length === 0) return { count, sample: [] };
  const res = await dbOf(ctx).execute(sql`
    select id, name, avatar, store_id from customers
    where tenant_id = ${ctx.actor.tenantId} and id = any(${`{${sampleIds.join(',')}}`}::bigint[]) order by id`);
  const rows = (
    res as unknown as { rows: { id: number | string; name: string; avatar: string | null; store_id: number | string | null }[] }
  ).rows;
  return {
    count,
    sample: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      avatar: r.avatar,
      storeId: r.store_id === null ? null : Number(r.store_id),
    })),
  };
}
