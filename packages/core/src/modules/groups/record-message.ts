import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { messages } from './groups.tables.ts';

export type TRecordMessageInput = {
  // The source's id (session archive msgid, simulator id, or `outbound:<actionId>` for Pond's own sends).
  externalMsgId: string;
  conversation: 'group' | 'private';
  groupId?: number | null;
  groupName?: string | null;
  customerId?: number | null;
  staffId?: number | null;
  senderType: 'customer' | 'staff' | 'pond';
  msgType: string;
  content: string;
  sentAt: Date;
};

const EXCERPT_LENGTH = 50;
const excerptOf = (content: string) => (content.length > EXCERPT_LENGTH ? `${content.slice(0, EXCERPT_LENGTH)}…` : content);

/**
 * Stores one message, once per `externalMsgId`, and puts a `message` event with a short excerpt
 * on the customer's timeline (when a customer is involved). Pond records what it sends itself
 * (`senderType: 'pond'`), because sends through the API produce no callback. Runs in the
 * caller's transaction.
 * @example
 * await recordMessage(ctx, { externalMsgId: 'outbound:42', conversation: 'private', customerId, staffId, senderType: 'pond', msgType: 'text', content, sentAt });
 */
export async function recordMessage(ctx: Ctx, input: TRecordMessageInput): Promise<{ messageId: number; duplicate: boolean }> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const [row] = await db
    .insert(messages)
    .values({
      tenantId,
      conversation: input.conversation,
      groupId: input.groupId ?? null,
      customerId: input.customerId ?? null,
      staffId: input.staffId ?? null,
      senderType: input.senderType,
      msgType: input.msgType,
      content: input.content,
      externalMsgId: input.externalMsgId,
      sentAt: input.sentAt,
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  if (!row) {
    const [existing] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.tenantId, tenantId), eq(messages.externalMsgId, input.externalMsgId)));
    if (!existing) throw new Error(`message ${input.externalMsgId} neither inserted nor found`);
    return { messageId: existing.id, duplicate: true };
  }
  if (input.customerId) {
    await appendCustomerEvents(ctx, [
      {
        customerId: input.customerId,
        type: 'message',
        occurredAt: input.sentAt,
        actorType: input.senderType === 'customer' ? 'customer' : input.senderType === 'staff' ? 'staff' : 'system',
        actorId:
          input.senderType === 'customer' ? input.customerId : input.senderType === 'staff' ? (input.staffId ?? null) : null,
        data: {
          messageId: row.id,
          conversation: input.conversation,
          groupId: input.groupId ?? null,
          ...(input.groupName ? { groupName: input.groupName } : {}),
          staffId: input.staffId ?? null,
          senderType: input.senderType,
          msgType: input.msgType,
          excerpt: excerptOf(input.content),
        },
      },
    ]);
  }
  return { messageId: row.id, duplicate: false };
}
