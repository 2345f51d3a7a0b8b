import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { AppError } from '../../lib/errors.ts';
import { enrollInJourney } from './enroll-in-journey.ts';
import { sopJourneys } from './sops.tables.ts';

/** Whether an add enrols into a journey with this filter (pure). */
export function addMatchesJourney(
  journey: { statePrefix: string | null; newCustomersOnly: boolean },
  add: { state: string | null; newCustomer: boolean },
): boolean {
  if (journey.newCustomersOnly && !add.newCustomer) return false;
  if (journey.statePrefix && !(add.state ?? '').startsWith(journey.statePrefix)) return false;
  return true;
}

/**
 * `customer.added` subscriber: enrols the customer in every active journey triggered by adds
 * whose filter matches, anchored at the add. Keyed by the inbox event, so a redelivered add
 * enrols once.
 */
export async function enrollAddedCustomer(ctx: Ctx, event: TDomainEventOf<'customer.added'>): Promise<number> {
  const journeys = await dbOf(ctx)
    .select({ id: sopJourneys.id, statePrefix: sopJourneys.statePrefix, newCustomersOnly: sopJourneys.newCustomersOnly })
    .from(sopJourneys)
    .where(
      and(
        eq(sopJourneys.tenantId, ctx.actor.tenantId),
        eq(sopJourneys.trigger, 'customer_added'),
        eq(sopJourneys.status, 'active'),
      ),
    );
  let enrolled = 0;
  const key =
    event.inboxEventId !== null
      ? `customer.added:${event.inboxEventId}`
      : `customer.added:${event.customerId}:${event.staffId}:${event.at.toISOString()}`;
  for (const journey of journeys) {
    if (!addMatchesJourney(journey, event)) continue;
    try {
      const r = await enrollInJourney(ctx, {
        journeyId: journey.id,
        customerId: event.customerId,
        anchorAt: event.at,
        sourceKey: key,
      });
      if (!r.duplicate) enrolled++;
    } catch (error) {
      // A refused enrolment (checked before any write) must not undo the add itself.
      if (!(error instanceof AppError)) throw error;
      ctx.log.warn({ journeyId: journey.id, customerId: event.customerId, code: error.code }, 'journey enrolment refused');
    }
  }
  return enrolled;
}
