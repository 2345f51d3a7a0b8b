import { and, asc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import type { TCreateCustomerFieldRequest, TCustomerField } from './customers.schemas.ts';
import { customerFields } from './customers.tables.ts';

type TAttrValue = string | number | boolean | null;

const toField = (r: typeof customerFields.$inferSelect): TCustomerField => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type as TCustomerField['type'],
  options: r.options,
});

export async function listCustomerFields(ctx: Ctx): Promise<{ items: TCustomerField[] }> {
  const rows = await dbOf(ctx)
    .select()
    .from(customerFields)
    .where(eq(customerFields.tenantId, ctx.actor.tenantId))
    .orderBy(asc(customerFields.id));
  return { items: rows.map(toField) };
}

export async function createCustomerField(ctx: Ctx, input: TCreateCustomerFieldRequest): Promise<TCustomerField> {
  assertRole(ctx.actor, TENANT_WIDE, 'define custom fields');
  if (input.type === 'select' && input.options.length === 0) {
    throw new AppError('VALIDATION', 'options: a select field needs at least one option.');
  }
  const [row] = await dbOf(ctx)
    .insert(customerFields)
    .values({ tenantId: ctx.actor.tenantId, ...input })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', `A field with key ${input.key} exists. Choose another key.`);
  return toField(row);
}

/**
 * Checks one value against its field's type; returns the normalised value or an error message.
 * Pure: used by create/update and by the importer (which reports per row).
 */
export function checkAttrValue(
  field: Pick<TCustomerField, 'type' | 'options' | 'label'>,
  value: unknown,
): { value: TAttrValue } | { error: string } {
  if (value === null || value === undefined || value === '') return { value: null };
  switch (field.type) {
    case 'text':
      return typeof value === 'string' || typeof value === 'number'
        ? { value: String(value).slice(0, 1000) }
        : { error: `${field.label} must be text` };
    case 'number': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      return Number.isFinite(n) ? { value: n } : { error: `${field.label} must be a number` };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { value };
      const s = String(value).trim().toLowerCase();
      if (['true', '1', 'yes', '是', 'y'].includes(s)) return { value: true };
      if (['false', '0', 'no', '否', 'n'].includes(s)) return { value: false };
      return { error: `${field.label} must be yes or no` };
    }
    case 'date': {
      const s = String(value).trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
        return { error: `${field.label} must be a date like 2026-05-01` };
      }
      return { value: s };
    }
    case 'select': {
      const s = String(value).trim();
      return field.options.includes(s) ? { value: s } : { error: `${field.label} must be one of: ${field.options.join(', ')}` };
    }
  }
}

/** Validates a whole attrs object against the tenant's field definitions; throws VALIDATION. */
export async function validateAttrs(ctx: Ctx, attrs: Record<string, unknown>): Promise<Record<string, TAttrValue>> {
  const keys = Object.keys(attrs);
  if (keys.length === 0) return {};
  const fields = await dbOf(ctx)
    .select()
    .from(customerFields)
    .where(and(eq(customerFields.tenantId, ctx.actor.tenantId)));
  const byKey = new Map(fields.map((f) => [f.key, toField(f)]));
  const out: Record<string, TAttrValue> = {};
  for (const key of keys) {
    const field = byKey.get(key);
    if (!field)
      throw new AppError('VALIDATION', `attrs.${key}: no custom field with this key. Define it first under customer fields.`);
    const checked = checkAttrValue(field, attrs[key]);
    if ('error' in checked) throw new AppError('VALIDATION', `attrs.${key}: ${checked.error}.`);
    out[key] = checked.value;
  }
  return out;
}
