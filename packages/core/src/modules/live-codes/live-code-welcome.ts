import type { TMessageContent } from '@pond/channels';
import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TWelcomeInput } from '../customers/welcome-message.ts';
import { getUnitNames } from '../org/lookups.ts';
import { fillWelcome, parseLiveCodeState } from './live-code-templates.ts';
import { liveCodes } from './live-codes.tables.ts';

/**
 * The welcome resolver of live codes: for an add whose state is `lc<id>`, the code's welcome with
 * `{customer_name}`, `{staff_name}` and `{store_name}` (the staff member's store) filled in.
 * Other states, and codes without a welcome of their own, are left to the next resolver (the
 * default text). Registered once by `subscribeLiveCodeEvents`.
 */
export async function liveCodeWelcome(ctx: Ctx, input: TWelcomeInput): Promise<TMessageContent | undefined> {
  const codeId = parseLiveCodeState(input.state);
  if (codeId === null) return undefined;
  const [code] = await dbOf(ctx)
    .select({ welcome: liveCodes.welcome })
    .from(liveCodes)
    .where(and(eq(liveCodes.tenantId, ctx.actor.tenantId), eq(liveCodes.id, codeId)));
  if (!code?.welcome) return undefined;
  const storeName = input.storeId ? ((await getUnitNames(ctx, [input.storeId])).get(input.storeId) ?? '') : '';
  return fillWelcome(code.welcome, {
    customer_name: input.customerName,
    staff_name: input.staffName,
    store_name: storeName,
  });
}
