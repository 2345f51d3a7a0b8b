import { describe, expect, it } from 'vitest';
import type { TChannelErrorCode } from '../../channel.ts';
import { backoffDelayMs } from '../api/backoff.ts';
import { type TWecomRetry, translateWecomErrcode, WecomApiError, wecomErrorFor } from '../api/errors.ts';

describe('translateWecomErrcode', () => {
  const cases: [number, TChannelErrorCode, TWecomRetry][] = [
    [-1, 'UNAVAILABLE', 'backoff'],
    [40014, 'AUTH', 'token'],
    [42001, 'AUTH', 'token'],
    [41001, 'AUTH', 'token'],
    [40001, 'AUTH', 'none'],
    [40013, 'AUTH', 'none'],
    [40091, 'AUTH', 'none'],
    [48002, 'AUTH', 'none'],
    [60020, 'AUTH', 'none'],
    [45009, 'RATE_LIMITED', 'backoff'],
    [45033, 'RATE_LIMITED', 'backoff'],
    [40096, 'NOT_FRIEND', 'none'],
    [84061, 'NOT_FRIEND', 'none'],
    [41050, 'WELCOME_CODE_EXPIRED', 'none'],
    [41051, 'WELCOME_CODE_USED', 'none'],
    [41096, 'UNAVAILABLE', 'backoff'],
    [60111, 'NOT_FOUND', 'none'],
    [40003, 'NOT_FOUND', 'none'],
    [40058, 'INVALID', 'none'],
    [41004, 'INVALID', 'none'], // 41xxx: a parameter is missing
    [40099, 'INVALID', 'none'], // 40xxx not listed: an invalid parameter
    [60003, 'NOT_FOUND', 'none'], // contact-book range
    [99999, 'UNAVAILABLE', 'none'], // unknown: not retried blindly
  ];
  it.each(cases)('errcode %i → %s (retry %s)', (errcode, code, retry) => {
    const rule = translateWecomErrcode(errcode);
    expect(rule.code).toBe(code);
    expect(rule.retry).toBe(retry);
    expect(rule.hint.length).toBeGreaterThan(10);
  });
});

describe('wecomErrorFor', () => {
  it('is a ChannelError with the errcode as vendorCode, the path, and retryable by code', () => {
    const e = wecomErrorFor('externalcontact/mark_tag', 45009, 'api freq out of limit');
    expect(e).toBeInstanceOf(WecomApiError);
    expect(e.name).toBe('WecomApiError');
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryable).toBe(true);
    expect(e.vendorCode).toBe(45009);
    expect(e.path).toBe('externalcontact/mark_tag');
    expect(e.message).toContain('externalcontact/mark_tag');
    expect(e.message).toContain('45009');
    expect(wecomErrorFor('externalcontact/remark', 84061, undefined).retryable).toBe(false);
  });
});

describe('backoffDelayMs (full jitter)', () => {
  const opts = { baseMs: 200, capMs: 5000 };
  it.each([
    [0, 1, 200],
    [1, 1, 400],
    [3, 1, 1600],
    [5, 1, 5000], // capped
    [10, 0.5, 2500],
    [2, 0, 0],
  ])('attempt %i with random %f → ≤ %i', (attempt, r, expected) => {
    expect(backoffDelayMs(attempt, opts, () => (r === 1 ? 0.9999999 : r))).toBe(r === 1 ? expected - 1 : expected);
  });
});
