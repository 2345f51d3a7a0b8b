/** A cache slot: the value (once read), how long it is fresh, and the one read in flight. */
export type TCacheEntry<T> = { value?: T; until: number; loading?: Promise<T> };

/**
 * The value of `key` in `map`, read through `read`: fresh → at once; expired → the old value at
 * once while one read refreshes it (stale-while-revalidate); never read, or forgotten
 * (`map.delete(key)`) → every caller awaits the same one read. So on a hot path an expiry costs
 * one read, not a burst of them. A failed refresh keeps the old value for the next caller to retry.
 * @example
 * const conn = await cached(byTenant, tenantId, () => 10_000, () => readConnection(tenantId));
 */
export function cached<K, T>(
  map: Map<K, TCacheEntry<T>>,
  key: K,
  ttl: (value: T) => number,
  read: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const entry = map.get(key);
  const has = entry !== undefined && 'value' in entry;
  if (has && entry.until > now()) return Promise.resolve(entry.value as T);
  if (entry?.loading) return has ? Promise.resolve(entry.value as T) : entry.loading;
  const next: TCacheEntry<T> = entry ? { ...entry } : { until: 0 };
  const loading = read().then(
    (value) => {
      // Forgotten meanwhile (a save): this read is not stored.
      if (map.get(key) === next) map.set(key, { value, until: now() + ttl(value) });
      return value;
    },
    (error: unknown) => {
      if (map.get(key) === next) {
        if (has) map.set(key, { value: next.value as T, until: next.until });
        else map.delete(key);
      }
      throw error;
    },
  );
  next.loading = loading;
  map.set(key, next);
  if (!has) return loading;
  // The stale value answers now; the refresh's failure is the next caller's to retry.
  loading.catch(() => undefined);
  return Promise.resolve(next.value as T);
}
