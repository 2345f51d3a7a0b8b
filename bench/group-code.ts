// Group live code under a burst: N customers join through ONE code at the same moment (each join =
// the landing's routing, which holds a seat, then the simulator's join_group into that group, with
// the whole inbound-event path behind it). The pool starts with --groups groups of --cap members,
// so new groups must open on the way. Reports joins/s, latency, groups opened and the most members
// any pool group ever had — sampled during the run and checked at the end; over the cap exits 1.
// Usage: npm run bench -- group-code [--joins 10000] [--groups 10] [--cap 200] [--db both|postgres|pglite]
import { parseArgs } from 'node:util';
import { registerChannels } from '@pond/core/channels';
import { type Ctx, systemActor, withActor } from '@pond/core/context';
import { createDeps } from '@pond/core/deps';
import { registerAllJobs } from '@pond/core/jobs';
import { customers } from '@pond/core/modules/customers/customers.tables';
import { createGroupCode } from '@pond/core/modules/group-codes/create-group-code';
import { groupCodeGroups, groupCodeOpenings } from '@pond/core/modules/group-codes/group-codes.tables';
import { joinThroughGroupCode } from '@pond/core/modules/group-codes/join-through-group-code';
import { applyGroupEvent } from '@pond/core/modules/groups/apply-group-event';
import { groupChats } from '@pond/core/modules/groups/groups.tables';
import { notifications } from '@pond/core/modules/notifications/notifications.tables';
import { orgUnits, staff, tenants } from '@pond/core/modules/org/org.tables';
import { createDatabase, type Database, runMigrations } from '@pond/db';
import { and, count, eq, inArray, max } from 'drizzle-orm';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    joins: { type: 'string', default: '10000' },
    groups: { type: 'string', default: '10' },
    cap: { type: 'string', default: '200' },
    db: { type: 'string', default: 'both' },
    'pg-url': { type: 'string', default: process.env.POND_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'pool-size': { type: 'string', default: '20' },
    // How many joins are in flight at once; default all of them.
    concurrency: { type: 'string' },
  },
});
const JOINS = Number(values.joins);
const GROUPS = Number(values.groups);
const CAP = Number(values.cap);

type Result = {
  db: string;
  joined: number;
  failed: number;
  seconds: number;
  joinsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  groupsOpened: number;
  // How long one opening took (create the group, record it, put it on a join way, notify).
  openP50: number;
  openMax: number;
  notified: number;
  maxMembersSeen: number;
  maxMembersEnd: number;
  errors: string[];
};

async function withDatabase<T>(kind: 'postgres' | 'pglite', fn: (database: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const database = await createDatabase({ kind: 'pglite' });
    try {
      await runMigrations(database);
      return await fn(database);
    } finally {
      await database.close();
    }
  }
  const base = values['pg-url'];
  const name = `pond_bench_gc_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await createDatabase({ kind: 'postgres', url: url.toString(), poolSize: Number(values['pool-size']) });
  try {
    await runMigrations(database);
    return await fn(database);
  } finally {
    await database.close();
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function run(kind: 'postgres' | 'pglite'): Promise<Result> {
  return withDatabase(kind, async (database) => {
    const deps = createDeps({ database, secret: 'bench-secret-bench-secret-bench-secret-01' });
    registerChannels(deps);
    await deps.queue.start();
    await registerAllJobs(deps);
    const db = deps.db;
    const [tenant] = await db.insert(tenants).values({ slug: 'bench', name: '茶屿' }).returning();
    if (!tenant) throw new Error('no tenant');
    const tenantId = tenant.id;
    const ctx: Ctx = withActor(deps, systemActor(tenantId));
    const [store] = await db.insert(orgUnits).values({ tenantId, kind: 'store', name: '徐汇店', code: 'S1' }).returning();
    const owners = await db
      .insert(staff)
      .values(
        ['wangfang', 'lina', 'zhangwei'].map((u, i) => ({
          tenantId,
          name: ['王芳', '李娜', '张伟'][i] ?? u,
          storeId: store?.id ?? null,
          role: 'guide',
          wecomUserId: u,
        })),
      )
      .returning();
    const groupIds: number[] = [];
    for (let i = 1; i <= GROUPS; i++) {
      const { groupId } = await applyGroupEvent(ctx, {
        source: 'bench',
        event: {
          type: 'group.created',
          at: new Date().toISOString(),
          chatId: `wr_bench_${i}`,
          name: `茶屿会员群${i}`,
          ownerUserId: 'wangfang',
        },
      });
      groupIds.push(groupId);
    }
    const people: number[] = [];
    for (let i = 0; i < JOINS; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, JOINS - i) }, (_, k) => ({
        tenantId,
        name: `顾客${i + k + 1}`,
        externalUserId: `wm_bench_${i + k + 1}`,
        source: 'sim',
      }));
      const inserted = await db.insert(customers).values(rows).returning({ id: customers.id });
      people.push(...inserted.map((r) => r.id));
    }
    const code = await createGroupCode(ctx, {
      name: '会员群活码',
      groupNameTemplate: '茶屿会员群{n}',
      memberCap: CAP,
      ownerStaffIds: owners.map((o) => o.id),
      groupIds,
      notice: '每周三会员日',
    });

    // The most members any pool group has, by Pond's pool counters and by the groups module's own
    // member counts (what the join events applied).
    const poolGroupIds = async () =>
      (await db.select({ id: groupCodeGroups.groupId }).from(groupCodeGroups).where(eq(groupCodeGroups.codeId, code.id))).map(
        (r) => r.id,
      );
    const maxMembers = async () => {
      const ids = await poolGroupIds();
      const [a] = await db
        .select({ m: max(groupCodeGroups.members) })
        .from(groupCodeGroups)
        .where(eq(groupCodeGroups.codeId, code.id));
      const [b] = await db
        .select({ m: max(groupChats.memberCount) })
        .from(groupChats)
        .where(and(eq(groupChats.tenantId, tenantId), inArray(groupChats.id, ids)));
      return Math.max(a?.m ?? 0, b?.m ?? 0);
    };
    let maxSeen = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxSeen = Math.max(maxSeen, await maxMembers());
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const latencies: number[] = [];
    const errors = new Map<string, number>();
    const t0 = performance.now();
    const join = async (customerId: number) => {
      const start = performance.now();
      try {
        await joinThroughGroupCode(ctx, { codeId: code.id, customerId });
        latencies.push(performance.now() - start);
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message.slice(0, 120) : String(error);
        errors.set(message, (errors.get(message) ?? 0) + 1);
        return false;
      }
    };
    const width = values.concurrency ? Number(values.concurrency) : people.length;
    const queue = [...people];
    const outcomes: boolean[] = [];
    await Promise.all(
      Array.from({ length: Math.min(width, people.length) }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) outcomes.push(await join(next));
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    sampling = false;
    await sampler;
    const maxEnd = await maxMembers();
    maxSeen = Math.max(maxSeen, maxEnd);
    const [opened] = await db
      .select({ n: count() })
      .from(groupCodeOpenings)
      .where(and(eq(groupCodeOpenings.codeId, code.id), eq(groupCodeOpenings.status, 'opened')));
    const openings = await db
      .select({ startedAt: groupCodeOpenings.startedAt, openedAt: groupCodeOpenings.openedAt })
      .from(groupCodeOpenings)
      .where(and(eq(groupCodeOpenings.codeId, code.id), eq(groupCodeOpenings.status, 'opened')));
    const openMs = openings.map((o) => (o.openedAt?.getTime() ?? 0) - o.startedAt.getTime()).sort((a, b) => a - b);
    const [notified] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.tenantId, tenantId), eq(notifications.kind, 'group_code.group_opened')));
    await deps.queue.stop();
    latencies.sort((a, b) => a - b);
    const joined = outcomes.filter(Boolean).length;
    return {
      db: kind === 'postgres' ? `PostgreSQL (pool ${values['pool-size']})` : 'PGlite (in memory)',
      joined,
      failed: JOINS - joined,
      seconds,
      joinsPerSecond: joined / seconds,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? 0,
      groupsOpened: opened?.n ?? 0,
      openP50: quantile(openMs, 0.5),
      openMax: openMs[openMs.length - 1] ?? 0,
      notified: notified?.n ?? 0,
      maxMembersSeen: maxSeen,
      maxMembersEnd: maxEnd,
      errors: [...errors].map(([m, n]) => `${n}× ${m}`),
    };
  });
}

const kinds: ('postgres' | 'pglite')[] =
  values.db === 'both' ? ['postgres', 'pglite'] : values.db === 'pglite' ? ['pglite'] : ['postgres'];
const results: Result[] = [];
for (const kind of kinds) {
  const r = await run(kind);
  results.push(r);
  console.error(`${r.db}: ${r.joined}/${JOINS} joined in ${r.seconds.toFixed(1)} s`);
  for (const e of r.errors.slice(0, 5)) console.error(`  ${e}`);
}

const expectedOpened = Math.ceil(Math.max(0, JOINS - GROUPS * (CAP - 1)) / (CAP - 1));
const cell = (f: (r: Result) => string) => results.map(f).join(' | ');
console.log(
  `group-code burst: ${JOINS.toLocaleString('en')} concurrent joins through one code, pool of ${GROUPS} groups, cap ${CAP} (${process.version})`,
);
console.log(`| | ${cell((r) => r.db)} |`);
console.log(`|---|${results.map(() => '---').join('|')}|`);
console.log(`| joined | ${cell((r) => `${r.joined.toLocaleString('en')} (${r.failed} failed)`)} |`);
console.log(`| wall time (s) | ${cell((r) => r.seconds.toFixed(1))} |`);
console.log(`| joins/s | ${cell((r) => r.joinsPerSecond.toFixed(0))} |`);
console.log(
  `| latency p50 / p99 / max (s) | ${cell((r) => `${(r.p50 / 1000).toFixed(2)} / ${(r.p99 / 1000).toFixed(2)} / ${(r.max / 1000).toFixed(2)}`)} |`,
);
console.log(`| groups opened (expected ${expectedOpened}) | ${cell((r) => String(r.groupsOpened))} |`);
console.log(`| time to open a group p50 / max (ms) | ${cell((r) => `${r.openP50.toFixed(0)} / ${r.openMax.toFixed(0)}`)} |`);
console.log(`| operator notifications | ${cell((r) => String(r.notified))} |`);
console.log(`| max members in any group (cap ${CAP}) | ${cell((r) => `${r.maxMembersSeen} (end ${r.maxMembersEnd})`)} |`);
const over = results.filter((r) => r.maxMembersSeen > CAP);
if (over.length) {
  console.error(`OVER THE CAP on ${over.map((r) => r.db).join(', ')}`);
  process.exit(1);
}
if (results.some((r) => r.failed > 0)) process.exitCode = 2;
