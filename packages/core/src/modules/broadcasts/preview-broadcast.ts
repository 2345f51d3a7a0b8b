import { sql } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { rowsOf } from '../../lib/bulk-sql.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { getUnitNames } from '../org/lookups.ts';
import { broadcastMembers } from './broadcast-audience.ts';
import { isHeldOut, withinCaps } from './broadcast-rules.ts';
import { bigintArray, boolArray, fillServingCustomers, fillServingGroups, recentSendCounts } from './broadcast-sql.ts';
import { sendAtDate, type TBroadcastPreview, type TPreviewBroadcast, ZPreviewBroadcast } from './broadcasts.schemas.ts';
import { broadcastStartsAt } from './plan-broadcast.ts';

type TCounts = { audience: number; notFriend: number; capped: number; heldOut: number; reach: number };
const zero = (): TCounts => ({ audience: 0, notFriend: 0, capped: 0, heldOut: 0, reach: 0 });

/**
 * The reach a broadcast would have if it were planned now: the audience, minus customers with no
 * serving staff (not friends), minus those held out for the control group, minus those over
 * their caps — in total and per store — and when it would start (quiet hours push it). The same
 * rules as planning, without writing anything. `broadcastId` draws that broadcast's control group.
 */
export async function previewBroadcast(
  ctx: Ctx,
  input: TPreviewBroadcast & { broadcastId?: number },
): Promise<TBroadcastPreview> {
  assertRole(ctx.actor, TENANT_WIDE, 'preview broadcasts');
  const parsed = ZPreviewBroadcast.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
  }
  const v = parsed.data;
  const tenantId = ctx.actor.tenantId;
  const broadcastId = input.broadcastId ?? 0;
  const members = await broadcastMembers(ctx, v);
  const now = ctx.now();
  const rows = await ctx.db.transaction(async (tx) => {
    if (v.target === 'groups') await fillServingGroups(tx, tenantId, members);
    else await fillServingCustomers(tx, tenantId, members);
    const recent = v.target === 'customers' ? await recentSendCounts(tx, tenantId, broadcastId, now) : new Map();
    const caps = { perDay: v.capPerDay, perWeek: v.capPerWeek };
    const capped = members.map((id) => {
      const r = recent.get(id);
      return r !== undefined && !withinCaps(r, caps);
    });
    const held = members.map((id) => isHeldOut(broadcastId, id, v.holdoutPercent));
    return rowsOf<{ store_id: number | string | null; status: string; n: number | string }>(
      await tx.execute(sql`select s.store_id,
          case when s.id is null then 'not_friend' when u.held then 'held_out' when u.capped then 'capped' else 'queued' end as status,
          count(*) as n
        from unnest(${bigintArray(members)}, ${boolArray(held)}, ${boolArray(capped)}) as u(id, held, capped)
        left join bc_serving s on s.id = u.id
        group by 1, 2`),
    );
  });
  const total = zero();
  const perStore = new Map<number | null, TCounts>();
  for (const r of rows) {
    const storeId = r.store_id === null ? null : Number(r.store_id);
    const n = Number(r.n);
    const bucket = perStore.get(storeId) ?? zero();
    perStore.set(storeId, bucket);
    for (const c of [total, bucket]) {
      c.audience += n;
      if (r.status === 'not_friend') c.notFriend += n;
      else if (r.status === 'held_out') c.heldOut += n;
      else if (r.status === 'capped') c.capped += n;
      else c.reach += n;
    }
  }
  const names = await getUnitNames(
    ctx,
    [...perStore.keys()].filter((k): k is number => k !== null),
  );
  const startsAt = broadcastStartsAt(
    { sendAt: sendAtDate(v.sendAt ?? null), quietStart: v.quietStart, quietEnd: v.quietEnd, timeZone: v.timeZone },
    now,
  );
  const sendAt = sendAtDate(v.sendAt ?? null);
  const planned = sendAt && sendAt > now ? sendAt : now;
  return {
    ...total,
    startsAt: startsAt.toISOString(),
    deferredByQuietHours: startsAt.getTime() > planned.getTime(),
    byStore: [...perStore]
      .map(([storeId, c]) => ({ storeId, storeName: storeId === null ? null : (names.get(storeId) ?? null), ...c }))
      .sort((a, b) => b.audience - a.audience || (a.storeId ?? 0) - (b.storeId ?? 0)),
  };
}
