import type { Ctx } from '../../context.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { describePool } from './get-group-code.ts';
import { readPool, requireGroupCode, ruleOf } from './group-code-access.ts';
import { pickGroup } from './group-code-rules.ts';
import type { TGroupCodePreview } from './group-codes.schemas.ts';

/**
 * What the landing would show a visitor now, for the console — without holding a seat: the group
 * the rule picks (a group without a join way yet counts, since the next visitor's sync gives it one)
 * and the QR of its way; `full` when every group is full (the next visitor opens a group if
 * auto-open is on).
 */
export async function previewGroupCode(ctx: Ctx, id: number): Promise<TGroupCodePreview> {
  const code = await requireGroupCode(ctx, id, 'read');
  const { url } = await ensureShortLink(ctx, { kind: 'group_code', refId: id });
  if (code.status !== 'active') return { status: 'paused', url, group: null, qrCode: null, opensNext: false };
  const pool = await readPool(ctx, id);
  const pick = pickGroup(pool, ruleOf(code)) ?? pickGroup(pool, ruleOf(code), { requireWay: false });
  if (!pick) return { status: 'full', url, group: null, qrCode: null, opensNext: code.autoOpen };
  const group = await getGroupRef(ctx, pick.groupId);
  const described = (await describePool(ctx, id, [pick]))[0];
  return {
    status: 'ok',
    url,
    group: { id: pick.groupId, name: group?.name ?? '', memberCount: pick.members, cap: pick.cap },
    qrCode: described?.qrCode ?? null,
    opensNext: false,
  };
}
