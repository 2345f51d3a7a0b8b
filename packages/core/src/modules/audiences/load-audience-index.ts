// Keeps the per-tenant audience index of this process exact (issue 5 §4): a full build on first use,
// then, before every evaluation, a catch-up from the change log `audience_changes` that the
// triggers fill in the writing transaction.
//
// Commit order is not seq order, so a catch-up reads `seq > lastSeq OR xid >= prevXmin`, where
// prevXmin is the xmin of the snapshot of the previous read, taken in the same statement as its
// lastSeq: every row that was invisible then (its transaction in progress, or not begun) has an xid
// at or above that xmin, or a seq above lastSeq. Rows read twice only reload a customer twice.
//
// The caller's own transaction: rows it wrote are visible to it but may roll back, so they never
// enter the shared index. Those customers are returned as `own` (the engine evaluates them with the
// naive loader, inside the transaction) and kept as suspects, reloaded by a later catch-up from
// outside the transaction. On PGlite (one connection) every read goes through the caller's handle.
import type { Database } from '@pond/db';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Ctx, dbOf } from '../../context.ts';
import type { TAudienceScalar } from './audience-expression.ts';
import { AudienceIndex, type TCustomerFacts } from './audience-index.ts';
import { classifyAudienceValue, type TAudienceValue } from './evaluate-audience.ts';
import { AUDIENCE_CHANGES_RETENTION_MS } from './prune-audience-changes.ts';
import type { SlotSet } from './slot-set.ts';

/** More changes than this in one catch-up: rebuild instead of reloading customer by customer. */
const REBUILD_OVER = 50_000;
const RELOAD_BATCH = 2_000;

type THolder = {
  index: AudienceIndex | null;
  lastSeq: string;
  prevXmin: string;
  /** Customers an earlier caller's transaction touched: reload them from committed state. */
  suspects: Set<number>;
  /** The shared first build (callers outside a transaction wait for it). */
  building: Promise<AudienceIndex> | null;
  /** Timings of the last full build, for the bench and logs. */
  lastBuildMs: number;
  lastBuild: { fetchMs: number; applyMs: number };
  /** When the change log was last read (ms): an index idle for half the retention rebuilds. */
  readAt: number;
};

// Process-wide: one index per database handle and tenant. A second `Database` on the same server
// (another process, or a test's second pool) has its own, kept exact by the same change log.
const cache = new WeakMap<Database, Map<number, THolder>>();

function holderOf(ctx: Ctx): THolder {
  let tenants = cache.get(ctx.database);
  if (!tenants) {
    tenants = new Map();
    cache.set(ctx.database, tenants);
  }
  let h = tenants.get(ctx.actor.tenantId);
  if (!h) {
    h = {
      index: null,
      lastSeq: '0',
      prevXmin: '0',
      suspects: new Set(),
      building: null,
      lastBuildMs: 0,
      lastBuild: { fetchMs: 0, applyMs: 0 },
      readAt: 0,
    };
    tenants.set(ctx.actor.tenantId, h);
  }
  return h;
}

/** Drops every cached index of `database` (tests, benches). */
export function forgetAudienceIndexes(database: Database): void {
  cache.delete(database);
}

/** The last full build of the tenant of `ctx`: total, database fetch and in-memory apply, in ms. */
export function lastAudienceBuild(ctx: Ctx): { totalMs: number; fetchMs: number; applyMs: number } {
  const h = holderOf(ctx);
  return { totalMs: h.lastBuildMs, ...h.lastBuild };
}

const dialect = new PgDialect();

// Outside a transaction the statement goes straight to the driver: drizzle's execute costs about
// half a millisecond more, which is a good part of a count.
async function rows<T>(ctx: Ctx, q: SQL): Promise<T[]> {
  if (!ctx.tx) {
    const { sql: text, params } = dialect.sqlToQuery(q);
    return (await ctx.database.executeSql(text, params)).rows as T[];
  }
  const res = await dbOf(ctx).execute(q);
  return (res as unknown as { rows: T[] }).rows;
}

// The snapshot's xmin, lowered to our own transaction's id if it has one (a snapshot never lists
// its own transaction as in progress, yet its rows are not committed).
const XMIN = sql.raw('least(pg_snapshot_xmin(pg_current_snapshot()), pg_current_xact_id_if_assigned())::text');

// The watermark seq: the tenant's highest change, and never below its pruning horizon (when every
// row has been pruned, max(seq) alone would be 0 and look older than the horizon forever).
const SEQ = (t: number) =>
  sql`greatest(coalesce((select max(seq) from audience_changes where tenant_id = ${t}), 0),
    coalesce((select pruned_through_seq from audience_change_horizons where tenant_id = ${t}), 0))::text`;

/** The numbers of a comma-separated list of non-negative integers, parsed without substrings. */
function ids(csv: string | null): number[] {
  const out: number[] = [];
  if (!csv) return out;
  let v = 0;
  for (let i = 0; i < csv.length; i++) {
    const c = csv.charCodeAt(i);
    if (c === 44) {
      out.push(v);
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out.push(v);
  return out;
}
const num = (v: unknown, fallback: number): number => (v === null || v === undefined ? fallback : Number(v));

async function buildIndex(ctx: Ctx, h: THolder): Promise<AudienceIndex> {
  const started = performance.now();
  const t = ctx.actor.tenantId;
  // The watermark first: whatever commits during the build is read again by the next catch-up.
  const [w] = await rows<{ seq: string; xmin: string }>(ctx, sql`select ${SEQ(t)} as seq, ${XMIN} as xmin`);
  // Column-wise, as a few long strings (a million row objects cost seconds to parse, these do
  // not), fetched in parallel over the pool; applied once all have arrived.
  type TMembers = { k: number | string; members: string | null }[];
  type TLists = { ids: string | null; v: string | null }[];
  const fetchStarted = performance.now();
  const [baseRows, tagRows, staffRows, groupRows, addedRows, orderRows, tagGroups] = await Promise.all([
    rows<{ ids: string | null; stores: string | null; deleted: string | null }>(
      ctx,
      // Three lists over the same rows, so position i is one customer in each.
      sql`select string_agg(id::text, ',') as ids, string_agg(coalesce(store_id::text, ''), ',') as stores,
            string_agg(case when deleted_at is null then '0' else '1' end, '') as deleted
          from (select id, store_id, deleted_at from customers where tenant_id = ${t} order by id) c`,
    ),
    rows<TMembers[number]>(
      ctx,
      sql`select tag_id as k, string_agg(customer_id::text, ',') as members from customer_tags where tenant_id = ${t} group by tag_id`,
    ),
    rows<TMembers[number]>(
      ctx,
      sql`select staff_id as k, string_agg(customer_id::text, ',') as members from follows
          where tenant_id = ${t} and deleted_at is null group by staff_id`,
    ),
    rows<TMembers[number]>(
      ctx,
      sql`select group_id as k, string_agg(distinct customer_id::text, ',') as members from group_members
          where tenant_id = ${t} and customer_id is not null and left_at is null group by group_id`,
    ),
    rows<TLists[number]>(
      ctx,
      sql`select string_agg(customer_id::text, ',') as ids, string_agg(ms::text, ',') as v from (
            select customer_id, floor(extract(epoch from min(added_at)) * 1000)::bigint as ms from follows
            where tenant_id = ${t} group by customer_id) x`,
    ),
    rows<TLists[number]>(
      ctx,
      sql`select string_agg(customer_id::text, ',') as ids, string_agg(n || ':' || s || ':' || ms, ',') as v from (
            select customer_id, count(*) as n, coalesce(sum(amount_cents), 0) as s,
              floor(extract(epoch from max(paid_at)) * 1000)::bigint as ms
            from orders where tenant_id = ${t} and status = 'paid' group by customer_id) x`,
    ),
    loadTagGroups(ctx),
  ]);
  const fetchMs = performance.now() - fetchStarted;
  const base = baseRows[0];
  const customerIds = ids(base?.ids ?? null);
  const storeIds = (base?.stores ?? '').split(',');
  const deleted = base?.deleted ?? '';
  // Slots in id order (previews sample the lowest ids); sort if the subquery's order did not hold.
  const order = customerIds.map((_, i) => i);
  if (customerIds.some((id, i) => i > 0 && id < (customerIds[i - 1] as number))) {
    order.sort((a, b) => (customerIds[a] as number) - (customerIds[b] as number));
  }
  const index = new AudienceIndex(customerIds.length + 1024);
  index.loadIds(order.map((i) => customerIds[i] as number));
  for (let slot = 0; slot < order.length; slot++) {
    const i = order[slot] as number;
    const store = storeIds[i];
    index.setBase(slot, deleted.charCodeAt(i) === 49, store ? Number(store) : null);
  }
  const fill = (map: Map<number, SlotSet>, list: TMembers) => {
    for (const r of list) {
      const key = Number(r.k);
      for (const id of ids(r.members)) {
        const slot = index.slotOf(id);
        // A customer inserted after the customers query comes with the catch-up.
        if (slot !== undefined) index.addMember(map, key, slot);
      }
    }
  };
  fill(index.tags, tagRows);
  fill(index.staff, staffRows);
  fill(index.groups, groupRows);
  // Per-customer numbers, as parallel lists.
  const perCustomer = (list: TLists, apply: (slot: number, values: string[]) => void) => {
    const r = list[0];
    const cids = ids(r?.ids ?? null);
    const values = (r?.v ?? '').split(',');
    for (let i = 0; i < cids.length; i++) {
      const slot = index.slotOf(cids[i] as number);
      if (slot !== undefined) apply(slot, (values[i] as string).split(':'));
    }
  };
  perCustomer(addedRows, (slot, [v]) => {
    index.addedAt[slot] = Number(v);
  });
  perCustomer(orderRows, (slot, [n, sum, last]) => {
    index.orderCount[slot] = Number(n);
    index.totalSpent[slot] = Number(sum);
    index.lastOrderAt[slot] = Number(last);
  });
  index.tagGroupOf = tagGroups;
  h.lastBuild = { fetchMs, applyMs: performance.now() - fetchStarted - fetchMs };
  h.lastSeq = w?.seq ?? '0';
  h.prevXmin = w?.xmin ?? '0';
  h.lastBuildMs = performance.now() - started;
  h.readAt = Date.now();
  return index;
}

async function loadTagGroups(ctx: Ctx): Promise<Map<number, number>> {
  const list = await rows<{ id: number | string; group_id: number | string }>(
    ctx,
    sql`select id, group_id from tags where tenant_id = ${ctx.actor.tenantId}`,
  );
  return new Map(list.map((r) => [Number(r.id), Number(r.group_id)]));
}

type TFactsRow = {
  id: number | string;
  store_id: number | string | null;
  deleted: boolean;
  attrs: Record<string, TAudienceScalar | null> | null;
  added_ms: number | string | null;
  staff_ids: (number | string)[] | null;
  tag_ids: (number | string)[] | null;
  group_ids: (number | string)[] | null;
  n: number | string | null;
  s: number | string | null;
  last_ms: number | string | null;
};

/** Everything the index keeps of `customerIds` (missing ones: not in the result). */
async function loadFacts(ctx: Ctx, customerIds: readonly number[]): Promise<TCustomerFacts[]> {
  const t = ctx.actor.tenantId;
  const list = await rows<TFactsRow>(
    ctx,
    sql`select c.id, c.store_id, (c.deleted_at is not null) as deleted, c.attrs,
      (select floor(extract(epoch from min(f.added_at)) * 1000)::float8 from follows f
        where f.tenant_id = ${t} and f.customer_id = c.id) as added_ms,
      (select json_agg(f.staff_id) from follows f where f.tenant_id = ${t} and f.customer_id = c.id and f.deleted_at is null) as staff_ids,
      (select json_agg(ct.tag_id) from customer_tags ct where ct.tenant_id = ${t} and ct.customer_id = c.id) as tag_ids,
      (select json_agg(distinct gm.group_id) from group_members gm
        where gm.tenant_id = ${t} and gm.customer_id = c.id and gm.left_at is null) as group_ids,
      o.n, o.s, o.last_ms
    from customers c
    left join lateral (select count(*) as n, coalesce(sum(amount_cents), 0) as s,
        floor(extract(epoch from max(paid_at)) * 1000)::float8 as last_ms
      from orders o where o.tenant_id = ${t} and o.customer_id = c.id and o.status = 'paid') o on true
    where c.tenant_id = ${t} and c.id = any(${`{${customerIds.join(',')}}`}::bigint[])`,
  );
  return list.map((r) => ({
    id: Number(r.id),
    deleted: Boolean(r.deleted),
    storeId: r.store_id === null ? null : Number(r.store_id),
    staffIds: (r.staff_ids ?? []).map(Number),
    tagIds: (r.tag_ids ?? []).map(Number),
    groupIds: (r.group_ids ?? []).map(Number),
    addedAtMs: num(r.added_ms, Number.NaN),
    orderCount: num(r.n, 0),
    totalSpentCents: num(r.s, 0),
    lastOrderAtMs: num(r.last_ms, Number.NaN),
    attrs: r.attrs ?? {},
  }));
}

async function reload(ctx: Ctx, index: AudienceIndex, customerIds: number[]): Promise<void> {
  for (let i = 0; i < customerIds.length; i += RELOAD_BATCH) {
    const batch = customerIds.slice(i, i + RELOAD_BATCH);
    const facts = await loadFacts(ctx, batch);
    // Applied without an await in between, so a concurrent evaluation never sees half a customer.
    const found = new Set<number>();
    for (const f of facts) {
      index.upsert(f);
      found.add(f.id);
    }
    for (const id of batch) if (!found.has(id)) index.remove(id);
  }
}

type TChangesRow = {
  seq: string;
  xmin: string;
  pruned: string | null;
  changes: [number | string | null, string, boolean | null][];
};

/**
 * The tenant's index, caught up with every change committed before this call (and the caller's
 * own uncommitted changes listed in `own`, for the caller to evaluate itself).
 * @example
 * const { index, own } = await refreshAudienceIndex(ctx);
 */
export async function refreshAudienceIndex(ctx: Ctx): Promise<{ index: AudienceIndex; own: number[] }> {
  const h = holderOf(ctx);
  const t = ctx.actor.tenantId;
  for (let attempt = 0; ; attempt++) {
    // Rows of transactions that were open at an old read may have been pruned since.
    if (h.index && Date.now() - h.readAt > AUDIENCE_CHANGES_RETENTION_MS / 2) h.index = null;
    let index = h.index;
    if (!index) {
      if (ctx.tx) {
        // Never wait on a build running outside this transaction (on PGlite it would wait for us).
        index = await buildIndex(ctx, h);
      } else {
        h.building ??= buildIndex(ctx, h).finally(() => {
          h.building = null;
        });
        index = await h.building;
      }
      h.index = index;
    }
    const [r] = await rows<TChangesRow>(
      ctx,
      sql`select ${SEQ(t)} as seq, ${XMIN} as xmin,
        (select pruned_through_seq from audience_change_horizons where tenant_id = ${t})::text as pruned,
        (select coalesce(json_agg(json_build_array(c.customer_id, c.what, c.xid = pg_current_xact_id_if_assigned())), '[]'::json)
          from (select customer_id, what, xid from audience_changes
            where tenant_id = ${t} and (seq > ${h.lastSeq}::bigint or xid >= ${h.prevXmin}::xid8)
            limit ${REBUILD_OVER + 1}) c) as changes`,
    );
    if (!r) throw new Error('audience index: the change log query returned nothing');
    const changes = r.changes ?? [];
    const pruned = r.pruned !== null && BigInt(r.pruned) > BigInt(h.lastSeq);
    // Rows gone (pruned), a rebuild marker (bulk load), or more changes than reloading one by one
    // is worth: rebuild, then read the changes since that build.
    if (pruned || changes.length > REBUILD_OVER || changes.some((c) => c[1] === 'all')) {
      if (h.index === index) h.index = null;
      if (attempt >= 10) throw new Error('audience index: the change log grows faster than the index can be rebuilt');
      continue;
    }
    const own = new Set<number>();
    const others = new Set<number>(h.suspects);
    let tagsChanged = false;
    for (const [customerId, what, mine] of changes) {
      if (what === 'tags') tagsChanged = true;
      if (customerId === null) continue;
      if (mine) own.add(Number(customerId));
      else others.add(Number(customerId));
    }
    for (const id of own) others.delete(id);
    const tagGroups = tagsChanged ? await loadTagGroups(ctx) : null;
    await reload(ctx, index, [...others]);
    if (tagGroups) index.tagGroupOf = tagGroups;
    for (const id of others) h.suspects.delete(id);
    for (const id of own) h.suspects.add(id);
    if (h.index === index) {
      h.lastSeq = r.seq;
      h.prevXmin = r.xmin;
      h.readAt = Date.now();
    }
    return { index, own: [...own] };
  }
}

/** Loads the custom attribute columns `keys` the index lacks (after a refresh, so they are current). */
export async function ensureAttrColumns(ctx: Ctx, index: AudienceIndex, keys: Iterable<string>): Promise<void> {
  for (const key of keys) {
    if (index.attrCols.has(key)) continue;
    const list = await rows<{ id: number | string; v: TAudienceScalar | null }>(
      ctx,
      sql`select id, attrs -> ${key} as v from customers where tenant_id = ${ctx.actor.tenantId} and jsonb_exists(attrs, ${key})`,
    );
    const col = new Map<number, TAudienceValue>();
    for (const r of list) {
      const slot = index.slotOf(Number(r.id));
      const v = classifyAudienceValue(r.v);
      if (slot !== undefined && v !== null) col.set(slot, v);
    }
    index.attrCols.set(key, col);
  }
}
