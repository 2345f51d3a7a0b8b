import { and, eq, notExists, sql } from 'drizzle-orm';
import { type Deps, dbOf, inTransaction, systemActor, withActor } from '../../context.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { getServingStaff } from '../customers/serving-staff.ts';
import { getGroupRef } from '../groups/group-refs.ts';
import { customerToken } from '../links/customer-token.ts';
import { ensureShortLink } from '../links/short-links.ts';
import { getStaffById } from '../org/lookups.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { campaignGroupIds, requireCampaign } from './campaign-queries.ts';
import { daysBetween } from './checkin-days.ts';
import { currentStreakFromCache, lastDayOf } from './checkin-rules.ts';
import { groupReminderText, privateReminderText } from './checkin-texts.ts';
import { checkinCampaigns, checkinParticipants, checkinRecords } from './checkins.tables.ts';

export type TReminderRun = { sent: 'done' | 'skipped'; groups: number; privates: number; pending: number };

/** The idempotency key of one reminder: one per campaign, day and recipient, ever. */
export const reminderKey = (campaignId: number, day: string, recipient: `group:${number}` | `customer:${number}`) =>
  `checkin:${campaignId}:remind:${day}:${recipient}`;

const CHUNK = 500;

/**
 * The `checkins.remind` job: reminds the participants of a campaign who have not checked in on
 * `day` — once in each of the campaign's groups and/or privately through each customer's staff
 * member, with a personal link. Everything is enqueued in one transaction that also marks the day
 * reminded; every message carries a key per (campaign, day, recipient), so a rerun, a second
 * worker or a crash halfway never sends anything twice.
 * @example
 * await sendCheckinReminders(deps, { tenantId: 1, campaignId: 3, day: '2026-03-05' });
 */
export async function sendCheckinReminders(
  deps: Deps,
  input: { tenantId: number; campaignId: number; day: string },
): Promise<TReminderRun> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const t = input.tenantId;
    const campaign = await requireCampaign(tctx, input.campaignId, { forUpdate: true });
    const index = daysBetween(campaign.startDate, input.day);
    const skipped: TReminderRun = { sent: 'skipped', groups: 0, privates: 0, pending: 0 };
    if (campaign.status !== 'active' || !campaign.reminderEnabled) return skipped;
    if (index < 0 || index >= campaign.days) return skipped;
    if (campaign.remindedDay !== null && campaign.remindedDay >= input.day) return skipped;

    const pending = await db
      .select({
        customerId: checkinParticipants.customerId,
        lastFilledDay: checkinParticipants.lastFilledDay,
        lastRun: checkinParticipants.lastRun,
        totalDays: checkinParticipants.totalDays,
      })
      .from(checkinParticipants)
      .where(
        and(
          eq(checkinParticipants.tenantId, t),
          eq(checkinParticipants.campaignId, campaign.id),
          notExists(
            db
              .select({ one: sql`1` })
              .from(checkinRecords)
              .where(
                and(
                  eq(checkinRecords.tenantId, t),
                  eq(checkinRecords.campaignId, campaign.id),
                  eq(checkinRecords.customerId, checkinParticipants.customerId),
                  eq(checkinRecords.day, input.day),
                ),
              ),
          ),
        ),
      )
      .orderBy(checkinParticipants.customerId);

    const text = { ...campaign, endDate: lastDayOf(campaign.startDate, campaign.days) };
    let groups = 0;
    let privates = 0;
    if (pending.length > 0 && campaign.remindInGroups) {
      for (const groupId of await campaignGroupIds(tctx, campaign.id)) {
        const group = await getGroupRef(tctx, groupId);
        if (group?.status !== 'active') continue;
        await enqueueAction(tctx, {
          idempotencyKey: reminderKey(campaign.id, input.day, `group:${groupId}`),
          kind: 'group_message',
          payload: { chatId: group.externalChatId, groupId, content: { text: groupReminderText(text, pending.length) } },
        });
        groups++;
      }
    }
    if (pending.length > 0 && campaign.remindPrivately) {
      const link = await ensureShortLink(tctx, { kind: 'checkin', refId: campaign.id });
      const staffUserIds = new Map<number, string | null>();
      for (let i = 0; i < pending.length; i += CHUNK) {
        const chunk = pending.slice(i, i + CHUNK);
        const ids = chunk.map((p) => p.customerId);
        const [serving, names] = [await getServingStaff(tctx, ids), await getCustomerNames(tctx, ids)];
        for (const p of chunk) {
          const s = serving.get(p.customerId);
          if (!s) continue;
          if (!staffUserIds.has(s.staffId)) {
            const member = await getStaffById(tctx, s.staffId);
            staffUserIds.set(s.staffId, member && member.status === 'active' ? member.wecomUserId : null);
          }
          const staffUserId = staffUserIds.get(s.staffId);
          if (!staffUserId) continue;
          const lastFilled = p.lastFilledDay === null ? null : daysBetween(campaign.startDate, p.lastFilledDay);
          const streak = currentStreakFromCache({ lastFilled, lastRun: p.lastRun, today: index, days: campaign.days });
          const personal = `${link.url}?t=${customerToken(tctx, t, p.customerId)}`;
          await enqueueAction(tctx, {
            idempotencyKey: reminderKey(campaign.id, input.day, `customer:${p.customerId}`),
            kind: 'private_message',
            payload: {
              staffUserId,
              externalUserId: s.externalUserId,
              customerId: p.customerId,
              staffId: s.staffId,
              content: {
                text: privateReminderText(text, { name: names.get(p.customerId) ?? '', streak, total: p.totalDays }, personal),
              },
            },
          });
          privates++;
        }
      }
    }
    await db
      .update(checkinCampaigns)
      .set({ remindedDay: input.day })
      .where(and(eq(checkinCampaigns.tenantId, t), eq(checkinCampaigns.id, campaign.id)));
    return { sent: 'done', groups, privates, pending: pending.length };
  });
}
