import { aesKeyFrom } from '@pond/channels/wecom/crypto';
import { describe, expect, it } from 'vitest';
import { lastFour, type TWecomConnectionField, wecomFieldProblem } from '../wecom-connection-rules.ts';

const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('wecomFieldProblem', () => {
  const cases: [TWecomConnectionField, string, boolean][] = [
    ['corpId', 'wwcdd39616ea662af5', true],
    ['corpId', 'wx1234567890abcdef', true],
    ['corpId', 'ww123', false],
    ['corpId', 'wwfakecorp000001', true],
    ['corpId', 'ab1234567890abcdef', false],
    ['corpId', 'wwcdd39616ea662af5 ', false],
    ['contactSecret', 'j8kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaV32KU', true],
    ['contactSecret', 'j8kmy0EX-jk24_XJBNS2K2NhxGUpxosOzGEZQ1AaV32', true],
    ['contactSecret', 'short', false],
    ['contactSecret', 'j8kmy0EXjk24XJBNS2K2 NhxGUpxosOzGEZQ1AaV32KU', false],
    ['appSecret', 'x'.repeat(65), false],
    ['agentId', '1000002', true],
    ['agentId', 'app1', false],
    ['callbackToken', 'QDG6eK', true],
    ['callbackToken', 'a'.repeat(32), true],
    ['callbackToken', 'a'.repeat(33), false],
    ['callbackToken', 'tok-en', false],
    ['callbackToken', '', false],
    ['encodingAesKey', AES, true],
    ['encodingAesKey', 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', true],
    ['encodingAesKey', AES.slice(1), false],
    ['encodingAesKey', `${AES.slice(1)}+`, false],
    ['encodingAesKey', `${AES}=`, false],
  ];
  it.each(cases)('%s %j → ok %s', (field, value, ok) => {
    const problem = wecomFieldProblem(field, value);
    expect(problem === null).toBe(ok);
    if (!ok) expect(problem).toMatch(/WeCom|Copy|letters/);
  });

  it('accepts only AES keys the crypto can use', () => {
    for (const [field, value, ok] of cases) if (field === 'encodingAesKey' && ok) expect(aesKeyFrom(value)).toHaveLength(32);
  });
});

describe('lastFour', () => {
  it.each([
    ['j8kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaV32KU', '32KU'],
    ['abcdefgh', 'gh'],
    ['ab', 'ab'],
  ])('%s → %s', (secret, expected) => expect(lastFour(secret)).toBe(expected));
});
