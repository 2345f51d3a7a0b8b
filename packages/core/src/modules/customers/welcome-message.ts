import type { TMessageContent } from '@pond/channels';
import type { Ctx } from '../../context.ts';

// The one place the welcome message is decided: a registered resolver (live codes answer for the
// states of their codes) or, when none answers, the default text.

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

export type TWelcomeInput = {
  customerId: number;
  customerName: string;
  staffId: number;
  staffName: string;
  storeId: number | null;
  state: string | null;
  readd: boolean;
  at: Date;
};

/**
 * Decides the welcome for an add event, or returns undefined to leave it to the next resolver.
 * Returning null means "send no welcome". Runs inside the add's transaction.
 */
export type WelcomeResolver = (ctx: Ctx, input: TWelcomeInput) => Promise<TMessageContent | null | undefined>;

const resolvers: WelcomeResolver[] = [];

/** Registers a resolver, process-wide (once per function). @example registerWelcomeResolver(liveCodeWelcome); */
export function registerWelcomeResolver(resolver: WelcomeResolver): void {
  if (!resolvers.includes(resolver)) resolvers.push(resolver);
}

/** The welcome for this add: the first resolver's answer, else the default text. */
export async function resolveWelcome(ctx: Ctx, input: TWelcomeInput): Promise<TMessageContent | null> {
  for (const resolver of resolvers) {
    const content = await resolver(ctx, input);
    if (content !== undefined) return content;
  }
  return welcomeContentFor({ customerName: input.customerName, staffName: input.staffName, state: input.state });
}
