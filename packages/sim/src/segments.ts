// Customer segments shared by the world generator (which tags customers by them), the world view
// and the behaviour model (which makes high-value customers buy more often).

export type TValueSegment = 'high' | 'mid' | 'low' | 'none';

/** 90-day GMV thresholds in cents: roughly the top fifth of purchasers are 高价值. */
export const VALUE_THRESHOLDS_CENTS = { high: 10_000, mid: 5_000 } as const;

/** The value segment of a customer from their paid (not refunded) spend over the last 90 days. */
export function valueSegmentOf(gmvCents90d: number): TValueSegment {
  if (gmvCents90d <= 0) return 'none';
  if (gmvCents90d >= VALUE_THRESHOLDS_CENTS.high) return 'high';
  if (gmvCents90d >= VALUE_THRESHOLDS_CENTS.mid) return 'mid';
  return 'low';
}

export const VALUE_TAG_NAMES: Record<Exclude<TValueSegment, 'none'>, string> = {
  high: '高价值',
  mid: '中价值',
  low: '低价值',
};

export type TLifecycleStage = 'new' | 'active' | 'dormant' | 'lost';

export const LIFECYCLE_TAG_NAMES: Record<TLifecycleStage, string> = {
  new: '新客',
  active: '活跃',
  dormant: '沉睡',
  lost: '流失',
};
