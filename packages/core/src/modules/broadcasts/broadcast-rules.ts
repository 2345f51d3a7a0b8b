// Pure rules of broadcasts: control-group membership, frequency caps, quiet hours, task chunks.
// Planning applies them set-wise; the tests check them by table and by property.

/** WeCom's add_msg_template takes at most 10,000 customers, or 2,000 groups, per task. */
export const MASS_TASK_MAX_TARGETS = { customers: 10_000, groups: 2_000 } as const;

/** The most a control group may hold back. */
export const HOLDOUT_MAX_PERCENT = 50;

// murmur3's 32-bit finaliser: every input bit moves every output bit.
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Where a recipient falls in [0, 1) for a broadcast: a hash of (broadcast id, recipient id), so the
 * same recipient of the same broadcast always lands in the same place (a re-run planning holds out
 * the same people) and different broadcasts draw independent control groups.
 */
export function holdoutPoint(broadcastId: number, recipientId: number): number {
  const lo = recipientId % 0x1_0000_0000;
  const hi = Math.floor(recipientId / 0x1_0000_0000);
  let h = fmix32(broadcastId ^ 0x9e3779b9);
  h = fmix32(h ^ lo);
  h = fmix32((h + Math.imul(hi, 0x27d4eb2f)) >>> 0);
  return h / 0x1_0000_0000;
}

/** Whether the recipient is in the broadcast's control group (held out, never sent). */
export function isHeldOut(broadcastId: number, recipientId: number, holdoutPercent: number): boolean {
  if (holdoutPercent <= 0) return false;
  return holdoutPoint(broadcastId, recipientId) < holdoutPercent / 100;
}

export type TCaps = { perDay: number; perWeek: number };
/** What a customer already has from other broadcasts (queued or sent) in the last 24 h and 7 days. */
export type TRecentSends = { lastDay: number; lastWeek: number };

export const DAY_MS = 24 * 3600 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/** Whether one more broadcast may go to a customer with these recent sends. */
export function withinCaps(recent: TRecentSends, caps: TCaps): boolean {
  return recent.lastDay < caps.perDay && recent.lastWeek < caps.perWeek;
}

/** Counts sends in the windows ending at `at` (a send exactly one window ago is outside it). */
export function recentSends(history: readonly Date[], at: Date): TRecentSends {
  const t = at.getTime();
  let lastDay = 0;
  let lastWeek = 0;
  for (const d of history) {
    const age = t - d.getTime();
    if (age < 0) continue;
    if (age < DAY_MS) lastDay++;
    if (age < WEEK_MS) lastWeek++;
  }
  return { lastDay, lastWeek };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an 'HH:MM' time; null when malformed. */
export function parseHhmm(value: string): number | null {
  const m = HHMM.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localMinutes(at: Date, timeZone: string): { minutes: number; seconds: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { minutes: Number(parts.hour) * 60 + Number(parts.minute), seconds: Number(parts.second) };
}

export type TQuietHours = { start: string; end: string; timeZone: string };

/**
 * When a send planned at `at` may go: `at` itself outside quiet hours, else the end of the quiet
 * hours (local time in `timeZone`). Quiet hours may span midnight (21:30–09:00); the end minute
 * is outside them; equal start and end means no quiet hours.
 * @example
 * quietHoursRelease(new Date('2026-05-01T15:00:00Z'), { start: '21:30', end: '09:00', timeZone: 'Asia/Shanghai' })
 * // → 2026-05-02T01:00:00Z (09:00 in Shanghai)
 */
export function quietHoursRelease(at: Date, quiet: TQuietHours): Date {
  const start = parseHhmm(quiet.start);
  const end = parseHhmm(quiet.end);
  if (start === null || end === null || start === end) return at;
  const { minutes, seconds } = localMinutes(at, quiet.timeZone);
  const inside = start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
  if (!inside) return at;
  const wait = (end - minutes + 1440) % 1440;
  const release = at.getTime() + wait * 60_000 - seconds * 1000 - at.getUTCMilliseconds();
  return new Date(release);
}

/** Splits `n` ordered targets into chunks of at most `max`: the [from, to) index ranges. */
export function chunkRanges(n: number, max: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let from = 0; from < n; from += max) out.push({ from, to: Math.min(n, from + max) });
  return out;
}

/** The recipient statuses, and which of them count towards a customer's caps. */
export const RECIPIENT_STATUSES = [
  'queued',
  'held_out',
  'capped',
  'not_friend',
  'sent',
  'over_limit',
  'unconfirmed',
  'failed',
] as const;
export type TRecipientStatus = (typeof RECIPIENT_STATUSES)[number];
export const CAP_COUNTED_STATUSES: readonly TRecipientStatus[] = ['queued', 'sent'];

/** WeCom's per-target result codes → a recipient's final status (0 unsent counts as unconfirmed). */
export function statusOfResultCode(code: number): TRecipientStatus {
  if (code === 1) return 'sent';
  if (code === 2) return 'not_friend';
  if (code === 3) return 'over_limit';
  return 'unconfirmed';
}

/** How long the results job waits for a staff member to confirm before counting the task unconfirmed. */
export const CONFIRM_WINDOW_MS = 3 * DAY_MS;
