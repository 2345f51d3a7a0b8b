// The state machine of a commission ledger row. The SQL updates take their `WHERE state = …` from
// this table, so a transition is conditional and happens at most once whoever races it.
//
//   pending ──settle (after the refund window)──▶ settled ──pay (operator, batch)──▶ paid
//      └──reverse (full refund inside the refund window)──▶ reversed
//
// A refund that lands after a row settled cannot reverse it: a negative clawback row is written
// instead (see apply-order-refunded.ts), which settles and is paid like any row.

export const LEDGER_STATES = ['pending', 'settled', 'paid', 'reversed'] as const;
export type TLedgerState = (typeof LEDGER_STATES)[number];

export const LEDGER_KINDS = ['commission', 'clawback'] as const;
export type TLedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_TRANSITIONS = {
  settle: { from: 'pending', to: 'settled' },
  reverse: { from: 'pending', to: 'reversed' },
  pay: { from: 'settled', to: 'paid' },
} as const satisfies Record<string, { from: TLedgerState; to: TLedgerState }>;

export type TLedgerAction = keyof typeof LEDGER_TRANSITIONS;

/** The state after `action`, or null when the action does not apply to a row in `state`. */
export function nextLedgerState(state: TLedgerState, action: TLedgerAction): TLedgerState | null {
  const t = LEDGER_TRANSITIONS[action];
  return state === t.from ? t.to : null;
}

/** The idempotency key of what an order earns one referrer at one level: one row, ever. */
export const commissionKey = (orderId: number, level: number) => `order:${orderId}:l${level}:commission`;

/**
 * The idempotency key of what a refund takes back at one level. Refund events carry no refund id,
 * so the refund's time (ms) names it: the same event twice is one row, two refunds are two.
 */
export const clawbackKey = (orderId: number, level: number, refundedAt: Date) =>
  `order:${orderId}:l${level}:clawback:${refundedAt.getTime()}`;
