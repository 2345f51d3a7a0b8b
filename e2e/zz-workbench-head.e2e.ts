// The guide workbench in a real browser at phone size (375×812) against a real `pond start` (demo
// tenant): HQ gives the demo guide a task, the guide logs in to /h5/workbench, sees it under 今日任务,
// completes it, tags a customer from the 客户 tab — and the console's 导购任务 page shows the task done.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

type TAccount = { username: string; staffId: number | null };
type TTask = { id: number; status: string; staffId: number };

const root = fileURLToPath(new URL('..', import.meta.url));
const artifacts = join(root, 'e2e/artifacts');
const baseUrl = inject('baseUrl');
let browser: Browser;
let consoleCtx: BrowserContext;
let phoneCtx: BrowserContext;
let consolePage: Page;
let phone: Page;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  consoleCtx = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  phoneCtx = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  consoleCtx.setDefaultTimeout(20_000);
  phoneCtx.setDefaultTimeout(20_000);
  consolePage = await consoleCtx.newPage();
  phone = await phoneCtx.newPage();
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await phone?.screenshot({ path: join(artifacts, `failed-workbench-phone-${name}.png`), fullPage: true });
    await consolePage?.screenshot({ path: join(artifacts, `failed-workbench-console-${name}.png`), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
});

describe('guide workbench', () => {
  let guideStaffId: number;
  let taskId: number;
  const title = `E2E 回访新客 ${Date.now().toString(36)}`;

  it('HQ gives the demo guide a task', async () => {
    const login = await consoleCtx.request.post('/api/auth/login', {
      data: { tenant: 'demo', username: 'admin', password: 'pond-demo' },
    });
    expect(login.status()).toBe(200);
    const accounts = (await (await consoleCtx.request.get('/api/accounts?pageSize=200')).json()) as { items: TAccount[] };
    const guide = accounts.items.find((a) => a.username === 'guide');
    expect(guide?.staffId).toBeTruthy();
    guideStaffId = guide?.staffId ?? 0;
    const res = await consoleCtx.request.post('/api/tasks', {
      data: {
        staffId: guideStaffId,
        title,
        body: '问问上周买的新品喝着怎么样',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
    expect(res.status()).toBe(201);
    const task = (await res.json()) as TTask;
    expect(task).toMatchObject({ status: 'open', staffId: guideStaffId });
    taskId = task.id;
  });

  it('the guide logs in on a phone and sees the task under 今日任务', async () => {
    await phone.goto('/h5/workbench');
    await phone.getByTestId('wb-login-tenant').fill('demo');
    await phone.getByTestId('wb-login-username').fill('guide');
    await phone.getByTestId('wb-login-password').fill('pond-demo');
    await phone.getByTestId('wb-login-submit').click();
    await phone.getByTestId('wb-today').waitFor();
    const card = phone.getByTestId(`wb-task-${taskId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(title);
    expect(await card.getAttribute('data-status')).toBe('open');
    // The page fits the phone: nothing scrolls sideways.
    const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(artifacts, 'workbench-today.png') });
  });

  it('completes the task', async () => {
    const before = Number(await phone.getByTestId('wb-count-done').textContent());
    await phone.getByTestId(`wb-task-complete-${taskId}`).click();
    await expect.poll(() => phone.getByTestId(`wb-task-${taskId}`).getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    expect(Number(await phone.getByTestId('wb-count-done').textContent())).toBe(before + 1);
    // The undo button is offered for 10 minutes.
    await phone.getByTestId(`wb-task-reopen-${taskId}`).waitFor();
    const task = (await (await phoneCtx.request.get(`/api/tasks/${taskId}`)).json()) as TTask;
    expect(task.status).toBe('done');
  });

  it('opens a customer from 客户 and quick-adds a tag', async () => {
    await phone.getByTestId('wb-tab-customers').click();
    const first = phone.locator('.wb-list-item').first();
    await first.waitFor();
    await first.click();
    await phone.getByTestId('wb-customer-view').waitFor();
    await phone.getByTestId('wb-set-current').click();
    expect(await phone.getByTestId('wb-current-customer').textContent()).toContain('当前客户');
    await phone.getByTestId('wb-tags-toggle').click();
    const addable = phone.locator('[data-testid^="wb-tag-add-"]:not([disabled])').first();
    await addable.waitFor();
    const tagName = (await addable.textContent())?.trim() ?? '';
    await addable.click();
    await expect
      .poll(async () => (await phone.getByTestId('wb-customer-tags').textContent()) ?? '', { timeout: 15_000 })
      .toContain(tagName);
    await phone.screenshot({ path: join(artifacts, 'workbench-customer.png'), fullPage: true });
  });

  it('shows the guide’s own numbers, in English on request', async () => {
    await phone.getByTestId('wb-tab-me').click();
    await phone.getByTestId('wb-stats').waitFor();
    expect(Number(await phone.getByTestId('wb-stat-customers').textContent())).toBeGreaterThan(0);
    await phone.getByTestId('wb-lang').click();
    expect(await phone.getByTestId('wb-tab-me').textContent()).toBe('My numbers');
    await phone.screenshot({ path: join(artifacts, 'workbench-stats-en.png') });
    await phone.getByTestId('wb-lang').click();
    expect(await phone.getByTestId('wb-tab-me').textContent()).toBe('我的数据');
  });

  it('the console tasks page shows the task done', async () => {
    await consolePage.goto('/guide-tasks');
    await consolePage.getByTestId('task-table').waitFor();
    const status = consolePage.getByTestId('task-filter-status');
    await status.click();
    await consolePage.locator('.ant-select-dropdown:visible .ant-select-item-option[title="已完成"]').click();
    const tag = consolePage.getByTestId(`task-status-${taskId}`);
    await tag.waitFor();
    expect(await tag.getAttribute('data-status')).toBe('done');
    expect(await consolePage.getByTestId(`task-title-${taskId}`).textContent()).toBe(title);
    await consolePage.keyboard.press('Escape');
    await consolePage.screenshot({ path: join(artifacts, 'workbench-console-tasks.png') });
  });

  it('prints the workbench API times for the demo guide (median of 5, figures only)', async () => {
    const paths = [
      '/api/workbench/today',
      '/api/workbench/customers?pageSize=20',
      '/api/workbench/customers?q=1234',
      '/api/workbench/stats',
    ];
    const figures: string[] = [];
    for (const path of paths) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const res = await phoneCtx.request.get(path);
        times.push(performance.now() - t0);
        expect(res.status(), path).toBe(200);
      }
      times.sort((a, b) => a - b);
      figures.push(`${path}: ${times[2]?.toFixed(1)} ms`);
    }
    const customers = (await (await phoneCtx.request.get('/api/workbench/stats')).json()) as { customers: number };
    console.log(`workbench API, demo guide with ${customers.customers} customers (PGlite):\n  ${figures.join('\n  ')}`);
  });
});
