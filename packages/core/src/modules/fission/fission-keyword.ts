import { and, eq, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { fissionCampaigns } from './fission.tables.ts';
import { FISSION_PREPARE_JOB } from './fission-job-names.ts';
import { campaignPhase } from './fission-rules.ts';
import { joinFissionCampaign } from './join-fission-campaign.ts';

/**
 * A customer sent a running campaign's keyword to a staff member: they join, and a job makes
 * their code and replies with their personal link and poster (from that staff member). Any other
 * message is ignored. Runs in the message's transaction.
 */
export async function applyFissionKeyword(ctx: Ctx, event: TDomainEventOf<'private.message'>): Promise<number | null> {
  if (event.senderType !== 'customer') return null;
  const word = event.content.trim();
  if (word.length === 0 || word.length > 32) return null;
  const candidates = await dbOf(ctx)
    .select()
    .from(fissionCampaigns)
    .where(
      and(
        eq(fissionCampaigns.tenantId, ctx.actor.tenantId),
        eq(fissionCampaigns.status, 'active'),
        sql`lower(${fissionCampaigns.keyword}) = lower(${word})`,
      ),
    )
    .orderBy(fissionCampaigns.id);
  const campaign = candidates.find((c) => campaignPhase(c, event.at) === 'running');
  if (!campaign) return null;
  const { participant } = await joinFissionCampaign(ctx, {
    campaignId: campaign.id,
    customerId: event.customerId,
    via: 'keyword',
    at: event.at,
  });
  await ctx.queue.send(
    FISSION_PREPARE_JOB,
    {
      tenantId: ctx.actor.tenantId,
      participantId: participant.id,
      notify: { staffId: event.staffId, key: `fission:${campaign.id}:participant:${participant.id}:keyword:${event.messageId}` },
    },
    { tx: dbOf(ctx) },
  );
  return participant.id;
}
