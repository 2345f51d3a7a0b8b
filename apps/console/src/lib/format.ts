import { currentLang } from '../i18n/index.ts';

// Times are stored in UTC and shown in the tenant's time zone (Pond's default is Asia/Shanghai).
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const makeFormatter = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

let currentZone = DEFAULT_TIME_ZONE;
let dateTimeFmt = makeFormatter(DEFAULT_TIME_ZONE);

/** Shows times in this IANA zone from now on (the tenant's, from the session). Unknown zones keep the default. */
export const setDisplayTimeZone = (zone: string | undefined) => {
  const next = zone || DEFAULT_TIME_ZONE;
  if (next === currentZone) return;
  try {
    dateTimeFmt = makeFormatter(next);
    currentZone = next;
  } catch {
    // An invalid zone name: keep showing times in the previous zone.
  }
};

const parts = (iso: string): Record<string, string> | null => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of dateTimeFmt.formatToParts(d)) out[p.type] = p.value;
  return out;
};

/** `2024-05-01 13:45` in the tenant's time zone; `—` for nothing. */
export const formatDateTime = (iso: string | null | undefined, withSeconds = false): string => {
  if (!iso) return '—';
  const p = parts(iso);
  if (!p) return iso;
  const base = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return withSeconds ? `${base}:${p.second}` : base;
};

export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
};

export const formatTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.hour}:${p.minute}:${p.second}` : iso;
};

const moneyFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer cents (分) → `¥1,234.50`. */
export const formatMoney = (cents: number | null | undefined): string => {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '—';
  const sign = cents < 0 ? '-' : '';
  return `${sign}¥${moneyFmt.format(Math.abs(cents) / 100)}`;
};

/** 0..1 → `29.4%`. */
export const formatPercent = (ratio: number | null | undefined, digits = 1): string => {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
};

export const formatNumber = (n: number | null | undefined, digits = 0): string => {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(currentLang(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
};

/** Yuan typed in a form (may be fractional) → integer cents. */
export const yuanToCents = (yuan: number): number => Math.round(yuan * 100);
