import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { assertStorageKey, createLocalStorage, createMemoryStorage } from './storage.ts';

const root = mkdtempSync(join(tmpdir(), 'pond-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('assertStorageKey', () => {
  it.each([
    ['t1/materials/abc.png', true],
    ['a', true],
    ['../etc/passwd', false],
    ['t1/../../x', false],
    ['t1/..', false],
    ['/abs/path', false],
    ['t1//x', false],
    ['t1/./x', false],
    ['t1\\..\\x', false],
    ['.hidden', false],
    ['', false],
    ['a..b/c', false],
  ])('%s → %s', (key, ok) => {
    if (ok) expect(() => assertStorageKey(key)).not.toThrow();
    else expect(() => assertStorageKey(key)).toThrow(AppError);
  });
});

describe.each([
  ['local', () => createLocalStorage(root)],
  ['memory', () => createMemoryStorage()],
])('%s storage', (_name, make) => {
  const storage = make();
  it('puts, gets and deletes bytes with their type', async () => {
    await storage.put('t1/m/a.png', new Uint8Array([1, 2, 3]), 'image/png');
    const got = await storage.get('t1/m/a.png');
    expect(got?.contentType).toBe('image/png');
    expect([...(got?.bytes ?? [])]).toEqual([1, 2, 3]);
    await storage.delete('t1/m/a.png');
    expect(await storage.get('t1/m/a.png')).toBeNull();
  });
  it('refuses keys that leave the root', async () => {
    await expect(storage.put('../escape.txt', new Uint8Array([1]), 'text/plain')).rejects.toThrow(/safe relative path/);
    await expect(storage.get('t1/../../etc/passwd')).rejects.toThrow(AppError);
  });
});
