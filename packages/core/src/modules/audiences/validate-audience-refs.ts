import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { AUDIENCE_BUILTIN_ATTRS, type TAudienceExpression } from './audience-expression.ts';

type TRefKind = 'tag' | 'untaggedIn' | 'store' | 'staff' | 'inGroup' | 'attr';
type TRef = { kind: TRefKind; value: string; path: string };

function collect(e: TAudienceExpression, path: string, out: TRef[]): void {
  if ('all' in e) {
    for (const [i, x] of e.all.entries()) collect(x, `${path}.all.${i}`, out);
  } else if ('any' in e) {
    for (const [i, x] of e.any.entries()) collect(x, `${path}.any.${i}`, out);
  } else if ('not' in e) collect(e.not, `${path}.not`, out);
  else if ('tag' in e) out.push({ kind: 'tag', value: e.tag, path: `${path}.tag` });
  else if ('untaggedIn' in e) out.push({ kind: 'untaggedIn', value: e.untaggedIn, path: `${path}.untaggedIn` });
  else if ('store' in e) out.push({ kind: 'store', value: e.store, path: `${path}.store` });
  else if ('staff' in e) out.push({ kind: 'staff', value: e.staff, path: `${path}.staff` });
  else if ('inGroup' in e) out.push({ kind: 'inGroup', value: e.inGroup, path: `${path}.inGroup` });
  else if ('attr' in e && !(AUDIENCE_BUILTIN_ATTRS as readonly string[]).includes(e.attr)) {
    out.push({ kind: 'attr', value: e.attr, path: `${path}.attr` });
  }
}

const WHAT: Record<TRefKind, string> = {
  tag: 'Tag',
  untaggedIn: 'Tag group',
  store: 'Store',
  staff: 'Staff member',
  inGroup: 'Customer group',
  attr: 'Custom field',
};

/**
 * Throws VALIDATION naming the first id (or custom field) of `expr` that does not exist in the
 * tenant, with the path of its node — so a saved audience never silently counts nobody.
 * @example
 * await assertAudienceRefsExist(ctx, { tag: '999' }); // VALIDATION "expression.tag: Tag 999 …"
 */
export async function assertAudienceRefsExist(ctx: Ctx, expr: TAudienceExpression, root = 'expression'): Promise<void> {
  const refs: TRef[] = [];
  collect(expr, root, refs);
  if (refs.length === 0) return;
  const t = ctx.actor.tenantId;
  // An id beyond bigint cannot exist (and would not cast).
  const fits = (v: string) => BigInt(v) <= 9223372036854775807n;
  const ids = (kind: TRefKind) =>
    `{${[...new Set(refs.filter((r) => r.kind === kind && fits(r.value)).map((r) => r.value))].join(',')}}`;
  const keys = [...new Set(refs.filter((r) => r.kind === 'attr').map((r) => r.value))];
  const res = await dbOf(ctx).execute(sql`
    select 'tag' as kind, id::text as value from tags where tenant_id = ${t} and id = any(${ids('tag')}::bigint[])
    union all select 'untaggedIn', id::text from tag_groups where tenant_id = ${t} and id = any(${ids('untaggedIn')}::bigint[])
    union all select 'store', id::text from org_units where tenant_id = ${t} and kind = 'store' and id = any(${ids('store')}::bigint[])
    union all select 'staff', id::text from staff where tenant_id = ${t} and id = any(${ids('staff')}::bigint[])
    union all select 'inGroup', id::text from group_chats where tenant_id = ${t} and id = any(${ids('inGroup')}::bigint[])
    union all select 'attr', key from customer_fields where tenant_id = ${t} and key = any(${`{${keys.map((k) => JSON.stringify(k)).join(',')}}`}::text[])`);
  const found = new Set((res as unknown as { rows: { kind: string; value: string }[] }).rows.map((r) => `${r.kind}:${r.value}`));
  const missing = refs.find((r) => !found.has(`${r.kind}:${r.value}`));
  if (!missing) return;
  const message =
    missing.kind === 'attr'
      ? `${missing.path}: ${WHAT.attr} "${missing.value}" does not exist. Use one of order_count, total_spent, last_order_date or a field defined under customer fields.`
      : `${missing.path}: ${WHAT[missing.kind]} ${missing.value} does not exist in this brand. Pick it again from the list; it may have been deleted.`;
  throw new AppError('VALIDATION', message, { path: missing.path, id: missing.value });
}
