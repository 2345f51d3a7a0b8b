import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { staff } from './org.tables.ts';

/** A staff member as WeCom reports them (user/get), in Pond's words. */
export type TWecomStaffInput = { wecomUserId: string; name: string; avatar?: string | null; mobile?: string | null };

/**
 * Creates or refreshes staff members from WeCom (the sync's staff phase): new userids become
 * active guides without a store (HQ assigns stores later); known ones get WeCom's name, avatar and
 * mobile when they differ. Role, store and status stay Pond's. Returns one outcome per input, in
 * order. Runs in the caller's transaction.
 * @example
 * const outcomes = await upsertWecomStaff(ctx, [{ wecomUserId: 'zhangsan', name: '张三' }]);
 */
export async function upsertWecomStaff(
  ctx: Ctx,
  input: readonly TWecomStaffInput[],
): Promise<('created' | 'updated' | 'unchanged')[]> {
  if (input.length === 0) return [];
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const existing = await db
    .select({ id: staff.id, wecomUserId: staff.wecomUserId, name: staff.name, avatar: staff.avatar, mobile: staff.mobile })
    .from(staff)
    .where(
      and(
        eq(staff.tenantId, tenantId),
        inArray(
          staff.wecomUserId,
          input.map((s) => s.wecomUserId),
        ),
      ),
    );
  const byUserId = new Map(existing.map((s) => [s.wecomUserId, s]));
  const out: ('created' | 'updated' | 'unchanged')[] = [];
  for (const s of input) {
    const row = byUserId.get(s.wecomUserId);
    if (!row) {
      const [inserted] = await db
        .insert(staff)
        .values({ tenantId, wecomUserId: s.wecomUserId, name: s.name, avatar: s.avatar ?? null, mobile: s.mobile ?? null })
        .onConflictDoNothing()
        .returning({ id: staff.id });
      out.push(inserted ? 'created' : 'unchanged');
      continue;
    }
    const set: Partial<typeof staff.$inferInsert> = {};
    if (s.name && s.name !== row.name) set.name = s.name;
    if (s.avatar !== undefined && (s.avatar ?? null) !== row.avatar) set.avatar = s.avatar ?? null;
    if (s.mobile !== undefined && (s.mobile ?? null) !== row.mobile) set.mobile = s.mobile ?? null;
    if (Object.keys(set).length === 0) {
      out.push('unchanged');
      continue;
    }
    await db
      .update(staff)
      .set(set)
      .where(and(eq(staff.tenantId, tenantId), eq(staff.id, row.id)));
    out.push('updated');
  }
  return out;
}
