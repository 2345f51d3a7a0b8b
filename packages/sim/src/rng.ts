// A small seeded PRNG (xoshiro128**) so the synthetic world and the behaviour model are
// reproducible: the same seed always yields the same brand, customers, orders and actions.
// Math.random is never used in this package.

/** The four 32-bit words of a generator's state, for saving and resuming a stream. */
export type TRngState = readonly [number, number, number, number];

export type Rng = {
  /** A uniform unsigned 32-bit integer. */
  nextUint32: () => number;
  /** A uniform float in [0, 1). */
  next: () => number;
  /** A uniform integer in [min, max] (both inclusive). */
  int: (min: number, max: number) => number;
  /** A uniform float in [min, max). */
  float: (min: number, max: number) => number;
  /** True with probability `p`. */
  chance: (p: number) => boolean;
  /** A uniformly chosen element; throws on an empty list. */
  pick: <T>(items: readonly T[]) => T;
  /** An element chosen with probability proportional to its weight. */
  weighted: <T>(items: readonly T[], weights: readonly number[]) => T;
  /** A normally distributed float (Box–Muller). */
  normal: (mean?: number, sd?: number) => number;
  /** exp(normal(mu, sigma)): a positive, right-skewed value with median exp(mu). */
  logNormal: (mu: number, sigma: number) => number;
  /** An exponentially distributed float with the given mean. */
  exponential: (mean: number) => number;
  /** A Poisson-distributed integer with mean `lambda`. */
  poisson: (lambda: number) => number;
  /** A shuffled copy (Fisher–Yates). */
  shuffle: <T>(items: readonly T[]) => T[];
  /** `count` distinct elements, in random order. */
  sample: <T>(items: readonly T[], count: number) => T[];
  /** `length` characters drawn from `alphabet`. */
  string: (length: number, alphabet: string) => string;
  /**
   * An independent generator derived from this one's seed and a label. Forks do not depend on how
   * much the parent has been used, so adding draws to one part of the world leaves the others alone.
   */
  fork: (label: string | number) => Rng;
  /** The current state, to resume the same stream later with `createRngFromState`. */
  state: () => TRngState;
};

/** FNV-1a over the UTF-16 code units, then a murmur3 finaliser: a stable 32-bit hash. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// splitmix32 spreads a 32-bit seed over the 128-bit state; an all-zero state would be stuck at 0.
function expandSeed(seed: number): [number, number, number, number] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    out.push((z ^ (z >>> 15)) >>> 0);
  }
  const [a = 0, b = 0, c = 0, d = 0] = out;
  return a === 0 && b === 0 && c === 0 && d === 0 ? [1, 0, 0, 0] : [a, b, c, d];
}

function seedToNumber(seed: number | string): number {
  return typeof seed === 'number' && Number.isInteger(seed) ? seed >>> 0 : hashString(String(seed));
}

/**
 * Creates a deterministic generator.
 * @example
 * const rng = createRng(42);
 * rng.int(1, 6); // always the same first roll for seed 42
 */
export function createRng(seed: number | string): Rng {
  const base = seedToNumber(seed);
  return build(expandSeed(base), base);
}

/** Resumes a stream saved with `rng.state()`; `forkBase` keeps `fork` labels stable. */
export function createRngFromState(state: TRngState, forkBase = 0): Rng {
  return build([state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0], forkBase >>> 0);
}

function build(initial: [number, number, number, number], forkBase: number): Rng {
  let [s0, s1, s2, s3] = initial;
  let spareNormal: number | null = null;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const next = (): number => nextUint32() / 4294967296;
  const int = (min: number, max: number): number => {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max must be ≥ min`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const normal = (mean = 0, sd = 1): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return mean + sd * value;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };

  const rng: Rng = {
    nextUint32,
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    weighted: (items, weights) => items[weightedIndex(next, weights)] as (typeof items)[number],
    normal,
    logNormal: (mu, sigma) => Math.exp(normal(mu, sigma)),
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      if (lambda > 50) return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
      // Knuth: multiply uniforms until the product drops below e^-λ.
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, Math.max(0, count)),
    string: (length, alphabet) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    fork: (label) => build(expandSeed(hashString(String(label), forkBase ^ 0x9e3779b9)), hashString(`f:${label}`, forkBase)),
    state: () => [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0],
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function weightedIndex(next: () => number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += Math.max(0, w);
  if (total <= 0) throw new RangeError('weighted pick needs at least one positive weight');
  let r = next() * total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (w <= 0) continue;
    r -= w;
    if (r < 0) return i;
  }
  // Floating-point rounding can leave r at ~0 after the loop: fall back to the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
  return 0;
}

/**
 * Precomputed cumulative weights for many picks from the same large list (O(log n) per pick),
 * e.g. choosing which of 30,000 customers places the next order.
 * @example
 * const sampler = createWeightedSampler([1, 3, 6]);
 * sampler.pick(rng); // 2 about 60 % of the time
 */
export function createWeightedSampler(weights: ArrayLike<number>): {
  total: number;
  pick: (rng: Rng) => number;
} {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    total += Math.max(0, w);
    cumulative[i] = total;
  }
  return {
    total,
    pick: (rng) => {
      if (total <= 0) throw new RangeError('weighted pick needs at least one positive weight');
      const r = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] ?? 0) > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}
