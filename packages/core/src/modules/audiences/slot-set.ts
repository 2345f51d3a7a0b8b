// Sets of customer slots (dense 0..n-1 positions of the audience index) and the word operations
// the engine evaluates expressions with. A bitset is a Uint32Array: slot s is bit (s & 31) of
// word (s >>> 5).

/** Words needed for `n` slots. */
export const wordsFor = (n: number): number => (n + 31) >>> 5;

/** Number of set bits (popcount). */
export function popcount(words: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    let v = words[i] as number;
    if (v === 0) continue;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** a &= b */
export function andInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) & (b[i] as number);
}
/** a |= b */
export function orInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) | (b[i] as number);
}
/** a &= ~b */
export function andNotInto(a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) & ~(b[i] as number);
}

export const hasBit = (words: Uint32Array, s: number): boolean => (((words[s >>> 5] ?? 0) >>> (s & 31)) & 1) === 1;
export function setBit(words: Uint32Array, s: number): void {
  words[s >>> 5] = (words[s >>> 5] as number) | (1 << (s & 31));
}
export function clearBit(words: Uint32Array, s: number): void {
  words[s >>> 5] = (words[s >>> 5] as number) & ~(1 << (s & 31));
}

/** The set slots, ascending. */
export function slotsOf(words: Uint32Array, limit = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length && out.length < limit; i++) {
    let v = words[i] as number;
    while (v !== 0 && out.length < limit) {
      const low = v & -v;
      out.push((i << 5) + 31 - Math.clz32(low));
      v ^= low;
    }
  }
  return out;
}

// A set stays a hash set until a dense bitset is smaller (about 32 bytes an entry against one bit
// a slot): most customer groups and rare tags are small, popular tags and stores are not.
const DENSE_RATIO = 256;

/**
 * The members of one tag, store, staff member or customer group, as slots: sparse (a Set) while
 * small, a growing bitset once large.
 */
export class SlotSet {
  private sparse: Set<number> | null = new Set();
  private dense: Uint32Array | null = null;
  size = 0;

  has(slot: number): boolean {
    return this.dense ? hasBit(this.dense, slot) : (this.sparse as Set<number>).has(slot);
  }

  /** Adds `slot`; `capacity` (slots in the index) decides when to turn dense. */
  add(slot: number, capacity: number): void {
    if (this.has(slot)) return;
    this.size += 1;
    if (this.dense) {
      if (slot >>> 5 >= this.dense.length) this.dense = grow(this.dense, wordsFor(Math.max(slot + 1, capacity)));
      setBit(this.dense, slot);
      return;
    }
    const sparse = this.sparse as Set<number>;
    sparse.add(slot);
    if (sparse.size * DENSE_RATIO > capacity && sparse.size > 64) {
      const dense = new Uint32Array(wordsFor(Math.max(capacity, slot + 1)));
      for (const s of sparse) setBit(dense, s);
      this.dense = dense;
      this.sparse = null;
    }
  }

  delete(slot: number): void {
    if (!this.has(slot)) return;
    this.size -= 1;
    if (this.dense) clearBit(this.dense, slot);
    else (this.sparse as Set<number>).delete(slot);
  }

  /** out |= this (out covers the index's slots). */
  orInto(out: Uint32Array): void {
    if (this.dense) {
      const d = this.dense;
      const n = Math.min(d.length, out.length);
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) | (d[i] as number);
      return;
    }
    for (const s of this.sparse as Set<number>) if (s >>> 5 < out.length) setBit(out, s);
  }

  /** A fresh bitset of `words` words holding this set. */
  toWords(words: number): Uint32Array {
    const out = new Uint32Array(words);
    if (this.dense) out.set(this.dense.length > words ? this.dense.subarray(0, words) : this.dense);
    else this.orInto(out);
    return out;
  }
}

/** A copy of `a` with at least `words` words (doubling, so appends stay amortised O(1)). */
export function grow(a: Uint32Array, words: number): Uint32Array {
  if (a.length >= words) return a;
  const out = new Uint32Array(Math.max(words, a.length * 2));
  out.set(a);
  return out;
}
