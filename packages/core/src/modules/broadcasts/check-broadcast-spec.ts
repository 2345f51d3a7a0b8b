import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { broadcastExpression, broadcastGroupFilter, savedAudienceExpression } from './broadcast-audience.ts';

export type TBroadcastSpec = {
  target: 'customers' | 'groups';
  audienceId?: number | null;
  audience?: unknown;
  groupFilter?: unknown;
  capPerDay: number;
  capPerWeek: number;
  sendAt: Date | null;
};

/** Checks what a draft must hold together: an audience for its target and sane caps. */
export async function checkBroadcastSpec(ctx: Ctx, spec: TBroadcastSpec): Promise<void> {
  if (spec.capPerWeek < spec.capPerDay) {
    throw new AppError('VALIDATION', 'capPerWeek: must be at least capPerDay (a week holds every day of it).');
  }
  if (spec.target === 'groups') {
    broadcastGroupFilter(spec);
    return;
  }
  if (spec.audienceId) await savedAudienceExpression(ctx, spec.audienceId);
  else await broadcastExpression(ctx, spec);
}
