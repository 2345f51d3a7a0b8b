import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse';
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { insertFromJson, rowsOf } from '../../lib/bulk-sql.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import { listOrgUnits } from '../org/manage-org-units.ts';
import { addCustomerTags } from '../tags/add-customer-tags.ts';
import { listTagGroups } from '../tags/manage-tags.ts';
import { appendCustomerEvents } from './append-customer-event.ts';
import {
  columnLabel,
  importMessage,
  indexTags,
  mapImportHeaders,
  parseImportRow,
  splitList,
  type TImportColumn,
  type TImportLocale,
  type TImportMessage,
  type TImportRowContext,
  type TImportRowValue,
  type TImportStaff,
  type TImportTag,
} from './customer-import-rules.ts';
import { customerScopeCondition } from './customer-scope.ts';
import { customers, follows } from './customers.tables.ts';
import { listCustomerFields } from './manage-customer-fields.ts';

/** Most customer rows one file may hold. */
export const MAX_IMPORT_ROWS = 50_000;
// Rows per transaction. A batch is a handful of statements whatever its size; a batch the database
// rejects is retried row by row, which a smaller batch makes cheaper.
const BATCH_SIZE = 1000;
// The answer lists this many problems at most (the counts are always complete).
const MAX_LISTED_ERRORS = 1000;
// An .xlsx is a zip: refuse one that unpacks to more than this (a "zip bomb" would exhaust memory).
const MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024;

export type TImportCustomersInput = {
  filename: string;
  bytes: Uint8Array;
  /** The language of the messages in the answer. */
  locale?: TImportLocale;
};

export type TImportError = { row: number; column: string | null; message: string };

export type TImportCustomersResult = {
  total: number;
  created: number;
  updated: number;
  failed: number;
  /** Problems by spreadsheet row (the header is row 1), at most 1,000. */
  errors: TImportError[];
  /** Problems left out of `errors` because there were too many. */
  errorsOmitted: number;
};

type TSheet = { header: string[]; rows: { row: number; cells: string[] }[] };

// ---------------------------------------------------------------------------------------------
// Reading the file

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOleXls = (b: Uint8Array) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Which reader a file needs: by its name, checked against its first bytes (an .xlsx is a zip). A
 * CSV that is really an .xlsx is read as one; anything else is refused before anything is written.
 */
export function detectSpreadsheetKind(filename: string, bytes: Uint8Array, locale: TImportLocale = 'zh-CN'): 'csv' | 'xlsx' {
  const ext = /\.([a-z0-9]+)$/i.exec(filename.trim())?.[1]?.toLowerCase() ?? '';
  const wrong = (reason: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', importMessage(locale, 'wrongType', { reason }));
  if (ext === 'xlsx') {
    if (isZip(bytes)) return 'xlsx';
    throw wrong(isOleXls(bytes) ? 'old .xls format' : 'not an .xlsx file inside');
  }
  if (ext === 'csv' || ext === 'txt') {
    if (isZip(bytes)) return 'xlsx';
    if (isOleXls(bytes)) throw wrong('old .xls format');
    // Text has no NUL bytes, except UTF-16 (which Excel's "Unicode text" writes, with a BOM).
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    if (!utf16 && bytes.subarray(0, 8192).includes(0)) throw wrong('binary content');
    return 'csv';
  }
  throw wrong(ext ? `.${ext}` : 'no file extension');
}

/** Text of a CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030 as older Excel saves it. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: Excel on Chinese Windows saves "CSV" in the ANSI code page, GBK.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

async function readCsv(bytes: Uint8Array, locale: TImportLocale): Promise<TSheet> {
  const text = decodeCsv(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  // Tab-separated when the header says so (Excel's "Unicode text"); otherwise comma.
  const delimiter = count('\t') > count(',') ? '\t' : ',';
  const parser = Readable.from([text]).pipe(parseCsv({ delimiter, relax_column_count: true, relax_quotes: true }));
  const sheet: TSheet = { header: [], rows: [] };
  let index = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      index++;
      if (index === 1) {
        sheet.header = record;
        continue;
      }
      if (isBlank(record)) continue;
      if (sheet.rows.length === MAX_IMPORT_ROWS) {
        parser.destroy();
        throw new AppError('VALIDATION', importMessage(locale, 'tooManyRows', { max: MAX_IMPORT_ROWS.toLocaleString('en') }));
      }
      sheet.rows.push({ row: index, cells: record });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'CSV syntax';
    throw new AppError('VALIDATION', importMessage(locale, 'unreadable', { reason }));
  }
  return sheet;
}

/**
 * Inflates every entry of a zip with a budget, so a small upload cannot unpack to gigabytes inside
 * the spreadsheet library (which trusts the sizes a zip declares).
 */
export function assertZipUnpacksWithin(bytes: Uint8Array, limit: number, locale: TImportLocale): void {
  const fail = (reason: string) => new AppError('VALIDATION', importMessage(locale, 'unreadable', { reason }));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail('damaged zip');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let budget = limit;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw fail('damaged zip');
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const local = view.getUint32(p + 42, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw fail('damaged zip');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch {
        throw fail('too large when unpacked, or damaged');
      }
    } else throw fail('unsupported zip compression');
    budget -= size;
    if (budget < 0) throw fail('too large when unpacked');
  }
}

/** A cell of exceljs as the text a user typed. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    // Excel dates have no time zone; exceljs hands them over as UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').slice(0, 19);
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}

async function readXlsx(bytes: Uint8Array, locale: TImportLocale): Promise<TSheet> {
  assertZipUnpacksWithin(bytes, MAX_XLSX_UNPACKED_BYTES, locale);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'not a spreadsheet';
    throw new AppError('VALIDATION', importMessage(locale, 'unreadable', { reason }));
  }
  const sheet = workbook.worksheets[0];
  const out: TSheet = { header: [], rows: [] };
  if (!sheet) return out;
  const width = sheet.columnCount;
  const cellsOf = (r: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1).value));
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) {
      out.header = cellsOf(r);
      return;
    }
    const cells = cellsOf(r);
    if (isBlank(cells)) return;
    if (out.rows.length === MAX_IMPORT_ROWS) tooMany = true;
    else out.rows.push({ row: rowNumber, cells });
  });
  if (tooMany)
    throw new AppError('VALIDATION', importMessage(locale, 'tooManyRows', { max: MAX_IMPORT_ROWS.toLocaleString('en') }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// What rows are checked against

async function loadRowContext(ctx: Ctx, sheet: TSheet, columns: (TImportColumn | null)[], locale: TImportLocale) {
  const [units, fieldList] = await Promise.all([listOrgUnits(ctx), listCustomerFields(ctx)]);
  const stores = new Map<string, { id: number; code: string }>();
  for (const u of units.items) {
    if (u.kind !== 'store') continue;
    stores.set(u.code, { id: u.id, code: u.code });
    if (!stores.has(u.code.toUpperCase())) stores.set(u.code.toUpperCase(), { id: u.id, code: u.code });
  }
  const tagList: TImportTag[] = [];
  for (let page = 1; ; page++) {
    const groups = await listTagGroups(ctx, { page, pageSize: 200 });
    for (const g of groups.items) for (const t of g.tags) tagList.push({ id: t.id, name: t.name, groupName: g.name });
    if (page * 200 >= groups.total) break;
  }
  // Only the staff the file names: a tenant may have thousands.
  const staffColumn = columns.indexOf('staff_userid');
  const userids = new Set<string>();
  if (staffColumn >= 0) for (const r of sheet.rows) for (const u of splitList(r.cells[staffColumn] ?? '')) userids.add(u);
  const staff = new Map<string, TImportStaff>();
  for (const u of userids) {
    const member = await getStaffByWecomUserId(ctx, u);
    if (member) staff.set(member.wecomUserId.toLowerCase(), member);
  }
  const own =
    ctx.actor.role === 'store_manager'
      ? (units.items.find((u) => u.id === ctx.actor.storeId && u.kind === 'store') ?? null)
      : null;
  if (ctx.actor.role === 'store_manager' && !own) {
    throw new AppError(
      'FORBIDDEN',
      'Your account is not linked to a store, so it cannot import customers. Ask an admin to set your store.',
    );
  }
  const context: TImportRowContext = {
    locale,
    stores,
    staff,
    tags: indexTags(tagList),
    fields: new Map(fieldList.items.map((f) => [f.key, f])),
    ownStore: own ? { id: own.id, code: own.code } : null,
  };
  return context;
}

// ---------------------------------------------------------------------------------------------
// Matching rows to existing customers

type TExisting = {
  id: number;
  name: string;
  gender: number;
  storeId: number | null;
  externalUserId: string | null;
  phoneHash: string | null;
  attrs: Record<string, string | number | boolean | null>;
  deleted: boolean;
  visible: boolean;
};

type TGoodRow = { row: number; value: TImportRowValue; phoneHash: string | null };
type TPlan = TGoodRow & { target: TExisting | null };
type TRowProblem = { row: number; column: TImportColumn | null; message: string };

async function prefetchExisting(ctx: Ctx, rows: TGoodRow[]): Promise<TExisting[]> {
  const ids = rows.flatMap((r) => (r.value.customerId ? [r.value.customerId] : []));
  const exts = rows.flatMap((r) => (r.value.externalUserId ? [r.value.externalUserId] : []));
  const hashes = rows.flatMap((r) => (r.phoneHash ? [r.phoneHash] : []));
  const any: SQL[] = [];
  if (ids.length) any.push(inArray(customers.id, ids));
  if (exts.length) any.push(inArray(customers.externalUserId, exts));
  if (hashes.length) any.push(inArray(customers.phoneHash, hashes));
  if (any.length === 0) return [];
  const scope = await customerScopeCondition(ctx, customers.id);
  const found = await dbOf(ctx)
    .select({
      id: customers.id,
      name: customers.name,
      gender: customers.gender,
      storeId: customers.storeId,
      externalUserId: customers.externalUserId,
      phoneHash: customers.phoneHash,
      attrs: customers.attrs,
      deletedAt: customers.deletedAt,
      visible: scope ? sql<boolean>`(${scope})` : sql<boolean>`true`,
    })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), or(...any)));
  return found.map(({ deletedAt, ...r }) => ({ ...r, visible: r.visible === true, deleted: deletedAt !== null }));
}

type TExistingIndex = { byId: Map<number, TExisting>; byExt: Map<string, TExisting>; byPhone: Map<string, TExisting[]> };

function indexExisting(existing: TExisting[]): TExistingIndex {
  const index: TExistingIndex = { byId: new Map(), byExt: new Map(), byPhone: new Map() };
  for (const e of existing) {
    index.byId.set(e.id, e);
    if (e.externalUserId) index.byExt.set(e.externalUserId, e);
    if (e.phoneHash) index.byPhone.set(e.phoneHash, [...(index.byPhone.get(e.phoneHash) ?? []), e]);
  }
  return index;
}

/**
 * Picks the customer a row updates: by customer id, else external user id, else phone. Every
 * identifying column the row fills must point at that same customer (or at nobody).
 */
function matchRow(
  r: TGoodRow,
  existing: TExistingIndex,
  label: (c: TImportColumn) => string,
  locale: TImportLocale,
): { target: TExisting | null } | TRowProblem {
  const problem = (column: TImportColumn, key: TImportMessage, params: Record<string, string | number> = {}): TRowProblem => ({
    row: r.row,
    column,
    message: importMessage(locale, key, params),
  });
  const v = r.value;
  const byId = v.customerId ? existing.byId.get(v.customerId) : undefined;
  // Out of scope looks like missing, so ids cannot be probed.
  if (v.customerId && !byId?.visible) return problem('customer_id', 'customerNotFound', { value: v.customerId });
  const byExt = v.externalUserId ? existing.byExt.get(v.externalUserId) : undefined;
  const byPhone = r.phoneHash ? (existing.byPhone.get(r.phoneHash) ?? []) : [];
  let target: TExisting | null = byId ?? byExt ?? null;
  let matchedBy: TImportColumn = byId ? 'customer_id' : 'external_user_id';
  if (byId && byExt && byExt.id !== byId.id)
    return problem('external_user_id', 'identityConflict', { column: label('external_user_id') });
  if (target && v.externalUserId && target.externalUserId && target.externalUserId !== v.externalUserId) {
    return problem('external_user_id', 'identityConflict', { column: label('external_user_id') });
  }
  if (target) {
    if (byPhone.length && !byPhone.some((e) => e.id === target?.id)) {
      return problem('phone', 'identityConflict', { column: label('phone') });
    }
  } else if (byPhone.length > 1) {
    return problem('phone', 'phoneAmbiguous', { count: byPhone.length });
  } else if (byPhone[0]) {
    target = byPhone[0];
    matchedBy = 'phone';
    // The row names a WeCom contact, but this phone's customer is another one.
    if (v.externalUserId && target.externalUserId && target.externalUserId !== v.externalUserId) {
      return problem('phone', 'identityConflict', { column: label('phone') });
    }
  }
  if (target && !target.visible) return problem(matchedBy, 'outOfScope', { column: label(matchedBy) });
  return { target };
}

// ---------------------------------------------------------------------------------------------
// Writing

type TWriteCounts = { created: number; updated: number };

const chunks = <T>(xs: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

/** Writes a set of planned rows: creates, updates, follows, tags and timeline events, in the caller's transaction. */
async function writeRows(ctx: Ctx, plans: TPlan[]): Promise<TWriteCounts> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const now = ctx.now().toISOString();
  const events: { customerId: number; type: string; data: Record<string, unknown> }[] = [];
  const ownStoreId = ctx.actor.role === 'store_manager' ? ctx.actor.storeId : null;
  const customerIdOf = new Map<TPlan, number>();

  const creates = plans.filter((p) => !p.target);
  if (creates.length) {
    const inserted = rowsOf<{ id: number | string }>(
      await db.execute(
        insertFromJson(
          customers,
          {
            tenantId: [customers.tenantId, 'bigint'],
            name: [customers.name, 'text'],
            gender: [customers.gender, 'smallint'],
            storeId: [customers.storeId, 'bigint'],
            attrs: [customers.attrs, 'jsonb'],
            externalUserId: [customers.externalUserId, 'text'],
            phoneEnc: [customers.phoneEnc, 'text'],
            phoneHash: [customers.phoneHash, 'text'],
            source: [customers.source, 'text'],
          },
          creates.map((p) => ({
            tenantId,
            name: p.value.name,
            gender: p.value.gender ?? 0,
            storeId: p.value.storeId ?? ownStoreId,
            attrs: p.value.attrs,
            externalUserId: p.value.externalUserId ?? null,
            phoneEnc: p.value.phone ? ctx.sealer.seal(p.value.phone) : null,
            phoneHash: p.phoneHash,
            source: 'import',
          })),
          sql`returning ${sql.identifier(customers.id.name)}`,
        ),
      ),
    );
    // Identity values are drawn in insertion order, which `order by ord` fixes: ascending ids are the
    // rows in the order given, even if other sessions insert meanwhile.
    const ids = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
    if (ids.length !== creates.length) throw new Error('import: fewer customers inserted than planned');
    creates.forEach((p, i) => {
      const id = ids[i] as number;
      customerIdOf.set(p, id);
      events.push({ customerId: id, type: 'customer.created', data: { source: 'import' } });
    });
  }

  // Updates: only what the file says and differs.
  const changes: Record<string, unknown>[] = [];
  for (const p of plans) {
    const t = p.target;
    if (!t) continue;
    customerIdOf.set(p, t.id);
    const v = p.value;
    const fields: string[] = [];
    if (v.name !== t.name) fields.push('name');
    if (v.gender !== undefined && v.gender !== t.gender) fields.push('gender');
    const phoneChanged = p.phoneHash !== null && p.phoneHash !== t.phoneHash;
    if (phoneChanged) fields.push('phone');
    if (v.storeId !== undefined && v.storeId !== t.storeId) fields.push('storeId');
    if (v.externalUserId && !t.externalUserId) fields.push('externalUserId');
    const attrs: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v.attrs)) {
      if (t.attrs[k] !== value) {
        attrs[k] = value;
        fields.push(`attrs.${k}`);
      }
    }
    if (t.deleted) fields.push('restored');
    if (fields.length === 0) continue;
    changes.push({
      id: t.id,
      name: v.name,
      gender: v.gender ?? t.gender,
      phone_enc: phoneChanged && v.phone ? ctx.sealer.seal(v.phone) : null,
      phone_hash: phoneChanged ? p.phoneHash : null,
      store_id: v.storeId ?? t.storeId,
      ext: t.externalUserId ?? v.externalUserId ?? null,
      attrs,
      restore: t.deleted,
    });
    events.push({ customerId: t.id, type: 'customer.updated', data: { source: 'import', fields } });
  }
  if (changes.length) {
    await db.execute(sql`
      update ${customers} as c set
        name = v.name,
        gender = v.gender,
        phone_enc = coalesce(v.phone_enc, c.phone_enc),
        phone_hash = coalesce(v.phone_hash, c.phone_hash),
        store_id = v.store_id,
        external_user_id = v.ext,
        attrs = c.attrs || v.attrs,
        deleted_at = case when v.restore then null else c.deleted_at end,
        updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
        as v(id bigint, name text, gender smallint, phone_enc text, phone_hash text, store_id bigint, ext text, attrs jsonb, restore boolean)
      where c.tenant_id = ${tenantId} and c.id = v.id`);
  }

  // Follows to the named staff; a pair that exists (even deleted in WeCom) is left as it is.
  const staffName = new Map<number, string>();
  const followRows: Record<string, unknown>[] = [];
  for (const p of plans) {
    const customerId = customerIdOf.get(p);
    for (const s of p.value.staff) {
      staffName.set(s.id, s.name);
      followRows.push({ tenantId, customerId, staffId: s.id, addedAt: now, state: 'import' });
    }
  }
  if (followRows.length) {
    const added = rowsOf<{ customer_id: number | string; staff_id: number | string }>(
      await db.execute(
        insertFromJson(
          follows,
          {
            tenantId: [follows.tenantId, 'bigint'],
            customerId: [follows.customerId, 'bigint'],
            staffId: [follows.staffId, 'bigint'],
            addedAt: [follows.addedAt, 'timestamptz'],
            state: [follows.state, 'text'],
          },
          followRows,
          sql`on conflict do nothing returning customer_id, staff_id`,
        ),
      ),
    );
    for (const a of added) {
      const staffId = Number(a.staff_id);
      events.push({
        customerId: Number(a.customer_id),
        type: 'follow.added',
        data: { staffId, staffName: staffName.get(staffId), state: 'import', readd: false, source: 'import' },
      });
    }
  }

  // The timeline so far, then the tags (whose own timeline events follow, as with tagCustomer).
  await appendCustomerEvents(ctx, events);
  await addCustomerTags(
    ctx,
    plans.flatMap((p) => {
      const customerId = customerIdOf.get(p) as number;
      return p.value.tags.map((t) => ({ customerId, tagId: t.id, tagName: t.name }));
    }),
    'import',
  );
  return { created: creates.length, updated: plans.length - creates.length };
}

/** The database's own error (drizzle wraps it in one whose message holds the query and its parameters). */
function databaseCause(error: unknown): { code?: string; message: string } {
  let e: unknown = error;
  for (let i = 0; i < 3 && e instanceof Error && 'cause' in e && e.cause instanceof Error; i++) e = e.cause;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  return { code, message: e instanceof Error && !e.message.startsWith('Failed query') ? e.message : 'database error' };
}

/** Runs `fn` in a savepoint of the caller's transaction: if it throws, only its writes are undone. */
async function inSavepoint<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const tx = ctx.tx;
  if (!tx) throw new Error('inSavepoint needs a transaction');
  return tx.transaction(async (sp) => fn({ ...ctx, tx: sp }));
}

/**
 * Writes one batch in a transaction. If the database rejects the batch, it is retried row by row,
 * each in its own savepoint, so the rows it accepts are kept and the one it rejects is reported.
 */
async function saveBatch(ctx: Ctx, plans: TPlan[], locale: TImportLocale): Promise<TWriteCounts & { problems: TRowProblem[] }> {
  return inTransaction(ctx, async (tctx) => {
    try {
      return { ...(await inSavepoint(tctx, (s) => writeRows(s, plans))), problems: [] };
    } catch {
      const result = { created: 0, updated: 0, problems: [] as TRowProblem[] };
      for (const plan of plans) {
        try {
          const counts = await inSavepoint(tctx, (s) => writeRows(s, [plan]));
          result.created += counts.created;
          result.updated += counts.updated;
        } catch (error) {
          const cause = databaseCause(error);
          // Logged by row number and the database's reason only: the query's parameters are personal data.
          ctx.log.warn(
            { row: plan.row, code: cause.code, reason: cause.message },
            'customer import: row rejected by the database',
          );
          const message = isUniqueViolation(error)
            ? importMessage(locale, 'rowConflict')
            : importMessage(locale, 'rowRejected', { reason: cause.message.slice(0, 120) });
          result.problems.push({ row: plan.row, column: null, message });
        }
      }
      return result;
    }
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * Imports customers from a CSV (UTF-8, UTF-16 or GBK) or XLSX file (first sheet, header in row 1).
 * A row matching an existing customer — by customer id, external user id, or phone — updates it
 * (empty cells leave values alone; tags and staff are added; a soft-deleted customer is restored);
 * any other row creates a customer (source `import`). Bad rows are reported with their spreadsheet
 * row number and column, good rows are kept, and each row is written entirely or not at all. Store
 * managers import into their own store only. Audited as `customer.import`.
 * @example
 * const r = await importCustomers(ctx, { filename: 'customers.csv', bytes });
 * // → { total: 120, created: 100, updated: 18, failed: 2, errors: [{ row: 7, column: '手机号', message: '…' }], errorsOmitted: 0 }
 */
export async function importCustomers(ctx: Ctx, input: TImportCustomersInput): Promise<TImportCustomersResult> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'import customers');
  const locale = input.locale ?? 'zh-CN';
  const kind = detectSpreadsheetKind(input.filename, input.bytes, locale);
  const sheet = kind === 'xlsx' ? await readXlsx(input.bytes, locale) : await readCsv(input.bytes, locale);
  if (sheet.header.length === 0 || sheet.rows.length === 0) throw new AppError('VALIDATION', importMessage(locale, 'fileEmpty'));

  const fieldList = await listCustomerFields(ctx);
  const mapping = mapImportHeaders(sheet.header, fieldList.items, locale);
  if (!mapping.ok) throw new AppError('VALIDATION', mapping.message);
  const columns = mapping.columns;
  const context = await loadRowContext(ctx, sheet, columns, locale);
  // Messages name columns as the file's header says them.
  const headerOf = new Map<TImportColumn, string>();
  columns.forEach((c, i) => {
    if (c && !headerOf.has(c)) headerOf.set(c, (sheet.header[i] ?? '').trim());
  });
  const label = (c: TImportColumn) => headerOf.get(c) || columnLabel(locale, c, context.fields);

  const problems: TRowProblem[] = [];
  const good: TGoodRow[] = [];
  const firstRowWith = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const record: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c && c !== 'ignored') record[c] = cells[i] ?? '';
    });
    const parsed = parseImportRow(record, context);
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push({ row, ...e });
      continue;
    }
    const v = parsed.value;
    // The same customer twice in one file: the later row is the mistake.
    const keys: [TImportColumn, string | undefined][] = [
      ['customer_id', v.customerId ? `id:${v.customerId}` : undefined],
      ['external_user_id', v.externalUserId ? `ext:${v.externalUserId}` : undefined],
      ['phone', v.phone ? `phone:${v.phone}` : undefined],
    ];
    const dup = keys.find(([, k]) => k !== undefined && firstRowWith.has(k));
    if (dup) {
      const [column, key] = dup;
      problems.push({
        row,
        column,
        message: importMessage(locale, 'duplicateRow', { row: firstRowWith.get(key as string) ?? 0, column: label(column) }),
      });
      continue;
    }
    for (const [, k] of keys) if (k !== undefined) firstRowWith.set(k, row);
    good.push({ row, value: v, phoneHash: v.phone ? ctx.sealer.blindIndex(v.phone) : null });
  }

  let created = 0;
  let updated = 0;
  const targeted = new Map<number, number>();
  try {
    for (const batch of chunks(good, BATCH_SIZE)) {
      const existing = indexExisting(await prefetchExisting(ctx, batch));
      const plans: TPlan[] = [];
      for (const r of batch) {
        const match = matchRow(r, existing, label, locale);
        if ('message' in match) {
          problems.push(match);
          continue;
        }
        // Two rows (say one by phone, one by external id) can still reach the same customer.
        const earlier = match.target ? targeted.get(match.target.id) : undefined;
        if (match.target && earlier !== undefined) {
          problems.push({ row: r.row, column: null, message: importMessage(locale, 'sameCustomer', { row: earlier }) });
          continue;
        }
        if (match.target) targeted.set(match.target.id, r.row);
        plans.push({ ...r, target: match.target });
      }
      if (plans.length === 0) continue;
      const saved = await saveBatch(ctx, plans, locale);
      created += saved.created;
      updated += saved.updated;
      problems.push(...saved.problems);
    }
  } catch (error) {
    // Batches already saved stay saved; the audit log says how far it got (if the database lets it).
    await recordAudit(ctx, {
      action: 'customer.import',
      targetType: 'customer',
      details: { filename: input.filename, format: kind, total: sheet.rows.length, created, updated, aborted: true },
    }).catch((auditError: unknown) => ctx.log.error({ err: auditError }, 'customer import: could not audit an aborted import'));
    throw error;
  }

  const failedRows = new Set(problems.map((p) => p.row));
  problems.sort((a, b) => a.row - b.row);
  const result: TImportCustomersResult = {
    total: sheet.rows.length,
    created,
    updated,
    failed: failedRows.size,
    errors: problems
      .slice(0, MAX_LISTED_ERRORS)
      .map((p) => ({ row: p.row, column: p.column ? label(p.column) : null, message: p.message })),
    errorsOmitted: Math.max(0, problems.length - MAX_LISTED_ERRORS),
  };
  await recordAudit(ctx, {
    action: 'customer.import',
    targetType: 'customer',
    details: { filename: input.filename, format: kind, total: result.total, created, updated, failed: result.failed },
  });
  return result;
}
