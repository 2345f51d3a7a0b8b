// The API contract, checked for every operation in the OpenAPI document — walked at run time, so a
// route added tomorrow is covered without touching this file:
//  · bad input (malformed JSON, wrong types, huge strings and bodies, bad ids and paging) is a 4xx
//    with the error shape, never a 5xx, and writes nothing;
//  · without a session every non-public operation is a 401;
//  · the admin of another tenant cannot read or change `acme` objects by id;
//  · a guide cannot reach another guide's customer through any route that takes a customer id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChannels } from '../../channels.ts';
import { systemActor, withActor } from '../../context.ts';
import { registerAllJobs } from '../../jobs.ts';
import { customerToken } from '../../modules/links/customer-token.ts';
import { qrPng } from '../../modules/posters/qr-png.ts';
import { grantReward } from '../../modules/rewards/grant-reward.ts';
import { wecomSyncRuns } from '../../modules/wecom/wecom.tables.ts';
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../testing/fixture.ts';
import { type Json, json } from '../../testing/json.ts';

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  example?: unknown;
  default?: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  method: string;
  path: string;
  params: Parameter[];
  body?: { contentType: string; schema: Schema };
};
/** What a case must answer: a 4xx, or merely not a 5xx (for inputs the API may legitimately accept). */
type Expect = 'client-error' | 'not-server-error';
type Case = {
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  expect: Expect;
};

// Not part of the contract under test: liveness and the documents themselves.
const SKIP = new Set(['GET /api/health', 'GET /api/openapi.json', 'GET /api/docs']);
// These answer without a session.
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/openapi.json',
  'GET /api/docs',
  // WeCom's callback: no session, WeCom's signature instead.
  'GET /api/channels/wecom/{tenant}/callback',
  'POST /api/channels/wecom/{tenant}/callback',
]);
// Customers' H5 and landing routes: no session; the tenant comes from a short link or a signed token.
const isH5 = (o: { path: string }) => o.path.startsWith('/api/public/');
const BAD_IDS = ['999999999', 'abc', '-1', '1.5', '99999999999999999999'];
const HUGE = 'x'.repeat(100 * 1024);
const TWO_MB = 2 * 1024 * 1024;
// POND_CONTRACT_VERBOSE=1 prints every case and its answer.
const VERBOSE = process.env.POND_CONTRACT_VERBOSE === '1';
// Each case walks every route of the API; on a busy 2-core machine that takes minutes, not seconds.
const WALK_TIMEOUT = 600_000;

let w: TestWorld;
let ops: Operation[];
let components: Record<string, Schema>;
let adminCookie: string;
let fingerprintSql: string;
// Names that only `acme` rows of the fixture carry; any of them in another tenant's answer is a leak.
const acmeMarkers = [
  '陈静',
  '杨磊',
  '赵敏',
  '13800001111',
  '徐汇店',
  '西湖店',
  '王芳',
  '李娜',
  '张伟',
  '刘洋',
  '果茶',
  '奶茶',
  'Acme Tea',
];
let acmeAccountIds: number[];

// Acme objects of the acquisition modules, made through the API by acme's admin: collection → ids.
const extraIds: Record<string, number[]> = {};

/** Creates one object of each acquisition collection, so routes taking its id have a real target. */
async function seedAcquisition(): Promise<void> {
  const make = async (path: string, body: unknown): Promise<number> => {
    const res = await w.request('POST', path, { as: 'admin', body });
    const out = (await res.json()) as { id?: number; error?: { message: string } };
    if (!res.ok || typeof out.id !== 'number') throw new Error(`seed ${path} → ${res.status} ${JSON.stringify(out)}`);
    return out.id;
  };
  const i = w.ids;
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const reward = { kind: 'points', amount: 10, name: '10 积分' };
  extraIds['live-code-folders'] = [await make('/api/live-code-folders', { name: '契约测试' })];
  extraIds['live-codes'] = [
    await make('/api/live-codes', { name: '契约活码', channelName: '门店海报', pool: [{ staffId: i.guide1 }] }),
  ];
  extraIds['group-codes'] = [
    await make('/api/group-codes', {
      name: '契约群活码',
      groupNameTemplate: '契约群{n}',
      groupIds: [i.group1],
      ownerStaffIds: [i.guide1],
    }),
  ];
  extraIds['store-codes'] = [await make('/api/store-codes', { name: '契约门店码', fallbackStoreId: i.store1 })];
  extraIds.audiences = [await make('/api/audiences', { name: '契约人群', expression: { tag: String(i.tagFruit) } })];
  extraIds['keyword-replies'] = [
    await make('/api/keyword-replies', {
      name: '契约关键词',
      keywords: [{ text: '契约', mode: 'contains' }],
      content: { text: '契约回复' },
    }),
  ];
  // Engagement: one object per collection.
  const png = new FormData();
  png.append('file', new Blob([new Uint8Array(await qrPng('material', { size: 120 }))], { type: 'image/png' }), 'm.png');
  png.append('title', '契约素材');
  const uploaded = await w.app.request('/api/materials/upload', { method: 'POST', headers: { cookie: adminCookie }, body: png });
  const material = (await uploaded.json()) as { id: number };
  if (!uploaded.ok) throw new Error(`seed /api/materials/upload → ${uploaded.status} ${JSON.stringify(material)}`);
  extraIds.materials = [material.id];
  extraIds['material-folders'] = [await make('/api/material-folders', { name: '契约素材夹' })];
  extraIds['script-categories'] = [await make('/api/script-categories', { name: '契约分类' })];
  extraIds.scripts = [
    await make('/api/scripts', { categoryId: extraIds['script-categories'][0], title: '契约话术', body: '您好' }),
  ];
  extraIds.tasks = [await make('/api/tasks', { staffId: i.guide1, title: '契约任务', dueAt: new Date().toISOString() })];
  extraIds.automations = [
    await make('/api/automations', {
      name: '契约规则',
      trigger: { type: 'tag_added', tagIds: [i.tagFruit] },
      actions: [{ type: 'create_task', title: '跟进' }],
    }),
  ];
  extraIds.broadcasts = [
    await make('/api/broadcasts', { name: '契约群发', audience: { store: String(i.store1) }, content: { text: '契约' } }),
  ];
  extraIds.moments = [
    await make('/api/moments', { title: '契约朋友圈', content: { text: '契约' }, targetKind: 'stores', storeIds: [i.store1] }),
  ];
  const sopColumns = [{ name: '每日好物', color: '#fa8c16' }];
  extraIds['sops/calendars'] = [
    await make('/api/sops/calendars', {
      name: '契约群日历',
      timeline: 'daily',
      columns: sopColumns,
      targets: { groupIds: [i.group1] },
      horizonDays: 2,
      items: [{ column: '每日好物', time: '23:59', title: '契约好物', content: { text: '契约' } }],
    }),
  ];
  extraIds['sops/journeys'] = [
    await make('/api/sops/journeys', {
      name: '契约旅程',
      trigger: 'customer_added',
      steps: [{ dayOffset: 1, time: '09:00', title: '契约回访', content: { text: '契约' } }],
    }),
  ];
  // A finished WeCom import (a run needs a connection to start; the row is what the routes read).
  const [run] = await w.deps.db
    .insert(wecomSyncRuns)
    .values({ tenantId: w.tenantId, kind: 'import', status: 'done', phase: 'done', finishedAt: new Date() })
    .returning({ id: wecomSyncRuns.id });
  extraIds['wecom/sync-runs'] = [run?.id ?? 0];
  const plans = (await (await w.request('GET', '/api/sops/plans?pageSize=5', { as: 'admin' })).json()) as {
    items: { id: number }[];
  };
  if (plans.items.length === 0) throw new Error('seed /api/sops/plans: the calendar planned no step');
  extraIds['sops/plans'] = plans.items.map((p) => p.id);
  extraIds.checkins = [
    await make('/api/checkins', { name: '契约打卡', startDate: day, milestones: [{ kind: 'total', days: 3, reward }] }),
  ];
  const campaign = await make('/api/fission/campaigns', {
    name: '契约任务宝',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    goal: 3,
    tiers: [{ invites: 3, reward }],
    staffIds: [i.guide1],
  });
  extraIds['fission/campaigns'] = [campaign];
  // c1 joins from the H5 page, so the participant routes have a real participant.
  const started = await w.request('POST', `/api/fission/campaigns/${campaign}/start`, { as: 'admin' });
  const { url } = (await started.json()) as { url: string };
  const slug = url.split('/').pop() ?? '';
  const joined = await w.app.request(`/api/public/fission/${slug}/join`, {
    method: 'POST',
    headers: { 'x-pond-customer': customerToken(w.deps, w.tenantId, i.c1) },
  });
  if (!joined.ok) throw new Error(`seed fission join → ${joined.status} ${await joined.text()}`);
  const participants = (await (
    await w.request('GET', `/api/fission/campaigns/${campaign}/participants`, { as: 'admin' })
  ).json()) as { items: { id: number }[] };
  extraIds['fission/participants'] = participants.items.map((p) => p.id);
  extraIds['referral/referrers'] = [await make('/api/referral/referrers', { kind: 'staff', staffId: i.guide1 })];
  const { grantId } = await grantReward(withActor(w.deps, systemActor(w.tenantId)), {
    idempotencyKey: 'contract:c1',
    customerId: i.c1,
    reward: { kind: 'coupon', amount: 500, name: '5 元券' },
    source: 'manual',
  });
  extraIds.rewards = [grantId];
  const builtin = (await (await w.request('GET', '/api/poster-templates/builtin', { as: 'admin' })).json()) as {
    layout: unknown;
  };
  extraIds['poster-templates'] = [
    await make('/api/poster-templates', { name: '契约海报', uses: ['generic'], layout: builtin.layout }),
  ];
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await qrPng('contract', { size: 200 }))], { type: 'image/png' }), 'bg.png');
  const upload = await w.app.request('/api/poster-images', { method: 'POST', headers: { cookie: adminCookie }, body: form });
  const image = (await upload.json()) as { id: number };
  if (!upload.ok) throw new Error(`seed /api/poster-images → ${upload.status} ${JSON.stringify(image)}`);
  extraIds['poster-images'] = [image.id];
  // A staff card is made on its first request (a contact way and a row): make them now, so later
  // reads are reads.
  for (const staffId of [i.guide1, i.guide2, i.guide3, i.manager1])
    await w.request('GET', `/api/staff/${staffId}/card`, { as: 'admin' });
}

beforeAll(async () => {
  w = await createTestWorld();
  // The simulator channel serves acme: staff cards and codes create contact ways through it.
  registerChannels(w.deps);
  // Queues exist (no workers run): moments and SOP steps enqueue outbox jobs when created.
  await w.deps.queue.start();
  await registerAllJobs(w.deps);
  adminCookie = await w.login('admin');
  await seedAcquisition();
  const doc = await json(await w.request('GET', '/api/openapi.json', { as: null }));
  components = doc.components?.schemas ?? {};
  ops = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
      const contentType = Object.keys(content)[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        params: ((op.parameters ?? []) as Parameter[]).filter((p) => p.in === 'path' || p.in === 'query'),
        body: contentType ? { contentType, schema: resolve(content[contentType]?.schema ?? {}) } : undefined,
      });
    }
  }
  const accounts = await json(await w.request('GET', '/api/accounts?pageSize=200'));
  acmeAccountIds = (accounts.items as { id: number }[]).map((a) => a.id);
  fingerprintSql = await buildFingerprintSql();
}, WALK_TIMEOUT);
afterAll(async () => {
  await w?.deps.queue.stop();
  await w?.cleanup();
});

// ---------------------------------------------------------------------------------------------
// The OpenAPI document

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = components[name];
  if (!target) throw new Error(`openapi: unresolved ${schema.$ref}`);
  return resolve(target);
}

const key = (op: Operation) => `${op.method} ${op.path}`;
const types = (s: Schema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
const mainType = (s: Schema) => types(s).find((t) => t !== 'null') ?? (s.anyOf || s.oneOf ? 'union' : 'unknown');
/** The alternatives of a union body (`oneOf`/`anyOf`, e.g. simulator actions), or the schema itself. */
const variants = (s: Schema): Schema[] => (s.oneOf ?? s.anyOf ?? [s]).map(resolve);
const pathParams = (op: Operation) => op.params.filter((p) => p.in === 'path');
const queryParams = (op: Operation) => op.params.filter((p) => p.in === 'query');

/** The collection an `{id}` path belongs to: `/api/org/units/{id}/x` → `org/units`. */
const resourceOf = (path: string) => path.replace(/^\/api\//, '').split('/{')[0] ?? '';
/** The path with enum path parameters filled by their first value (`/api/sops/{kind}/{id}` → `/api/sops/calendars/{id}`). */
const concretePath = (op: Operation, overrides: Record<string, string> = {}) =>
  pathParams(op).reduce((path, p) => {
    const first = p.schema ? resolve(p.schema).enum?.[0] : undefined;
    if (first === undefined) return path;
    return path.replace(`{${p.name}}`, encodeURIComponent(overrides[p.name] ?? String(first)));
  }, op.path);

/** Ids of `acme` objects, by the collection of an `{id}` or by a parameter name. */
function acmeIds(op: Operation, param: string): number[] {
  const i = w.ids;
  const byName: Record<string, number[]> = {
    customerId: [i.c1, i.c2, i.c3],
    staffId: [i.guide1, i.guide2, i.guide3, i.manager1],
    ownerStaffId: [i.guide1, i.guide3],
    toStaffId: [i.guide2],
    storeId: [i.store1, i.store2],
    groupId: [i.group1, i.group2],
    tagId: [i.tagFruit, i.tagMilk],
    tagIds: [i.tagFruit],
  };
  if (param !== 'id') return byName[param] ?? [i.c1];
  const byResource: Record<string, number[]> = {
    customers: [i.c1, i.c2, i.c3],
    groups: [i.group1, i.group2],
    staff: [i.guide1, i.guide2, i.guide3, i.manager1],
    'org/units': [i.hq, i.region, i.store1, i.store2],
    tags: [i.tagFruit, i.tagMilk],
    'tag-groups': [i.tagGroup],
    accounts: acmeAccountIds,
    ...extraIds,
  };
  // A collection this file does not know yet: the customers are the richest target.
  return byResource[resourceOf(concretePath(op))] ?? [i.c1];
}

/** A URL for `op` with every path parameter filled (overrides first, then a real acme id). */
function urlFor(op: Operation, overrides: Record<string, string> = {}, query = ''): string {
  let path = concretePath(op, overrides);
  for (const p of pathParams(op)) {
    path = path.replace(`{${p.name}}`, encodeURIComponent(overrides[p.name] ?? String(acmeIds(op, p.name)[0])));
  }
  return query ? `${path}?${query}` : path;
}

// Values that satisfy a string schema, tried in order (patterns cannot be inverted in general).
const STRING_CANDIDATES = ['x', 'xyz', 'abc_1', 'CODE1', '13800009999', 'password-123456', '2026-01-01'];

/** A value the schema accepts, as far as this generator can tell (for bodies that must reach the handler). */
function sample(raw: Schema, name = ''): unknown {
  const s = resolve(raw);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  const first = (s.oneOf ?? s.anyOf)?.[0];
  if (first) return sample(first, name);
  switch (mainType(s)) {
    case 'string': {
      const ok = STRING_CANDIDATES.find(
        (v) =>
          v.length >= (s.minLength ?? 0) &&
          v.length <= (s.maxLength ?? Infinity) &&
          (!s.pattern || new RegExp(s.pattern).test(v)),
      );
      return ok ?? 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
    case 'integer':
    case 'number': {
      const hint = (
        { toStaffId: w.ids.guide2, staffId: w.ids.guide1, storeId: w.ids.store1, parentId: w.ids.region } as Record<
          string,
          number
        >
      )[name];
      if (hint !== undefined) return hint;
      if (s.exclusiveMinimum !== undefined) return s.exclusiveMinimum + 1;
      return s.minimum ?? 1;
    }
    case 'boolean':
      return true;
    case 'array': {
      if (!s.minItems) return [];
      const item = name === 'tagIds' ? w.ids.tagFruit : sample(s.items ?? {}, name);
      return Array.from({ length: s.minItems }, () => item);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k] ?? {}, k);
      return out;
    }
    default:
      return 'x';
  }
}

/** Wrong values for one field: other types, null where not nullable, out-of-range, and 100 kB strings. */
function wrongValues(raw: Schema): unknown[] {
  const s = resolve(raw);
  const nullable = types(s).includes('null');
  const out: unknown[] = nullable ? [] : [null];
  if (s.enum?.length) out.push('not-a-valid-choice');
  switch (mainType(s)) {
    case 'string':
      out.push(12345, { a: 1 }, HUGE);
      break;
    case 'integer':
      out.push('abc', 1.5, -1, 1e20);
      break;
    case 'number':
      out.push('abc', 1e300);
      break;
    case 'boolean':
      out.push('yes', 2);
      break;
    case 'array': {
      out.push('not-an-array', { 0: 1 });
      const item = resolve(s.items ?? {});
      out.push(mainType(item) === 'string' ? [HUGE] : ['abc']);
      break;
    }
    case 'object':
      out.push('not-an-object', [1, 2]);
      if (s.additionalProperties) out.push({ k: HUGE });
      break;
    default:
      out.push(HUGE);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bad-input cases, generated per operation

function fileField(schema: Schema): string {
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const p = resolve(prop);
    if (p.format === 'binary' || mainType(p) === 'object' || mainType(p) === 'unknown') return name;
  }
  return 'file';
}

function form(entries: Record<string, string | Blob>, filename?: string): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) {
    if (typeof v === 'string') fd.append(k, v);
    else fd.append(k, v, filename);
  }
  return fd;
}

function badInputCases(op: Operation): Case[] {
  const cases: Case[] = [];
  const jsonHeaders = { 'content-type': 'application/json' };
  const base = op.body && op.body.contentType === 'application/json' ? sample(op.body.schema) : undefined;
  const baseBody = base === undefined ? undefined : JSON.stringify(base);
  const headersFor = (body: string | undefined) => (body === undefined ? undefined : jsonHeaders);

  for (const p of pathParams(op)) {
    const s = resolve(p.schema ?? {});
    // A string id (a WeCom msgid) has no numeric form to get wrong, but it has a length.
    const bads = mainType(s) === 'string' && s.maxLength ? [...BAD_IDS, 'x'.repeat(s.maxLength + 1)] : BAD_IDS;
    for (const bad of bads) {
      cases.push({
        label: `path ${p.name}=${bad.length > 40 ? `<${bad.length} chars>` : bad}`,
        method: op.method,
        url: urlFor(op, { [p.name]: bad }),
        headers: headersFor(baseBody),
        body: baseBody,
        expect: 'client-error',
      });
    }
  }

  for (const p of queryParams(op)) {
    const s = resolve(p.schema ?? {});
    const values: [string, Expect][] = [];
    const t = mainType(s);
    if (t === 'integer' || t === 'number') {
      values.push(['abc', 'client-error'], ['1.5', t === 'integer' ? 'client-error' : 'not-server-error']);
      if (s.minimum !== undefined) values.push([String(s.minimum - 1), 'client-error']);
      if (s.exclusiveMinimum !== undefined) values.push([String(s.exclusiveMinimum), 'client-error']);
      if (s.maximum !== undefined) values.push([String(s.maximum * 5), 'client-error']);
      values.push(['99999999999999999999', 'client-error']);
    } else if (s.enum?.length) {
      values.push(['not-a-valid-choice', 'client-error']);
    } else if (s.maxLength !== undefined) {
      values.push(['x'.repeat(s.maxLength + 1), 'client-error']);
    } else {
      // A free-form string: any value is well-typed, so the route only has to stay on its feet.
      values.push(['abc,,-1,1.5', 'not-server-error'], [HUGE, 'not-server-error']);
    }
    for (const [v, expect] of values) {
      cases.push({
        label: `query ${p.name}=${v.length > 40 ? `<${v.length} chars>` : v}`,
        method: op.method,
        url: urlFor(op, {}, `${p.name}=${encodeURIComponent(v)}`),
        headers: headersFor(baseBody),
        body: baseBody,
        expect,
      });
    }
  }

  if (op.body?.contentType === 'application/json') {
    const url = urlFor(op);
    const push = (label: string, body: string, headers: Record<string, string> = jsonHeaders) =>
      cases.push({ label, method: op.method, url, headers, body, expect: 'client-error' });
    push('invalid JSON', '{"name": "x",');
    push('JSON array', '[]');
    push('JSON string', '"x"');
    push('empty body', '');
    const schema = op.body.schema;
    if (variants(schema).some((v) => v.required?.length)) push('empty object', '{}');
    // Each field once, in the first alternative that has it (a union repeats most fields).
    const seen = new Set<string>();
    for (const variant of variants(schema)) {
      const variantBase = sample(variant) as object;
      for (const [name, prop] of Object.entries(variant.properties ?? {})) {
        if (seen.has(name)) continue;
        seen.add(name);
        for (const bad of wrongValues(prop)) {
          const shown = typeof bad === 'string' && bad.length > 40 ? `<${bad.length} chars>` : JSON.stringify(bad);
          push(`body ${name}=${shown}`, JSON.stringify({ ...variantBase, [name]: bad }));
        }
      }
    }
    push('2 MB body', JSON.stringify({ ...(base as object), junk: 'x'.repeat(TWO_MB) }));
    push('2 MB body, content-length', JSON.stringify({ junk: 'x'.repeat(TWO_MB) }), {
      ...jsonHeaders,
      'content-length': String(TWO_MB + 11),
    });
    // A JSON body that does not say so must not be read as an empty object.
    push('JSON as text/plain', JSON.stringify(wrongPayload(schema)), { 'content-type': 'text/plain' });
  } else if (op.body?.contentType.startsWith('multipart/')) {
    const url = urlFor(op);
    const field = fileField(op.body.schema);
    const push = (label: string, body: string | FormData, headers?: Record<string, string>) =>
      cases.push({ label, method: op.method, url, headers, body, expect: 'client-error' });
    push('JSON instead of multipart', JSON.stringify({ [field]: 'x' }), jsonHeaders);
    push('text instead of multipart', 'name,phone\nx,13800009999', { 'content-type': 'text/plain' });
    push('multipart without the file', form({ other: 'x' }));
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    push('bogus .xlsx', form({ [field]: new Blob([bytes], { type: 'application/vnd.ms-excel' }) }, 'bogus.xlsx'));
    push('bogus .csv', form({ [field]: new Blob([bytes], { type: 'text/csv' }) }, 'bogus.csv'));
    push('bogus .exe', form({ [field]: new Blob(['MZ', bytes], { type: 'application/octet-stream' }) }, 'bogus.exe'));
    push('2 MB bogus file', form({ [field]: new Blob([new Uint8Array(TWO_MB).fill(0)], { type: 'text/csv' }) }, 'big.csv'));
  } else if (op.body) {
    cases.push({
      label: `unknown content type ${op.body.contentType}`,
      method: op.method,
      url: urlFor(op),
      expect: 'client-error',
    });
  }

  if (op.method !== 'GET' && op.method !== 'DELETE' && !op.body) {
    // No declared body: an oversized one is still refused before anything runs.
    cases.push({
      label: '2 MB body on a route without one',
      method: op.method,
      url: urlFor(op),
      headers: jsonHeaders,
      body: JSON.stringify({ junk: 'x'.repeat(TWO_MB) }),
      expect: 'client-error',
    });
  }
  if (cases.length === 0) {
    // Nothing declared to get wrong: undeclared junk must at least be harmless.
    cases.push({
      label: 'undeclared query junk',
      method: op.method,
      url: urlFor(op, {}, 'page=abc&id=-1&x=%00'),
      expect: 'not-server-error',
    });
  }
  return cases;
}

/** A body that breaks every required field — so that reading it as `{}` would be the only way to pass. */
function wrongPayload(schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const first = variants(schema)[0] ?? schema;
  for (const [name, prop] of Object.entries(first.properties ?? {})) out[name] = wrongValues(prop)[1] ?? null;
  return out;
}

/**
 * A request that should do something real if allowed: a body with every required field and one
 * optional one (an empty PATCH would prove nothing). Used where the question is "is this allowed?".
 */
function probe(op: Operation, url: string, label: string): Case {
  let body: string | undefined;
  if (op.body?.contentType === 'application/json') {
    const variant = variants(op.body.schema)[0] ?? op.body.schema;
    const value = sample(variant) as Record<string, unknown>;
    const optional = Object.entries(variant.properties ?? {}).find(([k]) => !(k in value));
    if (optional) value[optional[0]] = sample(optional[1], optional[0]);
    body = JSON.stringify(value);
  }
  return {
    label,
    method: op.method,
    url,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body,
    expect: 'client-error',
  };
}

// ---------------------------------------------------------------------------------------------
// Running cases

const send = (c: Case, cookie: string | null) =>
  w.app.request(c.url, {
    method: c.method,
    headers: { ...(cookie ? { cookie } : {}), ...(c.headers ?? {}) },
    body: c.body,
  });

/** One row per table: count and a hash of its contents, so inserts, updates and deletes all show. */
// The job queue's own schema is left out: its maintenance (started for the seed above) writes there
// on its own timers, and a job a request enqueues comes with the request's rows in Pond's tables.
async function buildFingerprintSql(): Promise<string> {
  const { rows } = await w.deps.database.executeSql(
    `select quote_ident(table_schema) || '.' || quote_ident(table_name) as t from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'pgboss') order by 1`,
  );
  const tables = rows.map((r) => String(r.t));
  expect(tables.length).toBeGreaterThan(10);
  const parts = tables.map(
    (t) =>
      `select '${t.replace(/'/g, "''")}' as t, count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as h from ${t} x`,
  );
  return `select string_agg(t || '=' || h, ' ' order by t) as fp from (${parts.join(' union all ')}) s`;
}

async function fingerprint(): Promise<string> {
  const { rows } = await w.deps.database.executeSql(fingerprintSql);
  lastFingerprint = String(rows[0]?.fp);
  return lastFingerprint;
}
// The fingerprint after the last checked case; valid as the next "before" while nothing else wrote.
let lastFingerprint: string | undefined;

/** The tables whose fingerprint changed between two snapshots. */
function changedTables(before: string, after: string): string[] {
  const a = new Set(before.split(' '));
  return after
    .split(' ')
    .filter((p) => !a.has(p))
    .map((p) => p.split('=')[0] ?? p);
}

const isErrorShape = (body: Json) =>
  typeof body === 'object' &&
  body !== null &&
  typeof body.error === 'object' &&
  body.error !== null &&
  typeof body.error.code === 'string' &&
  typeof body.error.message === 'string' &&
  body.error.message.length > 0;

async function readBody(res: Response): Promise<{ text: string; body: Json }> {
  const text = await res.text();
  try {
    return { text, body: JSON.parse(text) };
  } catch {
    return { text, body: undefined };
  }
}

/** Runs `c` and returns what is wrong with the answer (empty when it keeps the contract). */
async function check(op: Operation, c: Case, cookie: string): Promise<string[]> {
  const before = lastFingerprint ?? (await fingerprint());
  const res = await send(c, cookie);
  const { text, body } = await readBody(res);
  const after = await fingerprint();
  const problems: string[] = [];
  const where = `${key(op)} [${c.label}] ${c.method} ${c.url.length > 120 ? `${c.url.slice(0, 120)}…` : c.url}`;
  const got = `→ ${res.status} ${text.slice(0, 200)}`;
  if (VERBOSE) console.log(`${where} ${got.slice(0, 160)}`);
  if (res.status >= 500) problems.push(`${where}: server error ${got}`);
  else if (c.expect === 'client-error' && (res.status < 400 || res.status >= 500)) problems.push(`${where}: expected 4xx ${got}`);
  if (res.status >= 400 && !isErrorShape(body)) problems.push(`${where}: not the error shape ${got}`);
  if (after !== before) problems.push(`${where}: wrote to ${changedTables(before, after).join(', ')} ${got}`);
  return problems;
}

/** A fresh admin session, for the one route that ends the session it is called with. */
async function freshAdminCookie(): Promise<string> {
  const res = await w.request('POST', '/api/auth/login', {
    as: null,
    body: { tenant: 'acme', username: 'admin', password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  lastFingerprint = undefined;
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const report = (problems: string[]) => (problems.length ? `\n${problems.join('\n')}\n` : '');

// ---------------------------------------------------------------------------------------------

describe('API contract (every operation in /api/openapi.json)', { timeout: WALK_TIMEOUT }, () => {
  it('reads a non-trivial OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(30);
    expect(ops.map(key)).toContain('GET /api/customers/{id}');
  });

  it('has a database fingerprint that notices an insert, an update and a delete', async () => {
    const sqlRun = (text: string) => w.deps.database.executeSql(text);
    const start = await fingerprint();
    await sqlRun(`update tags set sort = sort + 1 where id = ${w.ids.tagMilk}`);
    expect(await fingerprint()).not.toBe(start);
    await sqlRun(`update tags set sort = sort - 1 where id = ${w.ids.tagMilk}`);
    expect(await fingerprint()).toBe(start);
    await sqlRun(`insert into tag_groups (tenant_id, name) values (${w.tenantId}, 'fingerprint-probe')`);
    expect(await fingerprint()).not.toBe(start);
    await sqlRun(`delete from tag_groups where name = 'fingerprint-probe'`);
    expect(await fingerprint()).toBe(start);
  });

  it('answers bad input with a 4xx in the error shape, never a 5xx, and writes nothing', async () => {
    const problems: string[] = [];
    let total = 0;
    for (const op of ops.filter((o) => !SKIP.has(key(o)))) {
      const cases = badInputCases(op);
      expect(cases.length, key(op)).toBeGreaterThan(0);
      for (const c of cases) {
        total++;
        const cookie = op.path === '/api/auth/logout' ? await freshAdminCookie() : adminCookie;
        problems.push(...(await check(op, c, cookie)));
      }
    }
    expect(total).toBeGreaterThan(200);
    expect(problems, report(problems)).toEqual([]);
  });

  it('answers 401 in the error shape to every non-public operation without a valid session', async () => {
    const problems: string[] = [];
    for (const op of ops.filter((o) => !PUBLIC.has(key(o)) && !isH5(o))) {
      const c = probe(op, urlFor(op), 'no session');
      for (const cookie of [null, 'pond_session=not-a-real-session-token-0123456789abcdef']) {
        const before = await fingerprint();
        const res = await send(c, cookie);
        const { text, body } = await readBody(res);
        const where = `${key(op)} ${cookie ? 'with a forged cookie' : 'without a cookie'} → ${res.status} ${text.slice(0, 160)}`;
        if (res.status !== 401) problems.push(`${where}: expected 401`);
        else if (!isErrorShape(body) || body.error.code !== 'UNAUTHENTICATED') problems.push(`${where}: not the error shape`);
        if ((await fingerprint()) !== before) problems.push(`${where}: wrote something`);
      }
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it('answers every H5 route without a valid link or customer token with a 4xx, and writes nothing', async () => {
    const problems: string[] = [];
    const h5 = ops.filter(isH5);
    for (const op of h5) {
      // Unknown slugs and forged tokens: nothing of any tenant may come back.
      const url = urlFor(op, Object.fromEntries(pathParams(op).map((p) => [p.name, 'Zz9unknown0'])));
      for (const token of [null, '1.1.AAAAAAAAAAAAAAAAAAAAAA', 'not-a-token']) {
        const c = probe(op, url, token ? `forged token ${token}` : 'no token');
        const before = await fingerprint();
        const res = await send({ ...c, headers: { ...c.headers, ...(token ? { 'x-pond-customer': token } : {}) } }, null);
        const { text, body } = await readBody(res);
        const where = `${key(op)} ${c.label} → ${res.status} ${text.slice(0, 160)}`;
        if (res.status < 400 || res.status >= 500) problems.push(`${where}: expected a 4xx`);
        else if (!isErrorShape(body)) problems.push(`${where}: not the error shape`);
        const leaked = acmeMarkers.filter((m) => text.includes(m));
        if (leaked.length) problems.push(`${where}: leaks ${leaked.join(', ')}`);
        if ((await fingerprint()) !== before) problems.push(`${where}: wrote something`);
      }
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it("hides every acme object from the other tenant's admin, for reads and writes by id", async () => {
    const login = await w.request('POST', '/api/auth/login', {
      as: null,
      body: { tenant: 'other', username: 'admin', password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    const otherCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    lastFingerprint = undefined;
    const problems: string[] = [];
    let reads = 0;
    // The public routes find no tenant by session (WeCom's callback takes the tenant in its path and a signature).
    for (const op of ops.filter((o) => !SKIP.has(key(o)) && !PUBLIC.has(key(o)) && !isH5(o) && pathParams(o).length > 0)) {
      const idParam = pathParams(op).find((p) => p.name === 'id') ?? pathParams(op)[0];
      if (!idParam) continue;
      for (const id of acmeIds(op, idParam.name)) {
        const url = urlFor(op, { [idParam.name]: String(id) });
        if (op.method === 'GET') {
          reads++;
          // The control: acme's own admin reads it, so a 404 below means "hidden", not "broken".
          const own = await w.app.request(url, { headers: { cookie: adminCookie } });
          // A control may write legitimately (an audited export): the next write check measures afresh.
          lastFingerprint = undefined;
          if (own.status !== 200) problems.push(`${key(op)} GET ${url} as acme admin → ${own.status} (control should be 200)`);
          const res = await w.app.request(url, { headers: { cookie: otherCookie } });
          const { text, body } = await readBody(res);
          const emptyList = res.status === 200 && Array.isArray(body?.items) && body.items.length === 0;
          if (res.status !== 404 && !emptyList)
            problems.push(`${key(op)} GET ${url} as other admin → ${res.status} ${text.slice(0, 200)}`);
          if (res.status === 404 && !isErrorShape(body)) problems.push(`${key(op)} GET ${url}: 404 without the error shape`);
          const leaked = acmeMarkers.filter((m) => text.includes(m));
          if (leaked.length) problems.push(`${key(op)} GET ${url} as other admin leaks ${leaked.join(', ')}`);
        } else {
          problems.push(...(await check(op, probe(op, url, `other tenant, acme ${idParam.name}=${id}`), otherCookie)));
        }
      }
    }
    expect(reads).toBeGreaterThan(5);
    expect(problems, report(problems)).toEqual([]);
  });

  it("shows the other tenant's admin no acme data in any list, even when filtering by acme ids", async () => {
    const login = await w.request('POST', '/api/auth/login', {
      as: null,
      body: { tenant: 'other', username: 'admin', password: TEST_PASSWORD },
    });
    const otherCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const problems: string[] = [];
    for (const op of ops.filter((o) => o.method === 'GET' && !SKIP.has(key(o)) && !isH5(o) && pathParams(o).length === 0)) {
      const idLike = queryParams(op).filter((p) => /Ids?$/.test(p.name));
      const queries = ['', ...idLike.map((p) => `${p.name}=${acmeIds(op, p.name).join(',')}`)];
      for (const q of queries) {
        const url = urlFor(op, {}, q);
        const res = await w.app.request(url, { headers: { cookie: otherCookie } });
        const text = await res.text();
        if (res.status >= 500) problems.push(`GET ${url} as other admin → ${res.status} ${text.slice(0, 200)}`);
        const leaked = acmeMarkers.filter((m) => text.includes(m));
        if (leaked.length) problems.push(`GET ${url} as other admin leaks ${leaked.join(', ')}`);
      }
    }
    expect(problems, report(problems)).toEqual([]);
  });

  it("keeps guide2's customer from guide1 on every route that takes a customer id", async () => {
    const guide1 = await w.login('guide1');
    lastFingerprint = undefined;
    const { c1, c2 } = w.ids;
    // The customer's name and phone, in clear and masked.
    const c2Markers = ['杨磊', '13900002222', '139****2222'];
    const problems: string[] = [];
    const targeted = ops.filter(
      (o) =>
        !SKIP.has(key(o)) &&
        !isH5(o) &&
        o.params.some(
          (p) => p.name === 'customerId' || (p.in === 'path' && p.name === 'id' && o.path.startsWith('/api/customers/{id}')),
        ),
    );
    expect(targeted.length).toBeGreaterThan(4);
    for (const op of targeted) {
      const param = op.params.find((p) => p.name === 'customerId' || (p.in === 'path' && p.name === 'id')) as Parameter;
      const urlWith = (id: number) =>
        param.in === 'path' ? urlFor(op, { [param.name]: String(id) }) : urlFor(op, {}, `${param.name}=${id}`);
      if (op.method === 'GET') {
        const own = await w.app.request(urlWith(c1), { headers: { cookie: guide1 } });
        const res = await w.app.request(urlWith(c2), { headers: { cookie: guide1 } });
        const { text, body } = await readBody(res);
        const where = `${key(op)} GET ${urlWith(c2)} as guide1 → ${res.status} ${text.slice(0, 200)}`;
        if (own.status === 403) {
          if (res.status !== 403) problems.push(`${where}: the route is forbidden to guides for c1 but not for c2`);
        } else {
          if (own.status !== 200)
            problems.push(`${key(op)} GET ${urlWith(c1)} as guide1 → ${own.status} (control should be 200)`);
          const emptyList = param.in === 'query' && res.status === 200 && Array.isArray(body?.items) && body.items.length === 0;
          if (res.status !== 404 && !emptyList) problems.push(`${where}: expected 404`);
        }
        const leaked = c2Markers.filter((m) => text.includes(m));
        if (leaked.length) problems.push(`${where}: leaks ${leaked.join(', ')}`);
      } else {
        problems.push(...(await check(op, probe(op, urlWith(c2), 'guide1 on c2'), guide1)));
      }
    }
    expect(problems, report(problems)).toEqual([]);
  });
});
