import { type TChannelEvent, ZChannelEvent } from '@pond/channels';
import { type Database, type DbLike, INTAKE_WRITERS } from '@pond/db';
import { and, eq, or } from 'drizzle-orm';
import type { Ctx, Deps } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { inboxEvents } from './inbox.tables.ts';
import { noteIntake } from './intake-pressure.ts';

export const INBOX_PROCESS_JOB = 'inbox.process';

export type TIngestInput = {
  channel: 'simulator' | 'wecom';
  // Unique per (tenant, channel): WeCom's MsgId, or FromUserName + CreateTime + the event's own fields.
  dedupeKey: string;
  event: TChannelEvent;
};

/**
 * Stores an inbound channel event and enqueues `inbox.process` for it, in one transaction — what a
 * callback handler calls *before* acknowledging. A redelivery (same dedupe key) stores nothing and
 * enqueues nothing: `duplicate: true` with the first delivery's id. Two copies arriving at once
 * store one row (the unique key decides).
 * @example
 * const { inboxEventId, duplicate } = await ingestEvent(ctx, { channel: 'wecom', dedupeKey, event });
 * return c.text('success');
 */
export async function ingestEvent(ctx: Ctx, input: TIngestInput): Promise<TIngested> {
  const parsed = ZChannelEvent.safeParse(input.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `event.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. The channel sent an event Pond cannot read.`,
    );
  }
  const event = parsed.data;
  return storeOne(ctx, {
    channel: input.channel,
    dedupeKey: input.dedupeKey,
    type: event.type,
    payload: event as unknown as Record<string, unknown>,
    occurredAt: new Date(event.at),
  });
}

export type TIngestRawInput = {
  channel: 'wecom';
  dedupeKey: string;
  // What the source calls it, e.g. 'wecom:change_external_contact/add_external_contact'.
  type: string;
  // The event as received (a WeCom callback's decrypted fields); the channel's inbox decoder
  // turns it into channel events when it is processed (see `registerInboxDecoder`).
  payload: Record<string, unknown>;
  occurredAt: Date;
};

export type TIngested = { inboxEventId: number; duplicate: boolean };

/**
 * Stores an event in the form the channel delivered it, for channels whose callbacks need more
 * than the callback itself to become channel events (WeCom: the add event has no customer name;
 * the group events have no member types). Same guarantees as `ingestEvent`.
 * @example
 * await ingestRawEvent(ctx, { channel: 'wecom', dedupeKey, type: 'wecom:change_external_chat/create', payload, occurredAt });
 */
export async function ingestRawEvent(ctx: Ctx, input: TIngestRawInput): Promise<TIngested> {
  checkRaw(input);
  return storeOne(ctx, input);
}

/**
 * `ingestRawEvent` for a callback route under load: the event joins the next group write of this
 * process — one statement (a multi-row insert, committed on its own) for every event that arrived
 * while the previous group was being written — and the promise settles when its group is
 * committed (or failed). So an event is still stored before the caller acknowledges it, but a
 * thousand callbacks a second cost a few hundred single-statement commits, not a thousand
 * transactions. The `inbox.process` jobs of a group are enqueued right after its commit, off the
 * caller's path (several groups in one insert when they pile up); should the process die in
 * between, the rows stay `pending` and the inbox sweep enqueues them (see ADR 008). A group that
 * fails is retried event by event, so one bad event cannot fail the others. Not for use inside a
 * transaction. `intakeSettled` waits for the enqueues still in flight.
 * @example
 * const { duplicate } = await ingestRawEventGrouped(deps, tenantId, { channel: 'wecom', dedupeKey, type, payload, occurredAt });
 * return c.text('success');
 */
export function ingestRawEventGrouped(deps: Deps, tenantId: number, input: TIngestRawInput): Promise<TIngested> {
  checkRaw(input);
  checkKey(input.dedupeKey);
  const g = groupsOf(deps.database);
  noteIntake();
  return new Promise<TIngested>((resolve, reject) => {
    g.waiting.push({ row: { tenantId, ...input }, resolve, reject });
    if (!g.scheduled && g.writers < writersFor(deps.database)) {
      g.scheduled = true;
      // Let the requests already read in this turn of the event loop join the group.
      setImmediate(() => {
        g.scheduled = false;
        startGroups(deps, g);
      });
    }
  });
}

/**
 * Resolves once every group written so far has its `inbox.process` jobs enqueued (or has given
 * them up to the sweep). For a graceful shutdown before the database closes, and for tests.
 * @example
 * server.close(); await intakeSettled(deps); await database.close();
 */
export async function intakeSettled(deps: Pick<Deps, 'database'>): Promise<void> {
  const g = groups.get(deps.database);
  while (g && (g.writers > 0 || g.waiting.length > 0 || g.enqueue.running || g.enqueue.ids.length > 0))
    await (g.enqueue.running ?? new Promise((r) => setTimeout(r, 5)));
}

type TInboxRow = {
  tenantId: number;
  channel: string;
  dedupeKey: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
};
type TWaiter = { row: TInboxRow; resolve: (out: TIngested) => void; reject: (error: unknown) => void };
type TJobRef = { tenantId: number; inboxEventId: number };
type TGroups = {
  waiting: TWaiter[];
  writers: number;
  scheduled: boolean;
  // Rows committed whose jobs are not yet enqueued; one insert at a time takes all of them.
  enqueue: { ids: TJobRef[]; running: Promise<void> | null };
};
// Per database (every per-request copy of the deps shares it): the callbacks waiting for a group.
const groups = new WeakMap<Database, TGroups>();
function groupsOf(database: Database): TGroups {
  let g = groups.get(database);
  if (!g) {
    g = { waiting: [], writers: 0, scheduled: false, enqueue: { ids: [], running: null } };
    groups.set(database, g);
  }
  return g;
}
// Enough to keep a statement's parameters well under PostgreSQL's 65,535 (6 per row).
const GROUP_MAX = 500;
// Jobs enqueued by one insert (pg-boss sends them as one JSON parameter).
const ENQUEUE_MAX = 2000;
// Groups written at once: on PostgreSQL a second group gathers and commits while the first waits
// for its WAL flush (`database.intake` has a connection for each); PGlite has one connection.
const writersFor = (database: Database) => (database.kind === 'postgres' ? INTAKE_WRITERS : 1);

function startGroups(deps: Deps, g: TGroups): void {
  while (g.writers < writersFor(deps.database) && g.waiting.length > 0) {
    const batch = g.waiting.splice(0, GROUP_MAX);
    g.writers += 1;
    void writeGroup(deps, g, batch).finally(() => {
      g.writers -= 1;
      startGroups(deps, g);
    });
  }
}

async function writeGroup(deps: Deps, g: TGroups, batch: TWaiter[]): Promise<void> {
  const stored = (rows: TInboxRow[]) => insertRows(deps.database.intake, rows);
  try {
    const { answers, inserted } = await stored(batch.map((w) => w.row));
    for (const [i, w] of batch.entries()) w.resolve(answers[i] as TIngested);
    enqueueLater(deps, g, inserted);
  } catch (error) {
    if (batch.length === 1) batch[0]?.reject(error);
    else
      for (const w of batch)
        await stored([w.row]).then(({ answers, inserted }) => {
          w.resolve(answers[0] as TIngested);
          enqueueLater(deps, g, inserted);
        }, w.reject);
  }
}

function enqueueLater(deps: Deps, g: TGroups, inserted: TJobRef[]): void {
  g.enqueue.ids.push(...inserted);
  if (g.enqueue.running || g.enqueue.ids.length === 0) return;
  g.enqueue.running = (async () => {
    while (g.enqueue.ids.length > 0) {
      const refs = g.enqueue.ids.splice(0, ENQUEUE_MAX);
      try {
        await deps.queue.sendMany(
          INBOX_PROCESS_JOB,
          refs.map((data) => ({ data })),
        );
      } catch (error) {
        // The rows are stored and stay pending: the inbox sweep enqueues them.
        deps.log.warn(
          { events: refs.length, err: error instanceof Error ? error.message : String(error) },
          'inbox: could not enqueue stored events; the inbox sweep will',
        );
      }
    }
    g.enqueue.running = null;
  })();
}

function checkRaw(input: TIngestRawInput): void {
  if (input.type.length === 0 || input.type.length > 200) throw new AppError('VALIDATION', 'type: 1 to 200 characters.');
  if (Number.isNaN(input.occurredAt.getTime())) throw new AppError('VALIDATION', 'occurredAt: not a valid time.');
}

function checkKey(dedupeKey: string): void {
  if (dedupeKey.length === 0 || dedupeKey.length > 512) throw new AppError('VALIDATION', 'dedupeKey: 1 to 512 characters.');
}

async function storeOne(ctx: Ctx, input: Omit<TInboxRow, 'tenantId'>): Promise<TIngested> {
  checkKey(input.dedupeKey);
  const row = { tenantId: ctx.actor.tenantId, ...input };
  const out = ctx.tx ? await storeRows(ctx, ctx.tx, [row]) : await ctx.db.transaction((tx) => storeRows(ctx, tx, [row]));
  return out[0] as TIngested;
}

const keyOf = (r: { tenantId: number; channel: string; dedupeKey: string }) =>
  `${r.tenantId}\u0000${r.channel}\u0000${r.dedupeKey}`;

/**
 * Inserts rows (in the caller's transaction, or as one statement committed on its own): each new
 * (tenant, channel, dedupe key) gets a row; a key already stored (or repeated within `rows`)
 * answers the first delivery's id with `duplicate: true`. Two writers racing on a key: the unique
 * index makes the second wait for the first and then find its row. `inserted` are the new rows,
 * whose `inbox.process` jobs the caller enqueues.
 */
async function insertRows(db: DbLike, rows: TInboxRow[]): Promise<{ answers: TIngested[]; inserted: TJobRef[] }> {
  const unique = new Map<string, TInboxRow>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!unique.has(k)) unique.set(k, r);
  }
  const inserted = await db
    .insert(inboxEvents)
    .values([...unique.values()])
    .onConflictDoNothing()
    .returning({
      id: inboxEvents.id,
      tenantId: inboxEvents.tenantId,
      channel: inboxEvents.channel,
      dedupeKey: inboxEvents.dedupeKey,
    });
  const fresh = new Map(inserted.map((r) => [keyOf(r), r.id]));
  const known = new Map<string, number>();
  const missing = [...unique.values()].filter((r) => !fresh.has(keyOf(r)));
  if (missing.length > 0) {
    const found = await db
      .select({
        id: inboxEvents.id,
        tenantId: inboxEvents.tenantId,
        channel: inboxEvents.channel,
        dedupeKey: inboxEvents.dedupeKey,
      })
      .from(inboxEvents)
      .where(
        or(
          ...missing.map((r) =>
            and(eq(inboxEvents.tenantId, r.tenantId), eq(inboxEvents.channel, r.channel), eq(inboxEvents.dedupeKey, r.dedupeKey)),
          ),
        ),
      );
    for (const f of found) known.set(keyOf(f), f.id);
  }
  const answered = new Set<string>();
  const answers = rows.map((r) => {
    const k = keyOf(r);
    const id = fresh.get(k);
    if (id !== undefined && !answered.has(k)) {
      answered.add(k);
      return { inboxEventId: id, duplicate: false };
    }
    const first = id ?? known.get(k);
    if (first === undefined) throw new AppError('INTERNAL', `Inbox event ${r.dedupeKey} was neither stored nor found.`);
    return { inboxEventId: first, duplicate: true };
  });
  return { answers, inserted: inserted.map((r) => ({ tenantId: r.tenantId, inboxEventId: r.id })) };
}

/** `insertRows` with the new rows' jobs enqueued in the same transaction `tx`. */
async function storeRows(deps: Pick<Deps, 'queue'>, tx: DbLike, rows: TInboxRow[]): Promise<TIngested[]> {
  const { answers, inserted } = await insertRows(tx, rows);
  await deps.queue.sendMany(
    INBOX_PROCESS_JOB,
    inserted.map((data) => ({ data })),
    { tx },
  );
  return answers;
}
