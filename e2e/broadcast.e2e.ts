// A broadcast in a real browser against a real `pond start` (demo tenant): an operator builds a
// broadcast to a saved audience in the console, sees the reach preview, sends it; the staff
// members confirm their mass tasks in the (simulated) WeCom; the results appear on the detail page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

type TPage<T> = { items: T[]; total: number };
type TUnit = { id: number; name: string; kind: string };
type TTask = { id: number; msgId: string | null; status: string };
type TBroadcast = { id: number; status: string; counts: Record<string, number> };

const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(root, 'e2e/artifacts');
const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(artifacts, `failed-broadcast-${name}.png`), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
});

async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> {
  const res = await context.request.fetch(path, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function pickOption(select: Locator, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:visible').first().waitFor();
    await page.keyboard.type(label, { delay: 20 });
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).first().click();
    if ((await select.textContent())?.includes(label) || attempt === 3) return;
  }
}

describe('broadcast', () => {
  let broadcastId = 0;
  const audienceName = `e2e 群发人群 ${Date.now()}`;

  it('logs in and saves an audience of one store', async () => {
    await page.goto('/login');
    await page.getByTestId('login-tenant').fill('demo');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('pond-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-customers').waitFor();
    const units = await api<TPage<TUnit> | TUnit[]>('GET', '/api/org/units?pageSize=200');
    const list = Array.isArray(units) ? units : units.items;
    const store = list.find((u) => u.kind === 'store');
    if (!store) throw new Error('the demo tenant has no store');
    await api('POST', '/api/audiences', { name: audienceName, expression: { store: String(store.id) } });
  });

  it('builds the broadcast in the console with a reach preview and saves it', async () => {
    await page.goto('/broadcasts');
    await page.getByTestId('broadcast-new').click();
    await page.getByTestId('broadcast-name').fill('e2e 会员日提醒');
    await page.getByTestId('broadcast-audience-mode').getByText('已保存人群').click();
    await pickOption(page.getByTestId('broadcast-saved-audience'), audienceName);
    await page.getByTestId('broadcast-content-text').fill('会员日全场九折，到店出示即可');
    // The preview answers with the reach after caps and the control group.
    await expect
      .poll(
        async () => Number(((await page.getByTestId('broadcast-preview-reach').textContent()) ?? '').replace(/[^0-9]/g, '')),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'broadcast-form.png'), fullPage: true });
    await page.getByTestId('broadcast-save').click();
    await page.waitForURL(/\/broadcasts\/\d+$/);
    broadcastId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(broadcastId).toBeGreaterThan(0);
  });

  it('sends it, the staff confirm in the simulator, and results appear on the detail page', async () => {
    // The run may fall inside the default quiet hours (21:30–09:00 Shanghai): lift them for this one.
    await api('PATCH', `/api/broadcasts/${broadcastId}`, { quietStart: '00:00', quietEnd: '00:00' });
    await page.reload();
    await page.getByTestId('broadcast-detail-send').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const status = page.getByTestId('broadcast-detail-status');
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 60_000 }).toBe('发送中');

    let tasks: TTask[] = [];
    // A task's WeCom msgid is known once the outbox created it and a results poll saw it; ask until all have one.
    await expect
      .poll(
        async () => {
          await context.request.post(`/api/broadcasts/${broadcastId}/results`);
          tasks = (await api<TPage<TTask>>('GET', `/api/broadcasts/${broadcastId}/tasks?pageSize=200`)).items;
          return tasks.length > 0 && tasks.every((t) => t.msgId);
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(true);
    for (const t of tasks) await api('POST', `/api/sim/mass-tasks/${t.msgId}/confirm`);

    // The operator asks for the results now (a poll already under way may have finished it first).
    const refresh = page.getByTestId('broadcast-refresh-results');
    if (await refresh.isVisible()) await refresh.click({ timeout: 5000 }).catch(() => undefined);
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 2000 }).toBe('已完成');
    const sent = Number(((await page.getByTestId('broadcast-stat-sent').textContent()) ?? '').replace(/[^0-9]/g, ''));
    expect(sent).toBeGreaterThan(0);
    const b = await api<TBroadcast>('GET', `/api/broadcasts/${broadcastId}`);
    expect(b.counts.sent).toBe(sent);
    await page.getByTestId('broadcast-recipients').locator('.ant-table-row').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'broadcast-detail.png'), fullPage: true });
  }, 300_000);
});
