import { describe, expect, it } from 'vitest';
import {
  clawbackKey,
  commissionKey,
  LEDGER_STATES,
  nextLedgerState,
  type TLedgerAction,
  type TLedgerState,
} from '../ledger-states.ts';

// Every (state, action) pair: the only moves are pending → settled | reversed and settled → paid.
const table: [TLedgerState, TLedgerAction, TLedgerState | null][] = [
  ['pending', 'settle', 'settled'],
  ['pending', 'reverse', 'reversed'],
  ['pending', 'pay', null],
  ['settled', 'settle', null],
  ['settled', 'reverse', null],
  ['settled', 'pay', 'paid'],
  ['paid', 'settle', null],
  ['paid', 'reverse', null],
  ['paid', 'pay', null],
  ['reversed', 'settle', null],
  ['reversed', 'reverse', null],
  ['reversed', 'pay', null],
];

describe('nextLedgerState', () => {
  it('covers every state and action', () => {
    expect(table).toHaveLength(LEDGER_STATES.length * 3);
  });
  it.each(table)('%s --%s--> %s', (state, action, expected) => {
    expect(nextLedgerState(state, action)).toBe(expected);
  });
  it('has no way back: paid and reversed are final', () => {
    for (const final of ['paid', 'reversed'] as const) {
      for (const action of ['settle', 'reverse', 'pay'] as const) expect(nextLedgerState(final, action)).toBeNull();
    }
  });
});

describe('ledger keys', () => {
  it('names one commission per (order, level) and one clawback per refund time', () => {
    expect(commissionKey(42, 1)).toBe('order:42:l1:commission');
    expect(commissionKey(42, 2)).not.toBe(commissionKey(42, 1));
    const at = new Date('2026-05-01T08:00:00.123Z');
    expect(clawbackKey(42, 1, at)).toBe(`order:42:l1:clawback:${at.getTime()}`);
    expect(clawbackKey(42, 1, new Date(at.getTime() + 1))).not.toBe(clawbackKey(42, 1, at));
  });
});
