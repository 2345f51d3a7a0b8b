import { hasSeat, isFull, routingOrder, type TGroupCodeRule, type TPoolEntry } from './group-code-rules.ts';

// How a code's pool is exposed through WeCom join ways (groupchat/add_join_way, ≤ 5 chats each).
//
// WeCom puts whoever scans a join way into the FIRST group of its list that has room. So the QR the
// landing shows for a routed group must be a way whose list starts with that group, or the visitor
// would land elsewhere. Each way therefore has a head (its first chat: the group it leads to),
// followed by up to four other groups with room as overflow, for when WeCom finds the head full
// before Pond does. Only groups that head a way are routed to.
//
// Rotation: a way keeps its head while the head is not full and still has a seat or seats promised
// to visitors on their way; otherwise the way is freed and given to a fresh group (update_join_way)
// — cheaper than deleting and creating, and a way left without a group is deleted. Full groups
// leave every list. Lists of ways whose head stays are kept in place; only changed lists are applied.

/** A join way as Pond last applied it. */
export type TWayState = { id: number; chatIds: readonly string[] };

export type TJoinWayPlan = {
  /** Ways whose list must change (update_join_way), with the new list; the head comes first. */
  updates: { wayId: number; chatIds: string[] }[];
  /** New ways to create (add_join_way), each list headed by the group it leads to. */
  creates: { chatIds: string[] }[];
  /** Ways no group needs any more (del_join_way). */
  deletes: number[];
  /** The list every way will hold after the plan (unchanged ways included), by way id. */
  lists: Map<number, string[]>;
};

export type TPlanJoinWaysInput = {
  pool: readonly TPoolEntry[];
  ways: readonly TWayState[];
  rule: TGroupCodeRule;
  /** How many groups with a seat should head a way at once (more ways, more calls). */
  maxLeads?: number;
  /** WeCom's chat_id_list limit. */
  maxChats?: number;
};

export const DEFAULT_MAX_LEADS = 5;
export const JOIN_WAY_MAX_CHATS = 5;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The lists a code's join ways should hold now, and the calls that get them there.
 * @example
 * planJoinWays({ pool, ways: [{ id: 1, chatIds: ['wrA', 'wrB'] }], rule: 'fill_in_order' })
 * // wrA full → { updates: [{ wayId: 1, chatIds: ['wrB', 'wrC'] }], creates: [], deletes: [] , … }
 */
export function planJoinWays(input: TPlanJoinWaysInput): TJoinWayPlan {
  const maxLeads = Math.max(1, input.maxLeads ?? DEFAULT_MAX_LEADS);
  const maxChats = Math.min(JOIN_WAY_MAX_CHATS, Math.max(1, input.maxChats ?? JOIN_WAY_MAX_CHATS));
  const byChat = new Map(input.pool.map((g) => [g.chatId, g]));
  // A head keeps its way while it can take visitors or owes seats to visitors on their way.
  const keepsHead = (g: TPoolEntry | undefined): g is TPoolEntry => !!g && !isFull(g) && (hasSeat(g) || g.reserved > 0);

  const ways = [...input.ways].sort((a, b) => a.id - b.id);
  const heads = new Map<number, string>(); // wayId → head chat
  const headed = new Set<string>();
  const freed: number[] = [];
  for (const way of ways) {
    const head = way.chatIds[0];
    const group = head === undefined ? undefined : byChat.get(head);
    if (head !== undefined && keepsHead(group) && !headed.has(head)) {
      heads.set(way.id, head);
      headed.add(head);
    } else {
      freed.push(way.id);
    }
  }

  // Fresh heads, in the rule's order, until enough groups with a seat lead a way.
  let leadsWithSeat = [...heads.values()].filter((c) => {
    const g = byChat.get(c);
    return !!g && hasSeat(g);
  }).length;
  const fresh: string[] = [];
  for (const g of routingOrder(input.pool, input.rule)) {
    if (leadsWithSeat >= maxLeads) break;
    if (headed.has(g.chatId) || !hasSeat(g)) continue;
    fresh.push(g.chatId);
    headed.add(g.chatId);
    leadsWithSeat++;
  }
  const creates: string[] = [];
  for (const chat of fresh) {
    const wayId = freed.shift();
    if (wayId === undefined) creates.push(chat);
    else heads.set(wayId, chat);
  }

  // Overflow after the head: other groups that are not full, in pool order (stable, so lists change
  // only when a group fills, empties or joins the pool).
  const overflowOrder = routingOrder(input.pool, 'fill_in_order').filter((g) => !isFull(g));
  const listFor = (head: string) => [
    head,
    ...overflowOrder
      .filter((g) => g.chatId !== head)
      .slice(0, maxChats - 1)
      .map((g) => g.chatId),
  ];

  const current = new Map(ways.map((w) => [w.id, w.chatIds]));
  const updates: TJoinWayPlan['updates'] = [];
  const lists = new Map<number, string[]>();
  for (const [wayId, head] of [...heads.entries()].sort((a, b) => a[0] - b[0])) {
    const list = listFor(head);
    lists.set(wayId, list);
    if (!sameList(list, current.get(wayId) ?? [])) updates.push({ wayId, chatIds: list });
  }
  return { updates, creates: creates.map((head) => ({ chatIds: listFor(head) })), deletes: freed, lists };
}
