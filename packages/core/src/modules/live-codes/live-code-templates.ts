import type { TAttachment, TMessageContent } from '@pond/channels';
import { renderTemplate } from '../customers/welcome-message.ts';

// States, remarks and welcome texts of live codes: small pure helpers.

/** `lc<id>`: the contact-way state of a live code (≤ 30 characters, WeCom's limit). */
export const liveCodeState = (codeId: number) => `lc${codeId}`;

/** The live code id in a state, or null for states that are not a live code's. */
export function parseLiveCodeState(state: string | null | undefined): number | null {
  const m = /^lc([1-9]\d{0,15})$/.exec(state ?? '');
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) ? id : null;
}

/** Placeholders in `template` that are not in `allowed` (each once, as written). */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  const found = [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] ?? '');
  return [...new Set(found.filter((name) => !allowed.includes(name)))];
}

/** The texts of a welcome message that carry placeholders (text, link and mini-program titles). */
export function welcomeTexts(content: TMessageContent): string[] {
  const texts = content.text ? [content.text] : [];
  for (const a of content.attachments) {
    if (a.type === 'link') texts.push(a.title, a.description ?? '');
    if (a.type === 'miniprogram') texts.push(a.title);
  }
  return texts;
}

/**
 * The welcome with `{customer_name}`, `{staff_name}` and `{store_name}` filled in, in the text and
 * in the titles and descriptions of links and mini-program cards (kept within their limits).
 * @example
 * fillWelcome({ text: '你好 {customer_name}', attachments: [] }, { customer_name: '陈静', staff_name: '王芳', store_name: '徐汇店' });
 */
export function fillWelcome(content: TMessageContent, values: Record<string, string>): TMessageContent {
  const fill = (s: string, max: number) => renderTemplate(s, values).slice(0, max);
  const attachments = content.attachments.map((a): TAttachment => {
    if (a.type === 'link') {
      return { ...a, title: fill(a.title, 128), ...(a.description ? { description: fill(a.description, 512) } : {}) };
    }
    if (a.type === 'miniprogram') return { ...a, title: fill(a.title, 64) };
    return a;
  });
  return { ...(content.text ? { text: fill(content.text, 4000) } : {}), attachments };
}

// Kept to 20 characters, the length WeCom shows for a follow's remark (externalcontact/remark);
// check the current limit when the remark call is wired.
export const REMARK_MAX = 20;

/**
 * The auto-remark: `{channel}`, `{date}` (YYYYMMDD, the add's local day), `{staff_name}`,
 * `{customer_name}`, `{store_name}`; null when the code has no template.
 * @example
 * renderRemark('{channel}-{date}', { channel: '门店海报', day: '2026-03-02', staffName: '王芳', customerName: '陈静', storeName: '徐汇店' }); // '门店海报-20260302'
 */
export function renderRemark(
  template: string | null,
  v: { channel: string; day: string; staffName: string; customerName: string; storeName: string },
): string | null {
  if (!template) return null;
  const text = renderTemplate(template, {
    channel: v.channel,
    date: v.day.replace(/-/g, ''),
    staff_name: v.staffName,
    customer_name: v.customerName,
    store_name: v.storeName,
  }).trim();
  return text ? [...text].slice(0, REMARK_MAX).join('') : null;
}
