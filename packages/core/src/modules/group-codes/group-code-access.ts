import type { Database } from '@pond/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import type { TGroupCodeRule, TPoolEntry } from './group-code-rules.ts';
import { groupCodeGroups, groupCodes, groupCodeWays } from './group-codes.tables.ts';

export type TGroupCodeRow = typeof groupCodes.$inferSelect;
export type TPoolRow = TPoolEntry & { id: number; openedNumber: number | null };

/**
 * The code, if the actor may see it (`read`: HQ roles, and store managers for their store's codes)
 * or change it (`write`: HQ roles). Out of scope answers 404 like a missing code.
 */
export async function requireGroupCode(ctx: Ctx, id: number, mode: 'read' | 'write'): Promise<TGroupCodeRow> {
  assertRole(
    ctx.actor,
    mode === 'write' ? TENANT_WIDE : [...TENANT_WIDE, 'store_manager'],
    mode === 'write' ? 'change group live codes' : 'see group live codes',
  );
  const [row] = await dbOf(ctx)
    .select()
    .from(groupCodes)
    .where(and(eq(groupCodes.tenantId, ctx.actor.tenantId), eq(groupCodes.id, id)));
  const visible = !!row && (ctx.actor.role !== 'store_manager' || row.storeId === ctx.actor.storeId);
  if (!row || !visible) throw notFound('Group live code', id);
  return row;
}

export const ruleOf = (row: Pick<TGroupCodeRow, 'rule'>): TGroupCodeRule =>
  row.rule === 'least_full' ? 'least_full' : 'fill_in_order';

export const toPoolRow = (r: typeof groupCodeGroups.$inferSelect): TPoolRow => ({
  id: r.id,
  groupId: r.groupId,
  chatId: r.chatId,
  position: r.position,
  cap: r.cap,
  members: r.members,
  reserved: r.reserved,
  status: r.status === 'dismissed' ? 'dismissed' : 'active',
  wayId: r.wayId,
  openedNumber: r.openedNumber,
});

/** The code's pool in position order. */
export async function readPool(ctx: Ctx, codeId: number): Promise<TPoolRow[]> {
  const rows = await dbOf(ctx)
    .select()
    .from(groupCodeGroups)
    .where(and(eq(groupCodeGroups.tenantId, ctx.actor.tenantId), eq(groupCodeGroups.codeId, codeId)))
    .orderBy(asc(groupCodeGroups.position), asc(groupCodeGroups.id));
  return rows.map(toPoolRow);
}

/** The code's live join ways. */
export async function readWays(ctx: Ctx, codeId: number) {
  return dbOf(ctx)
    .select()
    .from(groupCodeWays)
    .where(and(eq(groupCodeWays.tenantId, ctx.actor.tenantId), eq(groupCodeWays.codeId, codeId), isNull(groupCodeWays.deletedAt)))
    .orderBy(asc(groupCodeWays.id));
}

/**
 * Per-process state shared by the requests of one database (single-flight of openings and syncs).
 * Keyed by the database, so two databases in one process (tests, the benchmark) never mix.
 */
const registries = new WeakMap<Database, Map<string, unknown>>();
export function processRegistry<T>(database: Database, name: string, make: () => T): T {
  let map = registries.get(database);
  if (!map) {
    map = new Map();
    registries.set(database, map);
  }
  if (!map.has(name)) map.set(name, make());
  return map.get(name) as T;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rows of a raw `execute`, whichever driver ran it. */
export const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

export type TLimiter = { run: <T>(fn: () => Promise<T>) => Promise<T> };

/** At most `permits` calls of `run` at once; the others wait their turn, first come first served. */
export function limiter(permits: number): TLimiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    run: async (fn) => {
      // A released permit passes straight to the next in line, so `active` counts it still.
      if (active >= permits) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
