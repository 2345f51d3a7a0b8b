import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { getStaffById, unitExists } from '../org/lookups.ts';
import { getGroupCode } from './get-group-code.ts';
import { type TCreateGroupCodeRequest, type TGroupCodeDetail, ZCreateGroupCodeRequest } from './group-codes.schemas.ts';
import { groupCodeGroups, groupCodes } from './group-codes.tables.ts';
import { checkPoolGroups, poolConflict } from './set-group-code-pool.ts';
import { syncJoinWays } from './sync-join-ways.ts';

/** Checks the store and the owner pool of a code; auto-open needs at least one owner. */
export async function checkCodeSettings(
  ctx: Ctx,
  input: { storeId?: number | null; ownerStaffIds?: number[]; autoOpen?: boolean },
): Promise<void> {
  if (input.storeId !== undefined && input.storeId !== null && !(await unitExists(ctx, input.storeId, 'store'))) {
    throw new AppError('VALIDATION', `storeId: store ${input.storeId} does not exist. Choose a store from the list.`);
  }
  if (input.ownerStaffIds) {
    if (new Set(input.ownerStaffIds).size !== input.ownerStaffIds.length) {
      throw new AppError('VALIDATION', 'ownerStaffIds: a staff member is listed twice. List each owner once.');
    }
    for (const id of input.ownerStaffIds) {
      const member = await getStaffById(ctx, id);
      if (!member) throw new AppError('VALIDATION', `ownerStaffIds: staff member ${id} does not exist. Choose from the list.`);
      if (member.status !== 'active') {
        throw new AppError('VALIDATION', `ownerStaffIds: ${member.name} has resigned and cannot own new groups.`);
      }
    }
  }
  if (input.autoOpen && input.ownerStaffIds && input.ownerStaffIds.length === 0) {
    throw new AppError(
      'VALIDATION',
      'ownerStaffIds: choose at least one owner for the groups opened automatically, or turn auto-open off.',
    );
  }
}

/**
 * Creates a group live code with its permanent link (`/j/<slug>`) and the pool it starts with,
 * then exposes the pool through join ways. Operators and admins only.
 * @example
 * await createGroupCode(ctx, { name: '会员群活码', groupNameTemplate: '茶屿会员群{n}', ownerStaffIds: [3], groupIds: [11, 12] });
 */
export async function createGroupCode(ctx: Ctx, raw: TCreateGroupCodeRequest): Promise<TGroupCodeDetail> {
  assertRole(ctx.actor, TENANT_WIDE, 'create group live codes');
  const input = ZCreateGroupCodeRequest.parse(raw);
  await checkCodeSettings(ctx, input);
  const tenantId = ctx.actor.tenantId;
  let id: number;
  try {
    id = await inTransaction(ctx, async (tctx) => {
      const db = dbOf(tctx);
      const groups = await checkPoolGroups(tctx, null, input.groupIds);
      const [code] = await db
        .insert(groupCodes)
        .values({
          tenantId,
          name: input.name,
          storeId: input.storeId ?? null,
          status: input.status,
          rule: input.rule,
          memberCap: input.memberCap,
          autoOpen: input.autoOpen,
          groupNameTemplate: input.groupNameTemplate,
          nextNumber: input.nextNumber ?? groups.length + 1,
          ownerStaffIds: input.ownerStaffIds,
          welcomeText: input.welcomeText,
          notice: input.notice,
          createdBy: ctx.actor.accountId,
        })
        .returning({ id: groupCodes.id });
      if (!code) throw new Error('The group code was not created.');
      if (groups.length) {
        await db.insert(groupCodeGroups).values(
          groups.map((g, i) => ({
            tenantId,
            codeId: code.id,
            groupId: g.id,
            chatId: g.externalChatId,
            position: i + 1,
            cap: Math.min(input.memberCap, g.memberCap),
            members: g.memberCount,
          })),
        );
      }
      await ensureShortLink(tctx, { kind: 'group_code', refId: code.id });
      return code.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw poolConflict();
    throw error;
  }
  await syncJoinWays(ctx, id);
  return getGroupCode(ctx, id);
}
