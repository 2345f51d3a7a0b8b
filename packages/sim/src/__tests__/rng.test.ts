import { describe, expect, it } from 'vitest';
import { createRng, createRngFromState, createWeightedSampler } from '../rng.ts';

describe('createRng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const first = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(first);
  });

  it('accepts string seeds deterministically', () => {
    expect(createRng('demo').next()).toBe(createRng('demo').next());
    expect(createRng('demo').next()).not.toBe(createRng('demo2').next());
  });

  it('keeps floats in [0, 1) and ints within their inclusive bounds', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const f = rng.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = rng.int(3, 6);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('forks independently of how much the parent was used', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) b.next();
    expect(a.fork('orders').next()).toBe(b.fork('orders').next());
    expect(a.fork('orders').next()).not.toBe(a.fork('groups').next());
  });

  it('resumes a stream from its saved state', () => {
    const a = createRng(9);
    a.next();
    const resumed = createRngFromState(a.state());
    expect(resumed.nextUint32()).toBe(a.nextUint32());
  });

  it('draws weighted picks, normals and Poisson counts with the right averages', () => {
    const rng = createRng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[rng.weighted(['a', 'b', 'c'] as const, [1, 3, 6])]++;
    expect(counts.c / 30_000).toBeCloseTo(0.6, 1);
    expect(counts.a / 30_000).toBeCloseTo(0.1, 1);
    let sum = 0;
    let sumSq = 0;
    let poisson = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.normal(10, 2);
      sum += x;
      sumSq += x * x;
      poisson += rng.poisson(3.5);
    }
    const mean = sum / 20_000;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(sumSq / 20_000 - mean * mean)).toBeCloseTo(2, 1);
    expect(poisson / 20_000).toBeCloseTo(3.5, 1);
    expect(rng.poisson(0)).toBe(0);
  });

  it('shuffles into a permutation and samples distinct items', () => {
    const rng = createRng(3);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(new Set(rng.sample(items, 10)).size).toBe(10);
  });

  it('refuses impossible picks', () => {
    const rng = createRng(1);
    expect(() => rng.pick([])).toThrow();
    expect(() => rng.weighted(['a'], [0])).toThrow();
    expect(() => rng.int(5, 1)).toThrow();
  });
});

describe('createWeightedSampler', () => {
  it('never picks a zero weight and follows the weights', () => {
    const rng = createRng(11);
    const sampler = createWeightedSampler([0, 1, 0, 3]);
    const hits = [0, 0, 0, 0];
    for (let i = 0; i < 8_000; i++) {
      const k = sampler.pick(rng);
      hits[k] = (hits[k] ?? 0) + 1;
    }
    expect(hits[0]).toBe(0);
    expect(hits[2]).toBe(0);
    expect((hits[3] ?? 0) / ((hits[1] ?? 0) + (hits[3] ?? 0))).toBeCloseTo(0.75, 1);
    expect(sampler.total).toBe(4);
  });
});
