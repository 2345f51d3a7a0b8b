import { describe, expect, it } from 'vitest';
import { birthdayMonthDays, shanghaiDate } from '../sweep-automations.ts';

describe('shanghaiDate', () => {
  const rows: [string, string, number, string][] = [
    ['morning in Shanghai is the same UTC date', '2026-03-02T02:00:00Z', 0, '2026-03-02'],
    ['16:00 UTC is already the next day', '2026-03-02T16:00:00Z', 0, '2026-03-03'],
    ['15:59 UTC is still the day', '2026-03-02T15:59:59Z', 0, '2026-03-02'],
    ['three days later', '2026-03-02T02:00:00Z', 3, '2026-03-05'],
    ['one day earlier across a month', '2026-03-01T02:00:00Z', -1, '2026-02-28'],
  ];
  it.each(rows)('%s', (_name, at, plus, expected) => {
    expect(shanghaiDate(new Date(at), plus)).toBe(expected);
  });
});

describe('birthdayMonthDays', () => {
  const rows: [string, string, string[]][] = [
    ['an ordinary day', '2026-05-17', ['05-17']],
    ['Feb 28 of a common year also takes Feb 29 birthdays', '2027-02-28', ['02-28', '02-29']],
    ['Feb 28 of a leap year does not', '2028-02-28', ['02-28']],
    ['Feb 29 of a leap year', '2028-02-29', ['02-29']],
    ['1900 was not a leap year', '1900-02-28', ['02-28', '02-29']],
    ['2000 was', '2000-02-28', ['02-28']],
  ];
  it.each(rows)('%s', (_name, day, expected) => {
    expect(birthdayMonthDays(day)).toEqual(expected);
  });
});
