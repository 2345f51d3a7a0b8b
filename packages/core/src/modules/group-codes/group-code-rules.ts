// Pure rules of group live codes: which group a visitor is routed to, what a group opened by a code
// is called and who owns it. No database here; see route-group-code.ts for the atomic claim that
// applies `hasSeat` under concurrency.

export type TGroupCodeRule = 'fill_in_order' | 'least_full';
export const GROUP_CODE_RULES = ['fill_in_order', 'least_full'] as const;

/** WeCom's member cap of a customer group; a code may fill its groups to less. */
export const WECOM_GROUP_CAP = 200;

/** A group of a code's pool as routing sees it. */
export type TPoolEntry = {
  groupId: number;
  chatId: string;
  position: number;
  cap: number;
  // Members now (customers and staff), from join/leave events.
  members: number;
  // Seats handed out by the landing, not yet used or expired.
  reserved: number;
  status: 'active' | 'dismissed';
  // The join way this group heads, if any: only such groups have a QR to show.
  wayId: number | null;
};

/** Members plus seats promised: what a new visitor must fit under. */
export const loadOf = (g: Pick<TPoolEntry, 'members' | 'reserved'>) => g.members + g.reserved;

/** The group can take one more visitor now. */
export const hasSeat = (g: TPoolEntry) => g.status === 'active' && loadOf(g) < g.cap;

/** The group is really full: members alone reach the cap, so it must leave every join way. */
export const isFull = (g: TPoolEntry) => g.status !== 'active' || g.members >= g.cap;

/** The pool in the order the rule prefers (active groups only). Stable: ties break on position, then chat. */
export function routingOrder<T extends TPoolEntry>(pool: readonly T[], rule: TGroupCodeRule): T[] {
  const byPosition = (a: T, b: T) => a.position - b.position || (a.chatId < b.chatId ? -1 : a.chatId > b.chatId ? 1 : 0);
  const active = pool.filter((g) => g.status === 'active');
  if (rule === 'least_full') return active.sort((a, b) => loadOf(a) - loadOf(b) || byPosition(a, b));
  return active.sort(byPosition);
}

/**
 * The group a visitor is routed to now: the first, in the rule's order, with a seat (and a join way,
 * unless `requireWay` is false); null when none has one.
 * @example
 * pickGroup(pool, 'fill_in_order') // the first group in pool order with members + reserved < cap
 */
export function pickGroup<T extends TPoolEntry>(
  pool: readonly T[],
  rule: TGroupCodeRule,
  options: { requireWay?: boolean } = {},
): T | null {
  const requireWay = options.requireWay ?? true;
  return routingOrder(pool, rule).find((g) => hasSeat(g) && (!requireWay || g.wayId !== null)) ?? null;
}

/**
 * The name of the group opened with running number `n`: `{n}` in the template is replaced (every
 * occurrence); WeCom allows 128 characters.
 * @example
 * groupNameFor('茶屿会员群{n}', 12) // '茶屿会员群12'
 */
export function groupNameFor(template: string, n: number): string {
  return template.replaceAll('{n}', String(n)).slice(0, 128);
}

/**
 * The owner of the group opened with running number `n`: the code's owner pool taken in turn,
 * skipping staff who cannot own a group now (resigned, unknown). Null when nobody can.
 * @example
 * ownerFor([3, 5, 8], new Set([3, 8]), 2) // 8 — 5 resigned, so the turn passes to the next
 */
export function ownerFor(ownerStaffIds: readonly number[], available: ReadonlySet<number>, n: number): number | null {
  const count = ownerStaffIds.length;
  if (count === 0) return null;
  const start = (((n - 1) % count) + count) % count;
  for (let i = 0; i < count; i++) {
    const id = ownerStaffIds[(start + i) % count];
    if (id !== undefined && available.has(id)) return id;
  }
  return null;
}

/** The join way `state` of a code (≤ 30 characters), and back. */
export const groupCodeState = (codeId: number) => `gc${codeId}`;
export function codeIdOfState(state: string | null | undefined): number | null {
  const match = state ? /^gc(\d{1,15})$/.exec(state) : null;
  return match?.[1] ? Number(match[1]) : null;
}
