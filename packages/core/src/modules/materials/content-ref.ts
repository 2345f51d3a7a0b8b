import type { TAttachment, TMessageContent } from '@pond/channels';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Ctx, dbOf } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { bumpScriptUsage, getScriptForSend } from '../scripts/get-script-for-send.ts';
import { publicMaterialUrl, type TMaterialRow } from './material-views.ts';
import { materials } from './materials.tables.ts';

/**
 * What every send in Pond carries: a reference to content, resolved to a channel message at send
 * time. Text (with variables), up to 9 materials from the library (素材), and/or a script (话术)
 * whose text is used. Stored as is in rules, broadcasts, SOP steps and tasks.
 * @example
 * { "text": "{{customer_name}} 您好，今天的每日好物：", "materialIds": [12] }
 */
export const ZContentRef = z
  .object({
    text: z.string().max(4000).optional(),
    materialIds: z.array(z.number().int().positive()).max(9).default([]),
    scriptId: z.number().int().positive().optional(),
  })
  .refine((c) => (c.text?.trim().length ?? 0) > 0 || c.materialIds.length > 0 || c.scriptId !== undefined, {
    message: 'Content needs text, a material or a script.',
  });
export type TContentRef = z.infer<typeof ZContentRef>;
export type TContentRefInput = z.input<typeof ZContentRef>;

/** Values for `{{…}}` variables in texts and scripts. A missing variable renders as empty. */
export type TContentVars = {
  customer_name?: string;
  staff_name?: string;
  store_name?: string;
  group_name?: string;
  [key: string]: string | undefined;
};

export const CONTENT_VARIABLES = ['customer_name', 'staff_name', 'store_name', 'group_name'] as const;

/** Replaces `{{name}}` (spaces allowed inside the braces) by its value; unknown names become ''. */
export function renderVariables(text: string, vars: TContentVars): string {
  return text.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi, (_m, name: string) => vars[name] ?? '');
}

/** The `{{…}}` names in a text that are not CONTENT_VARIABLES (each once, in order of appearance). */
export function unknownVariables(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi)) {
    const name = m[1] ?? '';
    if (!(CONTENT_VARIABLES as readonly string[]).includes(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

/** Throws VALIDATION naming the unknown variables of `text` and listing the allowed ones. */
export function assertKnownVariables(text: string, field: string): void {
  const unknown = unknownVariables(text);
  if (unknown.length > 0)
    throw new AppError(
      'VALIDATION',
      `${field}: unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}. Use only ${CONTENT_VARIABLES.map((n) => `{{${n}}}`).join(', ')}.`,
      { unknown, allowed: CONTENT_VARIABLES },
    );
}

/** A material as the channel sends it. Uploaded bytes go by their public signed URL. */
export function materialAttachment(ctx: Pick<Ctx, 'sealer' | 'publicUrl' | 'actor'>, m: TMaterialRow): TAttachment {
  const url = () => publicMaterialUrl(ctx, ctx.actor.tenantId, m);
  switch (m.type) {
    case 'image':
    case 'poster':
      return { type: 'image', url: url() };
    case 'video':
      return { type: 'video', url: url() };
    case 'file':
      return { type: 'file', url: url(), name: m.fileName?.slice(0, 256) ?? undefined };
    case 'link':
      return {
        type: 'link',
        title: m.title.slice(0, 128),
        url: m.linkUrl ?? '',
        description: m.description?.slice(0, 512) ?? undefined,
        picUrl: m.picUrl ?? undefined,
      };
    case 'miniprogram':
      return {
        type: 'miniprogram',
        title: m.title.slice(0, 64),
        appId: m.appId ?? '',
        page: m.pagePath ?? '',
        picUrl: m.picUrl ?? undefined,
      };
    default:
      throw new AppError('VALIDATION', `Material ${m.id} has an unknown type ${m.type}. Choose another material.`);
  }
}

/**
 * The (not deleted) materials with these ids, in the order given; VALIDATION naming any that is
 * missing, so a rule or broadcast pointing at a deleted material says which one.
 */
export async function getMaterialsForSend(ctx: Ctx, ids: readonly number[]): Promise<TMaterialRow[]> {
  if (ids.length === 0) return [];
  const rows = await dbOf(ctx)
    .select()
    .from(materials)
    .where(
      and(eq(materials.tenantId, ctx.actor.tenantId), inArray(materials.id, [...new Set(ids)]), isNull(materials.deletedAt)),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw new AppError(
      'VALIDATION',
      `Material${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'were' : 'was'} deleted or never existed. Choose other materials for this content.`,
      { missingMaterialIds: missing },
    );
  return ids.map((id) => byId.get(id) as TMaterialRow); // every id was found just above
}

/**
 * Checks a content reference where it is saved (a rule, a broadcast, an SOP step): the shape,
 * the variables, and that its materials and script exist. Counts no usage.
 */
export async function assertContentRefValid(ctx: Ctx, ref: TContentRefInput): Promise<TContentRef> {
  const parsed = ZContentRef.safeParse(ref);
  if (!parsed.success) throw new AppError('VALIDATION', `content: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const c = parsed.data;
  if (c.text) assertKnownVariables(c.text, 'content.text');
  await getMaterialsForSend(ctx, c.materialIds);
  if (c.scriptId !== undefined) await getScriptForSend(ctx, c.scriptId);
  return c;
}

/**
 * Turns a content reference into the message the channel sends: the script's text (if any) then
 * the text, variables rendered; then the script's materials and the reference's own, in order
 * (each once, at most 9) as attachments. Materials and scripts must exist in the tenant
 * (VALIDATION naming the missing one); their usage counts go up by one unless `countUsage` is false
 * (previews and tests).
 * @example
 * const content = await resolveContent(ctx, rule.content, { customer_name: '王女士' });
 */
export async function resolveContent(
  ctx: Ctx,
  ref: TContentRefInput,
  vars: TContentVars = {},
  options: { countUsage?: boolean } = {},
): Promise<TMessageContent> {
  const parsed = ZContentRef.safeParse(ref);
  if (!parsed.success) throw new AppError('VALIDATION', `content: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const c = parsed.data;
  const parts: string[] = [];
  let materialIds = c.materialIds;
  const script = c.scriptId !== undefined ? await getScriptForSend(ctx, c.scriptId) : null;
  if (script) {
    if (script.body.trim()) parts.push(renderVariables(script.body, vars));
    materialIds = [...new Set([...script.materialIds, ...c.materialIds])].slice(0, 9);
  }
  if (c.text?.trim()) parts.push(renderVariables(c.text, vars));
  const rows = await getMaterialsForSend(ctx, materialIds);
  const attachments = rows.map((m) => materialAttachment(ctx, m));
  if (options.countUsage !== false) {
    if (rows.length > 0)
      await dbOf(ctx)
        .update(materials)
        .set({ usageCount: sql`${materials.usageCount} + 1` })
        .where(
          and(
            eq(materials.tenantId, ctx.actor.tenantId),
            inArray(
              materials.id,
              rows.map((r) => r.id),
            ),
          ),
        );
    if (script) await bumpScriptUsage(ctx, script.id);
  }
  const text = parts.join('\n').slice(0, 4000);
  if (!text && attachments.length === 0)
    throw new AppError(
      'VALIDATION',
      'content: the script and text render to nothing and there is no material. Add text or a material.',
    );
  return { text: text || undefined, attachments };
}
