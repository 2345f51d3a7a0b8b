import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { getStaffById, type TStaffRef } from '../org/lookups.ts';
import { getPosterTemplate } from '../posters/manage-poster-templates.ts';

/**
 * The staff of a campaign's pool, checked: each exists in the tenant and is active (a resigned
 * member cannot receive friends). Throws VALIDATION naming the first one that is not.
 */
export async function requirePoolStaff(ctx: Ctx, staffIds: readonly number[]): Promise<TStaffRef[]> {
  const out: TStaffRef[] = [];
  for (const id of staffIds) {
    const member = await getStaffById(ctx, id);
    if (!member) throw new AppError('VALIDATION', `staffIds: staff member ${id} does not exist. Pick staff from the list.`);
    if (member.status !== 'active') {
      throw new AppError('VALIDATION', `staffIds: ${member.name} has resigned and cannot receive friends. Pick active staff.`);
    }
    out.push(member);
  }
  return out;
}

/** The WeCom userids of the pool members still active (resigned ones drop out of the codes). */
export async function activePoolUserIds(ctx: Ctx, staffIds: readonly number[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of staffIds) {
    const member = await getStaffById(ctx, id);
    if (member?.status === 'active') out.push(member.wecomUserId);
  }
  return out;
}

/** Throws VALIDATION unless the poster template exists in the tenant (null: the default poster). */
export async function requirePosterTemplate(ctx: Ctx, templateId: number | null | undefined): Promise<void> {
  if (templateId === null || templateId === undefined) return;
  try {
    await getPosterTemplate(ctx, templateId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw new AppError('VALIDATION', `posterTemplateId: poster template ${templateId} does not exist. Pick one from the list.`);
    }
    throw error;
  }
}
