import type { Rng } from '../rng.ts';

// Daily rhythms in the brand's local time (Asia/Shanghai, UTC+8, no DST): weights per local hour.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
const LOCAL_OFFSET_MS = 8 * HOUR_MS;

// Tea shops peak at lunch and in the afternoon tea slot; nothing is sold before 7:00.
export const ORDER_HOURS: readonly number[] = [
  0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 2, 3, 7, 10, 8, 7, 9, 8.5, 6, 5, 5, 4.5, 3.5, 1.5, 0.3,
];
// Adds happen at the counter (store hours) and from posters/live streams in the evening.
export const ADD_HOURS: readonly number[] = [
  0.1, 0, 0, 0, 0, 0, 0.1, 0.4, 1.2, 2, 3, 6, 8.5, 7, 6.5, 8, 7.5, 6, 5, 5.5, 6, 5, 2.5, 0.8,
];
// People chat in groups on their breaks and in the evening.
export const CHAT_HOURS: readonly number[] = [
  0.4, 0.15, 0.05, 0.03, 0.03, 0.05, 0.2, 1, 2.5, 3, 3.5, 5, 7, 5, 4, 4.5, 4, 4, 4.5, 5, 6, 6.5, 5, 2,
];

/** UTC instant of 00:00 local time on the local day containing `at`. */
export function localMidnight(at: number): number {
  return Math.floor((at + LOCAL_OFFSET_MS) / DAY_MS) * DAY_MS - LOCAL_OFFSET_MS;
}

/** The local calendar date as `YYYYMMDD`. */
export function localDateKey(at: number): string {
  const d = new Date(at + LOCAL_OFFSET_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The local hour (0–23) of an instant. */
export function localHour(at: number): number {
  return new Date(at + LOCAL_OFFSET_MS).getUTCHours();
}

/** A random instant on the local day starting at `midnight`, following an hourly rhythm. */
export function timeOnDay(rng: Rng, midnight: number, hours: readonly number[]): number {
  const hour = rng.weighted(HOUR_INDEXES, hours);
  return midnight + hour * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
}

const HOUR_INDEXES: readonly number[] = Array.from({ length: 24 }, (_, h) => h);

/**
 * A random instant in [from, to) that follows the hourly rhythm: a random local day in the range,
 * then an hour from the rhythm; retried a few times when that lands outside the range (partial
 * first and last days), else uniform.
 */
export function timeInRange(rng: Rng, from: number, to: number, hours: readonly number[]): number {
  if (to <= from) return from;
  const firstDay = localMidnight(from);
  const days = Math.floor((localMidnight(to - 1) - firstDay) / DAY_MS) + 1;
  for (let attempt = 0; attempt < 4; attempt++) {
    const at = timeOnDay(rng, firstDay + rng.int(0, days - 1) * DAY_MS, hours);
    if (at >= from && at < to) return at;
  }
  return from + Math.floor(rng.next() * (to - from));
}
