import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
import { assertKnownVariables, renderVariables, unknownVariables, ZContentRef } from '../content-ref.ts';

describe('renderVariables', () => {
  const vars = { customer_name: '陈静', staff_name: '王芳', store_name: '徐汇店' };
  it.each([
    ['{{customer_name}}您好', '陈静您好'],
    ['{{ customer_name }}，我是{{staff_name}}', '陈静，我是王芳'],
    ['欢迎来到{{store_name}}{{store_name}}', '欢迎来到徐汇店徐汇店'],
    ['{{group_name}}群', '群'],
    ['{{unknown}}x', 'x'],
    ['no variables', 'no variables'],
    ['{single} braces stay', '{single} braces stay'],
    ['{{CUSTOMER_NAME}}', ''],
    ['{{customer_name', '{{customer_name'],
  ])('%s → %s', (text, out) => expect(renderVariables(text, vars)).toBe(out));

  it('does not interpret replacement patterns in values', () => {
    expect(renderVariables('{{customer_name}}', { customer_name: '$& $1' })).toBe('$& $1');
  });
});

describe('unknownVariables', () => {
  it.each([
    ['{{customer_name}} {{staff_name}} {{store_name}} {{group_name}}', []],
    ['{{nickname}} and {{ nickname }} and {{city}}', ['nickname', 'city']],
    ['plain', []],
  ] as [string, string[]][])('%s', (text, out) => expect(unknownVariables(text)).toEqual(out));

  it('assertKnownVariables lists the allowed ones', () => {
    try {
      assertKnownVariables('{{nickname}}', 'body');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
      expect((e as AppError).message).toContain('{{nickname}}');
      expect((e as AppError).message).toContain('{{customer_name}}');
    }
  });
});

describe('ZContentRef', () => {
  it.each([
    [{ text: 'hi' }, true],
    [{ materialIds: [1] }, true],
    [{ scriptId: 3 }, true],
    [{ text: '   ' }, false],
    [{}, false],
    [{ text: 'x', materialIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, false],
  ])('%j valid: %s', (ref, ok) => expect(ZContentRef.safeParse(ref).success).toBe(ok));
});
