import { type Ctx, dbOf } from '../../context.ts';
import { notifications } from './notifications.tables.ts';

export type TNotifyInput = { kind: string; title: string; body?: string; link?: string | null };

/**
 * Tells the tenant's operators something happened; shown in the console's bell. Runs in the
 * caller's transaction, so a rolled-back change leaves no notice behind.
 * @example
 * await notifyOperators(ctx, { kind: 'group_code.group_opened', title: '已自动新建群 茶屿会员群12', link: '/group-codes/3' });
 */
export async function notifyOperators(ctx: Ctx, input: TNotifyInput): Promise<number> {
  const [row] = await dbOf(ctx)
    .insert(notifications)
    .values({
      tenantId: ctx.actor.tenantId,
      kind: input.kind,
      title: input.title.slice(0, 200),
      body: (input.body ?? '').slice(0, 2000),
      link: input.link ?? null,
    })
    .returning({ id: notifications.id });
  return row?.id ?? 0;
}
