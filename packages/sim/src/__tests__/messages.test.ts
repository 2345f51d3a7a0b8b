import { describe, expect, it } from 'vitest';
import { chainLine, customerGroupLine, customerPrivateLine, staffGroupLine } from '../messages.ts';
import { createRng } from '../rng.ts';

const ctx = { brandName: '茶屿', storeName: '徐家汇店', who: '王女士' };

describe('chat lines', () => {
  it('vary: thousands of draws give hundreds of distinct group lines of every kind', () => {
    const rng = createRng(1);
    const lines = new Set<string>();
    const kinds = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const line = customerGroupLine(rng, ctx, 1);
      lines.add(line.content);
      kinds.add(line.kind);
    }
    expect(lines.size).toBeGreaterThan(1_000);
    expect([...kinds].sort()).toEqual(['chain', 'chat', 'complaint', 'emoji', 'new_product', 'praise', 'question', 'thanks']);
    const privateLines = new Set(Array.from({ length: 2_000 }, () => customerPrivateLine(rng, ctx)));
    expect(privateLines.size).toBeGreaterThan(200);
    const staffLines = new Set(Array.from({ length: 2_000 }, () => staffGroupLine(rng, ctx)));
    expect(staffLines.size).toBeGreaterThan(100);
  });

  it('formats chain orders as "n. who drink xq"', () => {
    const rng = createRng(2);
    for (let i = 0; i < 200; i++) expect(chainLine(rng, ctx, 7)).toMatch(/^7\. 王女士 \S+ x[1-3]( \+ \S+ x1)?( \S+)?$/);
  });

  it('produces no chain line when no chain position is given', () => {
    const rng = createRng(3);
    for (let i = 0; i < 500; i++) expect(customerGroupLine(rng, ctx).kind).not.toBe('chain');
  });

  it('is deterministic and fits the WeCom message limit', () => {
    const a = createRng(9);
    const b = createRng(9);
    for (let i = 0; i < 300; i++) {
      const line = customerGroupLine(a, ctx, i + 1);
      expect(customerGroupLine(b, ctx, i + 1)).toEqual(line);
      expect(line.content.length).toBeGreaterThan(0);
      expect(line.content.length).toBeLessThanOrEqual(2000);
      expect(line.content).not.toMatch(/undefined|NaN/);
    }
  });
});
