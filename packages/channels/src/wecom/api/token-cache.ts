import { createHash } from 'node:crypto';

/**
 * Access tokens cached per (corp, secret) for the whole process. gettoken
 * (https://developer.work.weixin.qq.com/document/path/91039): a token lives `expires_in` (7200) s,
 * WeCom may end it early (42001/40014), and callers must cache it rather than call gettoken each
 * time (gettoken is itself rate-limited). A token is refreshed when less than `refreshMarginMs`
 * is left; a refresh is single-flight: concurrent callers share one gettoken call.
 */

type Entry = { token: string; expiresAt: number };
type Slot = { entry: Entry | null; inflight: Promise<Entry> | null };

const slots = new Map<string, Slot>();

// The secret is hashed so the cache key never holds it in clear text (heap dumps, debug output).
// The API base is part of the key: a token of one server (say a test's fake WeCom) means nothing to another.
const keyOf = (corpId: string, secret: string, base: string) =>
  `${base}|${corpId}:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`;

/** Refresh when fewer than 5 minutes are left. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The cached token of (corp, secret), fetching one with `fetchToken` when there is none or it is
 * about to expire. Concurrent callers without a token wait for the same fetch.
 * @example
 * const token = await cachedToken('ww1', secret, baseUrl, Date.now, () => callGettoken());
 */
export async function cachedToken(
  corpId: string,
  secret: string,
  base: string,
  now: () => number,
  fetchToken: () => Promise<{ token: string; expiresInSec: number }>,
): Promise<string> {
  const key = keyOf(corpId, secret, base);
  let slot = slots.get(key);
  if (!slot) {
    slot = { entry: null, inflight: null };
    slots.set(key, slot);
  }
  if (slot.entry && slot.entry.expiresAt - now() > TOKEN_REFRESH_MARGIN_MS) return slot.entry.token;
  let inflight = slot.inflight;
  if (!inflight) {
    const current = slot;
    const startedAt = now();
    inflight = fetchToken()
      .then(({ token, expiresInSec }) => {
        const entry = { token, expiresAt: startedAt + expiresInSec * 1000 };
        current.entry = entry;
        return entry;
      })
      .finally(() => {
        current.inflight = null;
      });
    current.inflight = inflight;
  }
  return (await inflight).token;
}

/**
 * Forgets `token` for (corp, secret) — only if it is still the cached one, so a burst of 42001s
 * from calls made with the same stale token leads to one refresh, not one each.
 * @example
 * dropToken('ww1', secret, baseUrl, staleToken);
 */
export function dropToken(corpId: string, secret: string, base: string, token: string): void {
  const slot = slots.get(keyOf(corpId, secret, base));
  if (slot?.entry?.token === token) slot.entry = null;
}

/** Empties the cache (tests; or after a tenant rotates its secret). */
export function clearTokenCache(): void {
  slots.clear();
}
