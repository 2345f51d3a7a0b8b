import {
  ChannelError,
  CONTACT_WAY_LIMITS,
  MOMENT_LIMITS,
  momentContentProblem,
  type TMessageContent,
  ZMessageContent,
} from './channel.ts';

// The input checks every channel makes before it calls out, so the simulator refuses what WeCom would.

/**
 * Message content checked against `ZMessageContent`; throws INVALID naming the first problem.
 * @example
 * const parsed = parseContent({ text: 'hi', attachments: [] });
 */
export function parseContent(content: TMessageContent): TMessageContent {
  const parsed = ZMessageContent.safeParse(content);
  if (!parsed.success)
    throw new ChannelError('INVALID', `Message content is invalid: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

/**
 * A contact or join way's state (when given) and members within `CONTACT_WAY_LIMITS`, each member
 * once; throws INVALID otherwise.
 * @example
 * checkWayInput('join', 'spring', ['wrA', 'wrB']);
 */
export function checkWayInput(kind: 'contact' | 'join', state: string | undefined, members: readonly string[]) {
  if (state !== undefined && (state.length === 0 || state.length > CONTACT_WAY_LIMITS.stateMax))
    throw new ChannelError('INVALID', `A way's state is 1–${CONTACT_WAY_LIMITS.stateMax} characters.`);
  const max = kind === 'contact' ? CONTACT_WAY_LIMITS.staffMax : CONTACT_WAY_LIMITS.joinWayChatsMax;
  if (members.length === 0 || members.length > max)
    throw new ChannelError(
      'INVALID',
      kind === 'contact'
        ? `A contact way holds 1–${max} staff members.`
        : `A join way holds 1–${max} customer groups (chat_id_list).`,
    );
  if (new Set(members).size !== members.length) throw new ChannelError('INVALID', 'A way lists each member once.');
}

/**
 * A moments task's content (`momentContentProblem`) and staff (1–`MOMENT_LIMITS.staffMax`, repeats
 * dropped); throws INVALID otherwise.
 * @example
 * const { parsed, userIds } = checkMomentInput({ text: '新品上市', attachments: [] }, ['zhangsan', 'zhangsan']); // userIds ['zhangsan']
 */
export function checkMomentInput(
  content: TMessageContent,
  staffUserIds: readonly string[],
): { parsed: TMessageContent; userIds: string[] } {
  const parsed = parseContent(content);
  const problem = momentContentProblem(parsed);
  if (problem) throw new ChannelError('INVALID', problem);
  const userIds = [...new Set(staffUserIds)];
  if (userIds.length === 0) throw new ChannelError('INVALID', 'A moments task needs at least one staff member.');
  if (userIds.length > MOMENT_LIMITS.staffMax)
    throw new ChannelError('INVALID', `A moments task takes at most ${MOMENT_LIMITS.staffMax} staff members.`);
  return { parsed, userIds };
}
