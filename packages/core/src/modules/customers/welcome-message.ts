import type { TMessageContent } from '@pond/channels';

// The one place the welcome message is decided. Live codes (a later issue) will carry their own
// welcome content per code; until then every tenant greets with this text.

/** The default welcome text; `{customer_name}` and `{staff_name}` are filled in. */
export const DEFAULT_WELCOME_TEXT = '你好 {customer_name}，我是 {staff_name}，很高兴认识你！有任何问题随时找我～';

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The welcome message for a new follow.
 * @example
 * welcomeContentFor({ customerName: '陈静', staffName: '王芳', state: 'store-qr' }); // { text: '你好 陈静，我是 王芳，…', attachments: [] }
 */
export function welcomeContentFor(input: { customerName: string; staffName: string; state: string | null }): TMessageContent {
  return {
    text: renderTemplate(DEFAULT_WELCOME_TEXT, { customer_name: input.customerName, staff_name: input.staffName }),
    attachments: [],
  };
}
