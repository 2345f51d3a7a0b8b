import { AppError } from './errors.ts';

/** Throws VALIDATION for an update with nothing to change (an empty PATCH). */
export function requireChanges(input: object): void {
  if (Object.values(input).every((v) => v === undefined)) {
    throw new AppError('VALIDATION', 'Nothing to change: send at least one field.');
  }
}
