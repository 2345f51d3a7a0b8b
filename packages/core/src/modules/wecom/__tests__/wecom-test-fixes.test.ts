import { describe, expect, it } from 'vitest';
import { wecomTestFix } from '../wecom-test-fixes.ts';

describe('wecomTestFix', () => {
  it.each([
    ['token', 'AUTH', 40001, /^40001 invalid secret → copy the 客户联系 secret again from 客户与上下游/],
    ['app_token', 'AUTH', 40001, /^40001 invalid secret → copy the self-built app's Secret/],
    ['token', 'AUTH', 40013, /^40013 invalid corp id/],
    ['staff_list', 'AUTH', 48002, /^48002 API not allowed/],
    ['token', 'AUTH', 60020, /^60020 IP not allowed/],
    ['staff_detail', 'NOT_FOUND', 60011, /visible range/],
    ['staff_list', 'RATE_LIMITED', 45009, /^45009 rate limit/],
    ['token', 'UNAVAILABLE', -1, /^-1 WeCom busy/],
    ['token', 'UNAVAILABLE', undefined, /reach qyapi\.weixin\.qq\.com/],
    ['staff_list', 'EMPTY', undefined, /使用范围/],
    ['token', 'AUTH', undefined, /corp id and secret/],
    ['token', 'INVALID', 12345, /Check the values/],
  ] as const)('%s %s %s', (step, code, vendorCode, expected) => {
    expect(wecomTestFix(step, code, vendorCode)).toMatch(expected);
  });
});
