import type { Actor, TRole } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';

/** Throws FORBIDDEN unless the actor has one of `roles` (the system actor always passes). */
export function assertRole(actor: Actor, roles: readonly TRole[], what: string): void {
  if (actor.role === 'system') return;
  if (!roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `Your role (${actor.role}) cannot ${what}. Ask an admin if you need this.`);
  }
}

/** Roles that see the whole tenant. */
export const TENANT_WIDE: readonly TRole[] = ['admin', 'operator'];
export const isTenantWide = (actor: Actor) => actor.role === 'system' || TENANT_WIDE.includes(actor.role as TRole);
