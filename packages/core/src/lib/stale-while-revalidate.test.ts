import { describe, expect, it } from 'vitest';
import { cached, type TCacheEntry } from './stale-while-revalidate.ts';

function setup() {
  let clock = 1_000;
  let reads = 0;
  const pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const map = new Map<string, TCacheEntry<string>>();
  const read = () =>
    new Promise<string>((resolve, reject) => {
      reads++;
      pending.push({ resolve, reject });
    });
  const get = () =>
    cached(
      map,
      'k',
      () => 100,
      read,
      () => clock,
    );
  return {
    map,
    get,
    reads: () => reads,
    // The latest read answers, or the i-th.
    answer: (v: string, i = pending.length - 1) => pending[i]?.resolve(v),
    fail: () => pending.at(-1)?.reject(new Error('db down')),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('cached (stale-while-revalidate, one read at a time)', () => {
  it('a first burst of callers shares one read', async () => {
    const c = setup();
    const all = Promise.all([c.get(), c.get(), c.get()]);
    c.answer('v1');
    expect(await all).toEqual(['v1', 'v1', 'v1']);
    expect(c.reads()).toBe(1);
    expect(await c.get()).toBe('v1');
    expect(c.reads()).toBe(1);
  });

  it('after expiry the old value answers at once while one read refreshes it', async () => {
    const c = setup();
    const first = c.get();
    c.answer('v1');
    await first;
    c.advance(150);
    expect(await Promise.all([c.get(), c.get(), c.get()])).toEqual(['v1', 'v1', 'v1']);
    expect(c.reads()).toBe(2);
    c.answer('v2');
    await Promise.resolve();
    await Promise.resolve();
    expect(await c.get()).toBe('v2');
    expect(c.reads()).toBe(2);
  });

  it('a failed refresh keeps the old value, and the next caller reads again', async () => {
    const c = setup();
    const first = c.get();
    c.answer('v1');
    await first;
    c.advance(150);
    expect(await c.get()).toBe('v1');
    c.fail();
    await new Promise((r) => setTimeout(r, 0));
    expect(await c.get()).toBe('v1');
    expect(c.reads()).toBe(3);
  });

  it('a failed first read fails its callers and is not remembered', async () => {
    const c = setup();
    const first = c.get();
    c.fail();
    await expect(first).rejects.toThrow('db down');
    const again = c.get();
    c.answer('v1');
    expect(await again).toBe('v1');
    expect(c.reads()).toBe(2);
  });

  it('a key forgotten during a read (a save) is read afresh, and the old read is not stored', async () => {
    const c = setup();
    const old = c.get();
    c.map.delete('k');
    const fresh = c.get();
    expect(c.reads()).toBe(2);
    c.answer('new', 1);
    expect(await fresh).toBe('new');
    // The first read answering late must not overwrite the fresh value.
    c.answer('stale', 0);
    expect(await old).toBe('stale');
    expect(c.map.get('k')?.value).toBe('new');
    expect(await c.get()).toBe('new');
  });
});
