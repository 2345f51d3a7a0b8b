import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
import { parseLocation } from '../parse-location.ts';

describe('parseLocation', () => {
  it.each([
    [undefined, undefined, null],
    ['', '', null],
    ['  ', undefined, null],
    ['31.2304', '121.4737', { lat: 31.2304, lng: 121.4737 }],
    [' 30.2587 ', '120.1664', { lat: 30.2587, lng: 120.1664 }],
    ['-33.8688', '151.2093', { lat: -33.8688, lng: 151.2093 }],
    ['+90', '-180', { lat: 90, lng: -180 }],
    ['0', '0', { lat: 0, lng: 0 }],
    ['.5', '-.25', { lat: 0.5, lng: -0.25 }],
  ])('reads lat=%j lng=%j', (lat, lng, expected) => {
    expect(parseLocation(lat, lng)).toEqual(expected);
  });

  it.each([
    ['31.2304', undefined],
    ['', '121.4737'],
    ['90.0001', '0'],
    ['-91', '0'],
    ['0', '180.5'],
    ['0', '-181'],
    ['abc', '121'],
    ['NaN', '121'],
    ['Infinity', '121'],
    ['1e1', '121'],
    ['0x1F', '121'],
    ['31,2', '121'],
    ['31.2.3', '121'],
    ['1234', '121'],
  ])('refuses lat=%j lng=%j with a VALIDATION error', (lat, lng) => {
    let caught: unknown;
    try {
      parseLocation(lat, lng);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('VALIDATION');
  });
});
