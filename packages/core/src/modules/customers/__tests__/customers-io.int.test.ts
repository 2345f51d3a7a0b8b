import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../../testing/fixture.ts';
import { type Json, json } from '../../../testing/json.ts';
import { assertZipUnpacksWithin, MAX_IMPORT_ROWS } from '../import-customers.ts';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => {
  await w.cleanup();
});

const HEADER = ['姓名', '手机号', '性别', '门店编码', '导购企微ID', '标签', '外部联系人ID'];
const csv = (rows: string[][]) => `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

async function upload(filename: string, content: string | Uint8Array, as = 'admin'): Promise<Response> {
  const form = new FormData();
  form.append('file', new File([content], filename));
  return w.app.request('/api/customers/import', { method: 'POST', headers: { cookie: await w.login(as) }, body: form });
}

async function download(path: string, as = 'admin') {
  const res = await w.app.request(path, { headers: { cookie: await w.login(as) } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const csvRecords = (bytes: Uint8Array): string[][] => parse(new TextDecoder().decode(bytes), { bom: true });

async function xlsxRecords(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

const customerCount = async () =>
  (await json(await w.request('GET', '/api/customers?pageSize=1&includeDeleted=true'))).total as number;
const find = async (q: string): Promise<Json[]> =>
  (await json(await w.request('GET', `/api/customers?q=${encodeURIComponent(q)}`))).items;

describe('export', () => {
  it("gives a guide only their own customers, phones masked, as CSV with a BOM and the customer's columns", async () => {
    const { res, bytes } = await download('/api/customers/export?format=csv', 'guide1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="customers-\d{8}-\d{4}\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%87%BA-\d{8}-\d{4}\.csv$/,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = csvRecords(bytes);
    expect(header).toEqual(['客户ID', ...HEADER, '门店', '导购', '订单数', '累计消费(元)', '创建时间']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 8)).toEqual([String(w.ids.c1), '陈静', '138****1111', '未知', 'S1', 'wangfang', '', 'wm_c1']);
    expect(rows[0]?.slice(8, 12)).toEqual(['徐汇店', '王芳', '0', '0.00']);
    expect(rows[0]?.[12]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('honours the list filters and shows full phones to an admin', async () => {
    const byStore = csvRecords((await download(`/api/customers/export?format=csv&storeId=${w.ids.store2}`)).bytes);
    expect(byStore.slice(1).map((r) => r[1])).toEqual(['赵敏']);
    const byPhone = csvRecords((await download('/api/customers/export?q=13900002222')).bytes);
    expect(byPhone.slice(1).map((r) => [r[1], r[2]])).toEqual([['杨磊', '13900002222']]);
    const all = csvRecords((await download('/api/customers/export')).bytes);
    expect(all.slice(1).map((r) => r[1])).toEqual(['赵敏', '杨磊', '陈静']);
  });

  it('is in the audit log with the filter and the row count', async () => {
    const audit = await json(await w.request('GET', '/api/audit?action=customer.export'));
    expect(audit.total).toBe(4);
    expect(audit.items.map((i: Json) => i.details)).toContainEqual({
      format: 'csv',
      filter: { storeId: w.ids.store2 },
      rows: 1,
    });
  });
});

describe('import', () => {
  const file = csv([
    HEADER,
    ['新客甲', '13700000001', '女', 'S1', 'wangfang', '兴趣/果茶', ''],
    ['新客乙', '13700000002', '男', 'S2', 'zhangwei', '兴趣/奶茶;兴趣/果茶', 'wm_new_b'],
    ['坏手机', '1370000', '女', 'S1', '', '', ''],
    ['未知店', '13700000004', '', 'S9', '', '', ''],
    ['', '13700000005', '', '', '', '', ''],
    ['重复', '13700000001', '', '', '', '', ''],
    ['未知标签', '13700000008', '', '', '', '兴趣/咖啡', ''],
    ['赵敏', '', '', '', '', '兴趣/奶茶', 'wm_c3'],
    ['', '', '', '', '', '', ''],
    ['新客丙', '', '', '', '', '', 'wm_new_c'],
  ]);

  it('keeps the good rows and reports each bad row with its row number and column', async () => {
    const before = await customerCount();
    const res = await upload('customers.csv', file);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ total: 9, created: 3, updated: 1, failed: 5, errorsOmitted: 0 });
    expect(body.errors.map((e: Json) => [e.row, e.column])).toEqual([
      [4, '手机号'],
      [5, '门店编码'],
      [6, '姓名'],
      [7, '手机号'],
      [8, '标签'],
    ]);
    expect(body.errors[0].message).toContain('11 位');
    expect(body.errors[1].message).toContain('门店编码“S9”不存在');
    expect(body.errors[3].message).toContain('与第 2 行是同一位客户');
    expect(body.errors[4].message).toContain('标签“兴趣/咖啡”不存在');
    expect(await customerCount()).toBe(before + 3);

    const [a] = await find('13700000001');
    expect(a).toMatchObject({ name: '新客甲', gender: 2, storeName: '徐汇店', source: 'import', staff: [{ name: '王芳' }] });
    expect(a.tags.map((t: Json) => t.name)).toEqual(['果茶']);
    const detail = await json(await w.request('GET', `/api/customers/${a.id}`));
    expect(detail.follows).toMatchObject([{ staffId: w.ids.guide1, state: 'import', deletedAt: null }]);
    const timeline = await json(await w.request('GET', `/api/customers/${a.id}/timeline`));
    expect(timeline.items.map((e: Json) => e.type).sort()).toEqual(['customer.created', 'follow.added', 'tag.added']);
    expect(timeline.items.find((e: Json) => e.type === 'customer.created').data).toEqual({ source: 'import' });
    expect(timeline.items.find((e: Json) => e.type === 'tag.added').data).toMatchObject({ tagName: '果茶', source: 'import' });

    const [b] = await find('wm_new_b');
    expect(b.tags.map((t: Json) => t.name).sort()).toEqual(['奶茶', '果茶']);
    expect(b.storeName).toBe('西湖店');

    // The existing customer, matched by external id, got the tag; nothing else changed, so no update event.
    const c3 = await json(await w.request('GET', `/api/customers/${w.ids.c3}`));
    expect(c3.tags.map((t: Json) => t.name)).toEqual(['奶茶']);
    const c3Timeline = await json(await w.request('GET', `/api/customers/${w.ids.c3}/timeline`));
    expect(c3Timeline.items.map((e: Json) => e.type)).toEqual(['tag.added']);

    expect(await find('wm_new_c')).toMatchObject([{ name: '新客丙', storeName: null, staff: [], tags: [] }]);
    for (const bad of ['坏手机', '未知店', '13700000005', '13700000004', '未知标签'])
      expect(await find(bad), bad).toHaveLength(0);

    const audit = await json(await w.request('GET', '/api/audit?action=customer.import'));
    expect(audit.items[0].details).toEqual({
      filename: 'customers.csv',
      format: 'csv',
      total: 9,
      created: 3,
      updated: 1,
      failed: 5,
    });
  });

  it('updates instead of duplicating when the same file comes again', async () => {
    const before = await customerCount();
    const [a] = await find('13700000001');
    const eventsBefore = (await json(await w.request('GET', `/api/customers/${a.id}/timeline`))).total;
    const body = await json(await upload('customers.csv', file));
    expect(body).toMatchObject({ total: 9, created: 0, updated: 4, failed: 5 });
    expect(await customerCount()).toBe(before);
    expect(await find('13700000001')).toHaveLength(1);
    // Nothing changed, so nothing new on the timeline either.
    expect((await json(await w.request('GET', `/api/customers/${a.id}/timeline`))).total).toBe(eventsBefore);
  });

  it('creates a row that has neither phone nor external id again each time (nothing identifies it)', async () => {
    const nameOnly = csv([['姓名'], ['无名氏']]);
    expect(await json(await upload('a.csv', nameOnly))).toMatchObject({ created: 1, updated: 0 });
    expect(await json(await upload('a.csv', nameOnly))).toMatchObject({ created: 1, updated: 0 });
    expect(await find('无名氏')).toHaveLength(2);
  });

  it('reads an XLSX typed by hand: numbers, dates, rich text and English headers', async () => {
    const created = await w.request('POST', '/api/customer-fields', { body: { key: 'since', label: '入会日期', type: 'date' } });
    expect(created.status).toBe(201);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRow(['name', 'phone', 'gender', 'store_code', 'tags', 'since']);
    sheet.addRow([{ richText: [{ text: '手' }, { text: '写' }] }, 13700000401, 2, 'S1', '果茶', new Date(Date.UTC(2024, 1, 3))]);
    sheet.addRow([]);
    sheet.addRow(['手写二', '137 0000 0402', 'M', 's2', '', '']);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const body = await json(await upload('hand.xlsx', bytes));
    expect(body).toMatchObject({ total: 2, created: 2, failed: 0 });
    const [one] = await find('13700000401');
    expect(one).toMatchObject({ name: '手写', gender: 2, storeName: '徐汇店', tags: [{ name: '果茶' }] });
    expect((await json(await w.request('GET', `/api/customers/${one.id}`))).attrs).toEqual({ since: '2024-02-03' });
    expect((await find('13700000402'))[0]).toMatchObject({ name: '手写二', gender: 1, storeName: '西湖店' });
  });

  it('changes what the file says and leaves empty cells alone', async () => {
    const body = await json(
      await upload(
        'update.csv',
        csv([
          ['name', 'phone', 'gender', 'store_code'],
          ['新客甲改', '+86 137-0000-0001', '', ''],
        ]),
      ),
    );
    expect(body).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const [a] = await find('13700000001');
    expect(a).toMatchObject({ name: '新客甲改', gender: 2, storeName: '徐汇店' });
    const timeline = await json(await w.request('GET', `/api/customers/${a.id}/timeline`));
    expect(timeline.items[0]).toMatchObject({ type: 'customer.updated', data: { source: 'import', fields: ['name'] } });
  });

  it('reads a GBK-encoded CSV as saved by Excel on Chinese Windows', async () => {
    // 姓名,手机号 in GBK, then an ASCII row.
    const gbk = new Uint8Array([
      0xd0,
      0xd5,
      0xc3,
      0xfb,
      0x2c,
      0xca,
      0xd6,
      0xbb,
      0xfa,
      0xba,
      0xc5,
      0x0d,
      0x0a,
      ...new TextEncoder().encode('Gbk Li,13700000099\r\n'),
    ]);
    const body = await json(await upload('excel.csv', gbk));
    expect(body).toMatchObject({ total: 1, created: 1, failed: 0 });
    expect((await find('13700000099'))[0]?.name).toBe('Gbk Li');
  });

  it('rolls back only the row the database rejects, and reports it', async () => {
    await w.deps.database.executeSql(`
      create function reject_boom() returns trigger language plpgsql as $$
      begin if new.name = 'BOOM' then raise exception 'boom'; end if; return new; end $$;
      create trigger reject_boom before insert on customers for each row execute function reject_boom();`);
    try {
      const body = await json(
        await upload(
          'boom.csv',
          csv([
            HEADER,
            ['炸前', '13700000101', '', 'S1', 'lina', '兴趣/果茶', ''],
            ['BOOM', '13700000102', '', 'S1', 'lina', '兴趣/果茶', ''],
            ['炸后', '13700000103', '', 'S1', 'lina', '兴趣/果茶', ''],
          ]),
        ),
      );
      expect(body).toMatchObject({ total: 3, created: 2, updated: 0, failed: 1 });
      expect(body.errors).toEqual([{ row: 3, column: null, message: expect.stringContaining('这一行保存失败（boom）') }]);
      const saved = await find('炸');
      expect(saved.map((c: Json) => c.name).sort()).toEqual(['炸前', '炸后']);
      for (const c of saved) expect(c.tags.map((t: Json) => t.name)).toEqual(['果茶']);
      expect(await find('13700000102')).toHaveLength(0);
    } finally {
      await w.deps.database.executeSql('drop trigger reject_boom on customers; drop function reject_boom();');
    }
  });

  it('keeps a store manager in their store', async () => {
    const body = await json(
      await upload(
        'store.csv',
        csv([
          HEADER,
          ['店长新客', '13700000201', '', '', 'lina', '', ''],
          ['别店新客', '13700000202', '', 'S2', '', '', ''],
          ['别店导购', '13700000203', '', 'S1', 'zhangwei', '', ''],
          ['赵敏', '', '', '', '', '', 'wm_c3'],
        ]),
        'manager1',
      ),
    );
    expect(body).toMatchObject({ total: 4, created: 1, updated: 0, failed: 3 });
    expect(body.errors.map((e: Json) => [e.row, e.column])).toEqual([
      [3, '门店编码'],
      [4, '导购企微ID'],
      [5, '外部联系人ID'],
    ]);
    expect(body.errors[0].message).toContain('店长只能导入本店（S1）的客户');
    expect(body.errors[2].message).toContain('不在你的数据范围内');
    expect((await find('13700000201'))[0]).toMatchObject({ storeName: '徐汇店', staff: [{ name: '李娜' }] });
    expect(await find('13700000202')).toHaveLength(0);
  });

  it('refuses guides', async () => {
    expect((await upload('x.csv', csv([HEADER]), 'guide1')).status).toBe(403);
  });

  it('refuses what is not a .csv or .xlsx file, writing nothing', async () => {
    const before = await customerCount();
    const auditBefore = (await json(await w.request('GET', '/api/audit?action=customer.import'))).total;
    const fake = await upload('customers.xlsx', csv([HEADER, ['假的', '13700000301', '', '', '', '', '']]));
    expect(fake.status).toBe(415);
    expect((await json(fake)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload('customers.pdf', '%PDF-1.4')).status).toBe(415);
    expect((await upload('customers.csv', new Uint8Array([0x00, 0x01, 0x02, 0x03]))).status).toBe(415);
    const asJson = await w.request('POST', '/api/customers/import', { body: { file: 'customers.csv' } });
    expect(asJson.status).toBe(415);
    const noFile = new FormData();
    noFile.append('other', 'x');
    const missing = await w.app.request('/api/customers/import', {
      method: 'POST',
      headers: { cookie: await w.login('admin') },
      body: noFile,
    });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('file') });
    const unknownColumn = await upload(
      'customers.csv',
      csv([
        ['姓名', '微信号'],
        ['某人', 'wx1'],
      ]),
    );
    expect(unknownColumn.status).toBe(400);
    expect((await json(unknownColumn)).error.message).toContain('微信号');
    const noName = await upload('customers.csv', csv([['手机号'], ['13700000302']]));
    expect(noName.status).toBe(400);
    expect(await customerCount()).toBe(before);
    expect((await json(await w.request('GET', '/api/audit?action=customer.import'))).total).toBe(auditBefore);
  });

  it('refuses more than 50,000 rows before writing anything', async () => {
    const before = await customerCount();
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [`多${i}`]);
    const res = await upload('big.csv', csv([['姓名'], ...rows]));
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toContain('文件超过 50,000 行');
    expect(await customerCount()).toBe(before);
  });

  it('refuses an XLSX that would unpack beyond the limit (a zip bomb)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows(Array.from({ length: 200 }, () => ['x'.repeat(100)]));
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(() => assertZipUnpacksWithin(bytes, 10_000, 'en')).toThrow(/too large when unpacked/);
    expect(() => assertZipUnpacksWithin(bytes, 10_000_000, 'en')).not.toThrow();
    expect(() => assertZipUnpacksWithin(bytes.subarray(0, bytes.length - 30), 10_000_000, 'en')).toThrow(/damaged/);
  });

  it('round-trips: an XLSX export imported again creates nobody', async () => {
    const field = await w.request('POST', '/api/customer-fields', { body: { key: 'birthday', label: '生日', type: 'date' } });
    expect(field.status).toBe(201);
    await w.request('PATCH', `/api/customers/${w.ids.c2}`, { body: { attrs: { birthday: '1990-02-03' } } });
    const before = await customerCount();
    const { res, bytes } = await download('/api/customers/export?format=xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const records = await xlsxRecords(bytes);
    expect(records[0]).toContain('生日');
    const c2 = records.find((r) => r[0] === String(w.ids.c2));
    expect(c2?.slice(0, 3)).toEqual([String(w.ids.c2), '杨磊', '13900002222']);
    expect(c2).toContain('1990-02-03');
    const body = await json(await upload('export.xlsx', bytes));
    expect(body).toMatchObject({ total: before, created: 0, updated: before, failed: 0 });
    expect(await customerCount()).toBe(before);
    const again = await json(await w.request('GET', `/api/customers/${w.ids.c2}`));
    expect(again.attrs).toEqual({ birthday: '1990-02-03' });
  });

  it('round-trips a CSV export too', async () => {
    const before = await customerCount();
    const { bytes } = await download('/api/customers/export?format=csv');
    const body = await json(await upload('export.csv', bytes));
    expect(body).toMatchObject({ total: before, created: 0, updated: before, failed: 0 });
  });
});

describe('template', () => {
  it('has the import headers, custom fields and an example row that imports cleanly', async () => {
    const { res, bytes } = await download('/api/customers/import/template?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''%E5%AE%A2%E6%88%B7%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.csv",
    );
    const [header, example] = csvRecords(bytes);
    expect(header).toEqual([...HEADER, '入会日期', '生日']);
    expect(example?.[0]).toBe('示例客户');
    const body = await json(await upload('template.csv', bytes));
    expect(body).toMatchObject({ total: 1, created: 1, failed: 0 });
  });

  it('comes as XLSX with a sheet of instructions', async () => {
    const { res, bytes } = await download('/api/customers/import/template?format=xlsx');
    expect(res.status).toBe(200);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['客户', '填写说明']);
    const body = await json(await upload('template.xlsx', bytes));
    // The same example customer again, matched by its phone.
    expect(body).toMatchObject({ total: 1, created: 0, updated: 1, failed: 0 });
  });
});
