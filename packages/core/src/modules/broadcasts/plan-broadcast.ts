import type { TMessageContent } from '@pond/channels';
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, systemActor, withActor } from '../../context.ts';
import { rowsOf } from '../../lib/bulk-sql.ts';
import { AppError } from '../../lib/errors.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { resolveContent, type TContentRefInput } from '../materials/content-ref.ts';
import { enqueueAction } from '../outbox/enqueue-action.ts';
import { createGuideTask } from '../tasks/create-guide-task.ts';
import { broadcastMembers } from './broadcast-audience.ts';
import { chunkRanges, isHeldOut, MASS_TASK_MAX_TARGETS, quietHoursRelease, withinCaps } from './broadcast-rules.ts';
import { bigintArray, boolArray, fillServingCustomers, fillServingGroups, recentSendCounts } from './broadcast-sql.ts';
import { broadcastRecipients, broadcasts, broadcastTasks } from './broadcasts.tables.ts';

export const BROADCAST_PLAN_JOB = 'broadcasts.plan';

/** A planning running longer than this belongs to a worker that died; another may take it over. */
export const PLANNING_LEASE_MS = 10 * 60_000;

/** Recipient rows per INSERT … SELECT FROM unnest(…) statement. */
const INSERT_CHUNK = 100_000;

export type TPlanPhases = {
  audience: number;
  staff: number;
  caps: number;
  holdout: number;
  insert: number;
  tasks: number;
  total: number;
};

export type TPlanOutcome = {
  outcome: 'planned' | 'deferred' | 'skipped';
  // When a deferred planning will run (the schedule, or the end of quiet hours).
  runAt?: Date;
  phases: TPlanPhases;
  recipients: number;
  tasks: number;
};

export type TPlanOptions = {
  /** Targets per mass task (tests use small chunks); at most WeCom's limit. */
  maxTargetsPerTask?: number;
};

type TBroadcastRow = typeof broadcasts.$inferSelect;

/** Enqueues the planning of a broadcast to run at `runAt`, once per (broadcast, time). */
export async function enqueuePlan(ctx: Ctx, broadcastId: number, runAt: Date): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  await ctx.queue.send(
    BROADCAST_PLAN_JOB,
    { tenantId, broadcastId },
    { id: deterministicJobId(`broadcast-plan:${tenantId}:${broadcastId}:${runAt.getTime()}`), startAfter: runAt, tx: ctx.tx },
  );
}

/** When a scheduled broadcast may start: its time (or now), pushed past quiet hours. */
export function broadcastStartsAt(b: Pick<TBroadcastRow, 'sendAt' | 'quietStart' | 'quietEnd' | 'timeZone'>, now: Date): Date {
  const at = b.sendAt && b.sendAt > now ? b.sendAt : now;
  return quietHoursRelease(at, { start: b.quietStart, end: b.quietEnd, timeZone: b.timeZone });
}

const since = (t0: number) => Math.round(performance.now() - t0);

// Recipients: the audience snapshot, serving staff, caps and holdout, all rows in one transaction
// (a crash leaves none, and the re-run starts over with the audience as it is then).
async function planRecipients(ctx: Ctx, b: TBroadcastRow, phases: TPlanPhases): Promise<number> {
  const tenantId = ctx.actor.tenantId;
  let t0 = performance.now();
  const members = await broadcastMembers(ctx, {
    target: b.target as 'customers' | 'groups',
    audienceId: b.audienceId,
    audience: b.audience,
    groupFilter: b.groupFilter,
  });
  phases.audience = since(t0);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    // Sorts and hashes of a million rows stay in memory (the default 4 MB spills them to disk).
    await tx.execute(sql`set local work_mem = '128MB'`);
    t0 = performance.now();
    if (b.target === 'groups') await fillServingGroups(tx, tenantId, members);
    else await fillServingCustomers(tx, tenantId, members);
    phases.staff = since(t0);

    t0 = performance.now();
    const capped = new Array<boolean>(members.length).fill(false);
    if (b.target === 'customers') {
      const recent = await recentSendCounts(tx, tenantId, b.id, now);
      const caps = { perDay: b.capPerDay, perWeek: b.capPerWeek };
      for (let i = 0; i < members.length; i++) {
        const r = recent.get(members[i] as number);
        if (r && !withinCaps(r, caps)) capped[i] = true;
      }
    }
    phases.caps = since(t0);

    t0 = performance.now();
    const held = members.map((id) => isHeldOut(b.id, id, b.holdoutPercent));
    phases.holdout = since(t0);

    t0 = performance.now();
    // The members with their flags go into a temp table in chunks (no WAL), then every recipient
    // row is written by ONE insert … select joining the serving staff: one hash join, not one per chunk.
    await tx.execute(sql`drop table if exists bc_members`);
    await tx.execute(sql`create temp table bc_members (id bigint, held boolean, capped boolean) on commit drop`);
    for (let from = 0; from < members.length; from += INSERT_CHUNK) {
      const to = Math.min(members.length, from + INSERT_CHUNK);
      await tx.execute(sql`insert into bc_members
        select * from unnest(${bigintArray(members.slice(from, to))}, ${boolArray(held.slice(from, to))}, ${boolArray(capped.slice(from, to))})`);
    }
    await tx.execute(sql`analyze bc_members`);
    // Every row is written in this one transaction, so a broadcast has all its rows or none: a
    // plain insert (no ON CONFLICT, whose per-row speculative insertion costs ~20 % at 1M rows) when
    // it has none; a second planner racing past the lease fails on the primary key and retries.
    const planned = await tx.execute(
      sql`select 1 from ${broadcastRecipients} where ${broadcastRecipients.tenantId} = ${tenantId} and ${broadcastRecipients.broadcastId} = ${b.id} limit 1`,
    );
    if ((planned as unknown as { rows: unknown[] }).rows.length === 0)
      await tx.execute(sql`insert into ${broadcastRecipients}
        (tenant_id, broadcast_id, recipient_id, external_id, staff_id, store_id, status, planned_at)
      select ${tenantId}, ${b.id}, u.id, s.external_id, s.staff_id, s.store_id,
        case when s.id is null then 'not_friend' when u.held then 'held_out' when u.capped then 'capped' else 'queued' end,
        ${now.toISOString()}
      from bc_members u
      left join bc_serving s on s.id = u.id
      order by u.id`);
    await tx
      .update(broadcasts)
      .set({ recipientsAt: now, audienceCount: members.length, updatedAt: now })
      .where(and(eq(broadcasts.tenantId, tenantId), eq(broadcasts.id, b.id)));
    phases.insert = since(t0);
  });
  return members.length;
}

type TChunkRow = {
  staff_id: number | string;
  chunk: number | string;
  first_id: number | string;
  last_id: number | string;
  n: number | string;
  targets: string[];
  user_id: string;
};

// Tasks: one mass task per (staff member, chunk) through the outbox and one guide task per staff
// member. Chunks are a pure function of the recipient rows that belong in a task (a serving staff
// member, not held out or capped — statuses results may change later keep them in), so a re-run
// finds the same chunks; the outbox key, the guide task's source key and the task row's unique key
// make every step happen once. Batches of chunks commit on their own, several at a time on PostgreSQL.
const TASKS_PER_TX = 25;

async function planTasks(ctx: Ctx, b: TBroadcastRow, content: TMessageContent, maxTargets: number): Promise<number> {
  const tenantId = ctx.actor.tenantId;
  const done = new Set(
    (
      await ctx.db
        .select({ staffId: broadcastTasks.staffId, chunk: broadcastTasks.chunk })
        .from(broadcastTasks)
        .where(and(eq(broadcastTasks.tenantId, tenantId), eq(broadcastTasks.broadcastId, b.id)))
    ).map((t) => `${t.staffId}:${t.chunk}`),
  );
  // Staff members with at most one chunk (nearly all) need no ordering: one hash aggregate. Only
  // those above the limit are numbered by recipient id and cut into consecutive chunks.
  const inTask = sql`r.tenant_id = ${tenantId} and r.broadcast_id = ${b.id} and r.staff_id is not null
    and r.status not in ('held_out', 'capped')`;
  const { single, split } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '128MB'`);
    const sizes = rowsOf<{ staff_id: number | string; n: number | string }>(
      await tx.execute(sql`select r.staff_id, count(*) as n from ${broadcastRecipients} r where ${inTask} group by r.staff_id`),
    );
    const big = sizes.filter((x) => Number(x.n) > maxTargets).map((x) => Number(x.staff_id));
    const single = rowsOf<TChunkRow>(
      await tx.execute(sql`select r.staff_id, 0 as chunk, min(r.recipient_id) as first_id, max(r.recipient_id) as last_id,
          count(*) as n, array_agg(r.external_id) as targets, min(st.wecom_user_id) as user_id
        from ${broadcastRecipients} r
        join staff st on st.tenant_id = r.tenant_id and st.id = r.staff_id
        where ${inTask} and r.staff_id <> all(${bigintArray(big)})
        group by r.staff_id`),
    );
    const split =
      big.length === 0
        ? []
        : rowsOf<TChunkRow>(
            await tx.execute(sql`select x.staff_id, (x.rn - 1) / ${maxTargets} as chunk, min(x.recipient_id) as first_id,
                max(x.recipient_id) as last_id, count(*) as n, array_agg(x.external_id) as targets,
                min(st.wecom_user_id) as user_id
              from (select r.staff_id, r.recipient_id, r.external_id,
                      row_number() over (partition by r.staff_id order by r.recipient_id) as rn
                    from ${broadcastRecipients} r
                    where ${inTask} and r.staff_id = any(${bigintArray(big)})) x
              join staff st on st.tenant_id = ${tenantId} and st.id = x.staff_id
              group by x.staff_id, chunk`),
          );
    return { single, split };
  });
  const chunks = [...single, ...split]
    .filter((c) => !done.has(`${Number(c.staff_id)}:${Number(c.chunk)}`))
    .sort((x, y) => Number(x.staff_id) - Number(y.staff_id) || Number(x.chunk) - Number(y.chunk));
  const dueAt = new Date(ctx.now().getTime() + 24 * 3600 * 1000);

  const runBatch = (batch: TChunkRow[]) =>
    ctx.db.transaction(async (tx) => {
      const tctx: Ctx = { ...ctx, tx };
      const rows: (typeof broadcastTasks.$inferInsert)[] = [];
      for (const c of batch) {
        const staffId = Number(c.staff_id);
        const chunk = Number(c.chunk);
        const { actionId } = await enqueueAction(tctx, {
          idempotencyKey: `broadcast:${b.id}:staff:${staffId}:${chunk}`,
          kind: 'mass_task',
          payload: {
            chatType: b.target === 'groups' ? 'group' : 'single',
            staffUserId: c.user_id,
            targets: c.targets,
            content,
          },
        });
        if (chunk === 0) {
          await createGuideTask(tctx, {
            staffId,
            kind: 'broadcast_confirm',
            title: `确认群发：${b.name}`.slice(0, 200),
            body: `在企业微信「客户群发」中确认发送（${b.target === 'groups' ? '客户群' : '客户'}）`,
            content: b.content,
            sourceKey: `broadcast:${b.id}:staff:${staffId}`,
            dueAt,
          });
        }
        rows.push({
          tenantId,
          broadcastId: b.id,
          staffId,
          chunk,
          firstRecipientId: Number(c.first_id),
          lastRecipientId: Number(c.last_id),
          targets: Number(c.n),
          actionId,
          status: 'queued',
        });
      }
      if (rows.length > 0) await tx.insert(broadcastTasks).values(rows).onConflictDoNothing();
    });

  const batches = chunkRanges(chunks.length, TASKS_PER_TX).map((r) => chunks.slice(r.from, r.to));
  // The embedded database has one connection: its transactions run one after another.
  const lanes = ctx.database.kind === 'postgres' ? 3 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] as TChunkRow[];
        await runBatch(batch);
      }
    }),
  );
  return done.size + chunks.length;
}

/** Recounts a broadcast's recipients by status into `broadcasts.counts`. */
export async function refreshBroadcastCounts(ctx: Ctx, broadcastId: number): Promise<Record<string, number>> {
  const db = dbOf(ctx);
  const rows = await db
    .select({ status: broadcastRecipients.status, n: count() })
    .from(broadcastRecipients)
    .where(and(eq(broadcastRecipients.tenantId, ctx.actor.tenantId), eq(broadcastRecipients.broadcastId, broadcastId)))
    .groupBy(broadcastRecipients.status);
  const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  await db
    .update(broadcasts)
    .set({ counts, updatedAt: ctx.now() })
    .where(and(eq(broadcasts.tenantId, ctx.actor.tenantId), eq(broadcasts.id, broadcastId)));
  return counts;
}

/**
 * The `broadcasts.plan` job: when a scheduled broadcast is due (and outside quiet hours) it takes
 * the audience snapshot, writes one recipient row per member with its status (queued, held out,
 * capped, not a friend), then one mass task per serving staff member and chunk through the outbox,
 * and a `broadcast_confirm` guide task per staff member. Idempotent: a re-run after a crash finds
 * what was done (recipients in one transaction, tasks in another, outbox keys per task) and
 * continues; it never inserts a recipient or a task twice.
 * @example
 * await planBroadcast(deps, { tenantId, broadcastId });
 */
export async function planBroadcast(
  deps: Deps,
  input: { tenantId: number; broadcastId: number },
  options: TPlanOptions = {},
): Promise<TPlanOutcome> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const phases: TPlanPhases = { audience: 0, staff: 0, caps: 0, holdout: 0, insert: 0, tasks: 0, total: 0 };
  const start = performance.now();
  const where = and(eq(broadcasts.tenantId, input.tenantId), eq(broadcasts.id, input.broadcastId));
  const load = async () => (await deps.db.select().from(broadcasts).where(where))[0];
  let b = await load();
  if (!b) return { outcome: 'skipped', phases, recipients: 0, tasks: 0 };
  const now = deps.now();
  if (b.status === 'scheduled') {
    const runAt = broadcastStartsAt(b, now);
    if (runAt.getTime() > now.getTime()) {
      await enqueuePlan(ctx, b.id, runAt);
      return { outcome: 'deferred', runAt, phases, recipients: 0, tasks: 0 };
    }
  }
  // One planner at a time: the transition from scheduled claims it; a planning already under way is
  // taken over only when its lease ran out (its worker died), as the sweep does.
  const [claimed] = await deps.db
    .update(broadcasts)
    .set({ status: 'planning', planningAt: now, updatedAt: now })
    .where(
      and(
        where,
        or(
          eq(broadcasts.status, 'scheduled'),
          and(
            eq(broadcasts.status, 'planning'),
            or(isNull(broadcasts.planningAt), lt(broadcasts.planningAt, new Date(now.getTime() - PLANNING_LEASE_MS))),
          ),
        ),
      ),
    )
    .returning();
  if (!claimed) return { outcome: 'skipped', phases, recipients: 0, tasks: 0 };
  b = claimed;

  let recipients = b.audienceCount;
  let content: TMessageContent;
  try {
    // Resolved once, before anyone is planned: the same message goes to every staff member's task.
    content = await resolveContent(ctx, b.content as TContentRefInput);
    if (!b.recipientsAt) recipients = await planRecipients(ctx, b, phases);
  } catch (error) {
    // A broadcast that can never be planned (its saved audience was deleted, its content no longer
    // resolves) fails with the reason; anything else is retried by the queue.
    if (error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND')) {
      await deps.db
        .update(broadcasts)
        .set({ status: 'failed', error: error.message.slice(0, 2000), updatedAt: deps.now() })
        .where(and(where, eq(broadcasts.status, 'planning')));
      deps.log.warn({ tenantId: input.tenantId, broadcastId: b.id, code: error.code }, 'broadcast failed');
      return { outcome: 'skipped', phases, recipients: 0, tasks: 0 };
    }
    throw error;
  }
  const t0 = performance.now();
  const max = Math.min(
    options.maxTargetsPerTask ?? Number.POSITIVE_INFINITY,
    MASS_TASK_MAX_TARGETS[b.target as 'customers' | 'groups'],
  );
  const tasks = await planTasks(ctx, b, content, max);
  const done = deps.now();
  await deps.db
    .update(broadcasts)
    .set(
      tasks > 0
        ? { status: 'sending', plannedAt: done, updatedAt: done }
        : { status: 'sent', plannedAt: done, completedAt: done, updatedAt: done },
    )
    .where(and(where, eq(broadcasts.status, 'planning')));
  await refreshBroadcastCounts(ctx, b.id);
  phases.tasks = since(t0);
  phases.total = since(start);
  deps.log.info({ tenantId: input.tenantId, broadcastId: b.id, recipients, tasks, phases }, 'broadcast planned');
  return { outcome: 'planned', phases, recipients, tasks };
}
