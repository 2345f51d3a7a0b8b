// The in-memory audience index of one tenant (pure: no database here; load-audience-index.ts fills
// and refreshes it). Every customer gets a slot; facts are bitsets or slot sets per tag, store,
// staff member (current follows) and customer group (current members), typed arrays for the
// numbers, and custom attributes as lazily loaded columns. An expression evaluates to a bitset
// with the same meaning as evaluate-audience.ts (the reference): `not` is the complement within
// the scope, `all: []` the scope, `any: []` nothing.
import { parseInstant, type TAudienceExpression, type TAudienceScalar } from './audience-expression.ts';
import { classifyAudienceValue, compileAttrTest, type TAudienceValue } from './evaluate-audience.ts';
import { andInto, andNotInto, clearBit, grow, orInto, SlotSet, setBit, wordsFor } from './slot-set.ts';

/** Everything the index keeps of one customer (ids are numbers here, digit strings in expressions). */
export type TCustomerFacts = {
  id: number;
  deleted: boolean;
  storeId: number | null;
  staffIds: readonly number[];
  tagIds: readonly number[];
  groupIds: readonly number[];
  /** First add, ms since the epoch; NaN when never added. */
  addedAtMs: number;
  orderCount: number;
  totalSpentCents: number;
  /** Latest paid order, ms; NaN when none. */
  lastOrderAtMs: number;
  /** Custom fields; given on reloads so loaded attribute columns stay current. */
  attrs?: Readonly<Record<string, TAudienceScalar | null | undefined>>;
};

const growF64 = (a: Float64Array, n: number, fill: number): Float64Array => {
  if (a.length >= n) return a;
  const out = new Float64Array(Math.max(n, a.length * 2)).fill(fill);
  out.set(a);
  return out;
};

export class AudienceIndex {
  /** Slots in use (the next new customer gets slot `n`). */
  n = 0;
  /** Slot order is id order (true until a customer with a lower id than the last arrives late). */
  idsAscending = true;
  private cap: number;
  ids: Float64Array;
  // id → slot: a dense table over the id range of the first load (ids of a tenant are mostly a
  // contiguous run of one identity), a Map for everyone else.
  private slotMap = new Map<number, number>();
  private denseBase = 0;
  private denseSlots: Int32Array | null = null;
  /** Slots holding a customer that exists now. */
  exists: Uint32Array;
  deleted: Uint32Array;
  private storeOf: Float64Array;
  addedAt: Float64Array;
  orderCount: Float64Array;
  totalSpent: Float64Array;
  lastOrderAt: Float64Array;
  readonly tags = new Map<number, SlotSet>();
  readonly stores = new Map<number, SlotSet>();
  readonly staff = new Map<number, SlotSet>();
  readonly groups = new Map<number, SlotSet>();
  /** Tag id → tag group id. */
  tagGroupOf = new Map<number, number>();
  /** Custom attribute columns loaded so far: key → slot → classified value. */
  readonly attrCols = new Map<string, Map<number, TAudienceValue>>();

  constructor(capacity = 1024) {
    this.cap = Math.max(32, capacity);
    this.ids = new Float64Array(this.cap);
    this.exists = new Uint32Array(wordsFor(this.cap));
    this.deleted = new Uint32Array(wordsFor(this.cap));
    this.storeOf = new Float64Array(this.cap).fill(Number.NaN);
    this.addedAt = new Float64Array(this.cap).fill(Number.NaN);
    this.orderCount = new Float64Array(this.cap);
    this.totalSpent = new Float64Array(this.cap);
    this.lastOrderAt = new Float64Array(this.cap).fill(Number.NaN);
  }

  /** The slot of customer `id`, if it has one. */
  slotOf(id: number): number | undefined {
    const dense = this.denseSlots;
    if (dense !== null) {
      const i = id - this.denseBase;
      if (i >= 0 && i < dense.length) {
        const s = dense[i] as number;
        return s >= 0 ? s : undefined;
      }
    }
    return this.slotMap.get(id);
  }

  /** Slots for `ids` (ascending, first load of an empty index), in that order. */
  loadIds(ids: readonly number[]): void {
    if (this.n !== 0) throw new Error('audience index: loadIds on a filled index');
    const first = ids[0];
    const last = ids[ids.length - 1];
    if (first !== undefined && last !== undefined && last - first < 4 * ids.length + 1024) {
      this.denseBase = first;
      this.denseSlots = new Int32Array(last - first + 1).fill(-1);
    }
    for (const id of ids) this.slotFor(id);
  }

  /** The slot of customer `id`, appending one for a customer not seen before. */
  slotFor(id: number): number {
    const known = this.slotOf(id);
    if (known !== undefined) return known;
    const slot = this.n++;
    if (slot >= this.cap) {
      this.cap *= 2;
      this.ids = growF64(this.ids, this.cap, 0);
      this.storeOf = growF64(this.storeOf, this.cap, Number.NaN);
      this.addedAt = growF64(this.addedAt, this.cap, Number.NaN);
      this.orderCount = growF64(this.orderCount, this.cap, 0);
      this.totalSpent = growF64(this.totalSpent, this.cap, 0);
      this.lastOrderAt = growF64(this.lastOrderAt, this.cap, Number.NaN);
      this.exists = grow(this.exists, wordsFor(this.cap));
      this.deleted = grow(this.deleted, wordsFor(this.cap));
    }
    if (slot > 0 && id < (this.ids[slot - 1] as number)) this.idsAscending = false;
    this.ids[slot] = id;
    const dense = this.denseSlots;
    const i = id - this.denseBase;
    if (dense !== null && i >= 0 && i < dense.length) dense[i] = slot;
    else this.slotMap.set(id, slot);
    return slot;
  }

  get capacity(): number {
    return this.cap;
  }

  /** Adds `slot` to the member set of `key` in `map` (bulk loading). */
  addMember(map: Map<number, SlotSet>, key: number, slot: number): void {
    let set = map.get(key);
    if (!set) {
      set = new SlotSet();
      map.set(key, set);
    }
    set.add(slot, this.cap);
  }

  /** Sets the scalar facts of a slot (bulk loading; sets are filled with addMember). */
  setBase(slot: number, deleted: boolean, storeId: number | null): void {
    setBit(this.exists, slot);
    if (deleted) setBit(this.deleted, slot);
    else clearBit(this.deleted, slot);
    const old = this.storeOf[slot] as number;
    if (!Number.isNaN(old)) this.stores.get(old)?.delete(slot);
    this.storeOf[slot] = storeId ?? Number.NaN;
    if (storeId !== null) this.addMember(this.stores, storeId, slot);
  }

  /** Forgets a customer's memberships (its slot stays, out of `exists`). */
  remove(id: number): void {
    const slot = this.slotOf(id);
    if (slot === undefined) return;
    clearBit(this.exists, slot);
    clearBit(this.deleted, slot);
    const store = this.storeOf[slot] as number;
    if (!Number.isNaN(store)) this.stores.get(store)?.delete(slot);
    this.storeOf[slot] = Number.NaN;
    for (const map of [this.tags, this.staff, this.groups]) for (const set of map.values()) set.delete(slot);
    this.addedAt[slot] = Number.NaN;
    this.orderCount[slot] = 0;
    this.totalSpent[slot] = 0;
    this.lastOrderAt[slot] = Number.NaN;
    for (const col of this.attrCols.values()) col.delete(slot);
  }

  /** Replaces everything known of one customer (a reload after a change). Idempotent. */
  upsert(f: TCustomerFacts): void {
    this.remove(f.id);
    const slot = this.slotFor(f.id);
    this.setBase(slot, f.deleted, f.storeId);
    for (const t of f.tagIds) this.addMember(this.tags, t, slot);
    for (const s of f.staffIds) this.addMember(this.staff, s, slot);
    for (const g of f.groupIds) this.addMember(this.groups, g, slot);
    this.addedAt[slot] = f.addedAtMs;
    this.orderCount[slot] = f.orderCount;
    this.totalSpent[slot] = f.totalSpentCents;
    this.lastOrderAt[slot] = f.lastOrderAtMs;
    if (f.attrs) {
      for (const [key, col] of this.attrCols) {
        const v = classifyAudienceValue(f.attrs[key]);
        if (v === null) col.delete(slot);
        else col.set(slot, v);
      }
    }
  }

  /** The number of words of a result bitset. */
  get words(): number {
    return wordsFor(this.n);
  }

  /** Existing customers, deleted ones only when asked. */
  everyone(includeDeleted: boolean): Uint32Array {
    const out = this.exists.slice(0, this.words);
    if (!includeDeleted) andNotInto(out, this.deleted.subarray(0, this.words));
    return out;
  }

  /** Union of the member sets of `keys` in `map`. */
  union(map: Map<number, SlotSet>, keys: readonly number[]): Uint32Array {
    const out = new Uint32Array(this.words);
    for (const k of keys) map.get(k)?.orInto(out);
    return out;
  }

  /** Attribute keys an expression reads that are not built-ins (to load before evaluating). */
  static attrKeys(expr: TAudienceExpression, out = new Set<string>()): Set<string> {
    if ('all' in expr) for (const e of expr.all) AudienceIndex.attrKeys(e, out);
    else if ('any' in expr) for (const e of expr.any) AudienceIndex.attrKeys(e, out);
    else if ('not' in expr) AudienceIndex.attrKeys(expr.not, out);
    else if ('attr' in expr && !BUILTINS.has(expr.attr)) out.add(expr.attr);
    return out;
  }

  /** The customers of `scope` in the audience, as a bitset (every custom attr column must be loaded). */
  evaluate(expr: TAudienceExpression, scope: Uint32Array): Uint32Array {
    const out = this.node(expr, scope);
    andInto(out, scope);
    return out;
  }

  // Returns a fresh bitset the caller may modify; only its bits inside `scope` matter.
  private node(e: TAudienceExpression, scope: Uint32Array): Uint32Array {
    const words = scope.length;
    if ('all' in e) {
      const out = scope.slice();
      // Set conditions first; per-customer tests (dates, attributes) then look only at the
      // customers left, instead of scanning every slot.
      const tests: TPerSlotTest[] = [];
      for (const x of e.all) {
        const test = this.perSlotTest(x);
        if (test) tests.push(test);
        else andInto(out, this.node(x, scope));
      }
      for (const test of tests) keepWhere(out, test);
      return out;
    }
    if ('any' in e) {
      const out = new Uint32Array(words);
      for (const x of e.any) orInto(out, this.node(x, scope));
      return out;
    }
    if ('not' in e) {
      const out = scope.slice();
      andNotInto(out, this.node(e.not, scope));
      return out;
    }
    if ('tag' in e) return this.member(this.tags, e.tag, words);
    if ('store' in e) return this.member(this.stores, e.store, words);
    if ('staff' in e) return this.member(this.staff, e.staff, words);
    if ('inGroup' in e) return this.member(this.groups, e.inGroup, words);
    if ('untaggedIn' in e) {
      const out = scope.slice();
      const group = Number(e.untaggedIn);
      const tagged = new Uint32Array(words);
      for (const [tag, g] of this.tagGroupOf) if (g === group) this.tags.get(tag)?.orInto(tagged);
      andNotInto(out, tagged);
      return out;
    }
    if ('addedBetween' in e) {
      const from = parseInstant(e.addedBetween[0]);
      const to = parseInstant(e.addedBetween[1]);
      const out = new Uint32Array(words);
      if (from !== null && to !== null) rangeInto(this.addedAt, this.n, from, to, out);
      return out;
    }
    return this.attr(e, words);
  }

  // The test of a date or attribute leaf on one slot, for filtering a candidate set; null for
  // every other node.
  private perSlotTest(e: TAudienceExpression): TPerSlotTest | null {
    if ('addedBetween' in e) {
      const from = parseInstant(e.addedBetween[0]);
      const to = parseInstant(e.addedBetween[1]);
      const at = this.addedAt;
      if (from === null || to === null) return () => false;
      return (s) => {
        const v = at[s] as number;
        return v >= from && v <= to;
      };
    }
    if (!('attr' in e)) return null;
    const test = compileAttrTest(e.op, e.value);
    if (BUILTINS.has(e.attr)) {
      const col = e.attr === 'order_count' ? this.orderCount : e.attr === 'total_spent' ? this.totalSpent : this.lastOrderAt;
      const have = { kind: e.attr === 'last_order_date' ? 'instant' : 'number', n: 0 } as {
        kind: 'number' | 'instant';
        n: number;
      };
      return (s) => {
        const v = col[s] as number;
        if (Number.isNaN(v)) return false;
        have.n = v;
        return test(have);
      };
    }
    const col = this.attrCols.get(e.attr);
    if (!col) throw new Error(`audience index: attribute column ${e.attr} was not loaded`);
    return (s) => {
      const v = col.get(s);
      return v !== undefined && test(v);
    };
  }

  private member(map: Map<number, SlotSet>, id: string, words: number): Uint32Array {
    const out = new Uint32Array(words);
    map.get(Number(id))?.orInto(out);
    return out;
  }

  private attr(e: Extract<TAudienceExpression, { attr: string }>, words: number): Uint32Array {
    const out = new Uint32Array(words);
    const test = compileAttrTest(e.op, e.value);
    if (BUILTINS.has(e.attr)) {
      const col = e.attr === 'order_count' ? this.orderCount : e.attr === 'total_spent' ? this.totalSpent : this.lastOrderAt;
      const kind = e.attr === 'last_order_date' ? 'instant' : 'number';
      // One mutable value, so a million comparisons allocate nothing.
      const have = { kind, n: 0 } as { kind: 'number' | 'instant'; n: number };
      for (let s = 0; s < this.n; s++) {
        const v = col[s] as number;
        if (Number.isNaN(v)) continue; // missing (never ordered): every op false
        have.n = v;
        if (test(have)) setBit(out, s);
      }
      return out;
    }
    const col = this.attrCols.get(e.attr);
    if (!col) throw new Error(`audience index: attribute column ${e.attr} was not loaded`);
    for (const [s, v] of col) if (test(v)) setBit(out, s);
    return out;
  }
}

type TPerSlotTest = (slot: number) => boolean;

/** Clears the bits of `words` whose slot fails `test`. */
function keepWhere(words: Uint32Array, test: TPerSlotTest): void {
  for (let i = 0; i < words.length; i++) {
    let v = words[i] as number;
    if (v === 0) continue;
    let keep = v;
    while (v !== 0) {
      const low = v & -v;
      if (!test((i << 5) + 31 - Math.clz32(low))) keep &= ~low;
      v ^= low;
    }
    words[i] = keep;
  }
}

// A small function of its own, so V8 optimises the million-iteration loop whatever the caller does.
function rangeInto(values: Float64Array, n: number, from: number, to: number, out: Uint32Array): void {
  for (let s = 0; s < n; s++) {
    const v = values[s] as number;
    // NaN (never added) fails both comparisons.
    if (v >= from && v <= to) out[s >>> 5] = (out[s >>> 5] as number) | (1 << (s & 31));
  }
}

const BUILTINS = new Set(['order_count', 'total_spent', 'last_order_date']);
