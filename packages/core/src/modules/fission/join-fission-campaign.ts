import { ChannelError } from '@pond/channels';
import { and, eq, isNull } from 'drizzle-orm';
import { channelErrorToAppError } from '../../channels.ts';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { getCustomerRef } from '../customers/customer-refs.ts';
import { loadCampaign, participantLink } from './campaign-views.ts';
import { fissionParticipants } from './fission.tables.ts';
import { campaignPhase, fissionState } from './fission-rules.ts';
import { activePoolUserIds } from './staff-pool.ts';

export type TParticipantRow = typeof fissionParticipants.$inferSelect;
export type TJoinedVia = 'h5' | 'keyword' | 'operator';

/** The participant row of the actor's tenant, or NOT_FOUND. */
export async function loadParticipant(ctx: Ctx, id: number): Promise<TParticipantRow> {
  const [row] = await dbOf(ctx)
    .select()
    .from(fissionParticipants)
    .where(and(eq(fissionParticipants.tenantId, ctx.actor.tenantId), eq(fissionParticipants.id, id)));
  if (!row) throw notFound('Participant', id);
  return row;
}

/**
 * Makes a customer a participant of a running campaign — once: joining again (or two joins at the
 * same moment) returns the same participant. Also makes their personal link. CONFLICT with
 * `details.reason` ('draft' | 'upcoming' | 'ended') when the campaign is not open. Runs in the
 * caller's transaction; the contact way comes from `ensureParticipantWay`, outside it.
 */
export async function joinFissionCampaign(
  ctx: Ctx,
  input: { campaignId: number; customerId: number; via: TJoinedVia; at?: Date },
): Promise<{ participant: TParticipantRow; created: boolean }> {
  return inTransaction(ctx, async (tctx) => {
    const campaign = await loadCampaign(tctx, input.campaignId);
    // `at`: when the customer asked (an event's time on the channel's clock); now by default.
    const phase = campaignPhase(campaign, input.at ?? tctx.now());
    if (phase !== 'running') {
      const text = {
        draft: 'This campaign has not been published yet.',
        upcoming: 'This campaign has not started yet; come back when it opens.',
        ended: 'This campaign has ended; look out for the next one.',
      }[phase];
      throw new AppError('CONFLICT', text, { reason: phase });
    }
    const customer = await getCustomerRef(tctx, input.customerId);
    if (!customer || customer.deleted) throw notFound('Customer', input.customerId);
    const db = dbOf(tctx);
    const [inserted] = await db
      .insert(fissionParticipants)
      .values({ tenantId: tctx.actor.tenantId, campaignId: campaign.id, customerId: customer.id, joinedVia: input.via })
      .onConflictDoNothing()
      .returning();
    const participant =
      inserted ??
      (
        await db
          .select()
          .from(fissionParticipants)
          .where(
            and(
              eq(fissionParticipants.tenantId, tctx.actor.tenantId),
              eq(fissionParticipants.campaignId, campaign.id),
              eq(fissionParticipants.customerId, customer.id),
            ),
          )
      )[0];
    if (!participant) throw new Error(`Participant of customer ${customer.id} was neither written nor found.`);
    await participantLink(tctx, campaign.id, participant.id);
    return { participant, created: Boolean(inserted) };
  });
}

/**
 * The participant's personal contact way (state `fi<campaignId>.<participantId>`, holding the
 * campaign's active staff pool), created on first need. One per participant, also when several
 * requests race: the channel call carries one idempotency key per participant (the simulator
 * answers a repeat with the first way), only the first recorded way is kept, and a way made by a
 * losing racer on a channel without dedupe is deleted again. Calls the channel, so it must not
 * run inside a database transaction.
 */
export async function ensureParticipantWay(ctx: Ctx, participantId: number): Promise<TParticipantRow> {
  if (ctx.tx) throw new Error('ensureParticipantWay calls the channel; call it outside a transaction.');
  const participant = await loadParticipant(ctx, participantId);
  if (participant.wayConfigId) return participant;
  const campaign = await loadCampaign(ctx, participant.campaignId);
  const staffUserIds = await activePoolUserIds(ctx, campaign.staffIds);
  if (staffUserIds.length === 0) {
    throw new AppError('CONFLICT', 'Every staff member of this campaign has resigned; an operator must pick new staff.', {
      reason: 'no_staff',
    });
  }
  const tenantId = ctx.actor.tenantId;
  const channel = await ctx.channelFor(tenantId);
  let way: { configId: string; qrCode: string };
  try {
    way = await channel.createContactWay({
      tenantId,
      state: fissionState(campaign.id, participant.id),
      staffUserIds,
      skipVerify: true,
      idempotencyKey: `fission:${campaign.id}:participant:${participant.id}:way`,
    });
  } catch (error) {
    if (error instanceof ChannelError) throw channelErrorToAppError(error);
    throw error;
  }
  const where = and(eq(fissionParticipants.tenantId, tenantId), eq(fissionParticipants.id, participant.id));
  const [updated] = await ctx.db
    .update(fissionParticipants)
    .set({ wayConfigId: way.configId, wayQrCode: way.qrCode })
    .where(and(where, isNull(fissionParticipants.wayConfigId)))
    .returning();
  if (updated) return updated;
  const current = await loadParticipant(ctx, participant.id);
  if (current.wayConfigId !== way.configId) {
    // Another request recorded its way first: ours is a spare and goes away.
    await channel.deleteContactWay({ tenantId, configId: way.configId }).catch((error: unknown) => {
      ctx.log.warn({ tenantId, participantId: participant.id, err: error }, 'spare fission contact way not deleted');
    });
  }
  return current;
}
