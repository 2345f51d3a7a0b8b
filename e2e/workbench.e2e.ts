// The guide workbench in a real browser at phone size (375×812) against a real `pond start` (demo
// tenant): HQ gives the demo guide a task, the guide logs in to /h5/workbench, sees it under 今日任务,
// completes it, tags a customer from the 客户 tab — and the console's 导购任务 page shows the task done.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifacts, DEMO_ADMIN, useBrowserScreens } from './harness.ts';

type TAccount = { username: string; staffId: number | null };
type TTask = { id: number; status: string; staffId: number };

// HQ in the console at desktop size, the guide on a phone: one browser, a context each.
const { console: hq, phone } = useBrowserScreens('workbench', {
  console: {},
  phone: { viewport: { width: 375, height: 812 }, mobile: true },
});

/** An hour from now, but still today in Shanghai (the workbench's "today" is the UTC+8 calendar day). */
function dueLaterToday(): Date {
  const now = Date.now();
  const shanghaiMidnight = Math.floor((now + 8 * 3_600_000) / 86_400_000 + 1) * 86_400_000 - 8 * 3_600_000;
  return new Date(Math.min(now + 3_600_000, shanghaiMidnight - 60_000));
}

describe('guide workbench', () => {
  let guideStaffId: number;
  let taskId: number;
  const title = `E2E 回访新客 ${Date.now().toString(36)}`;

  it('HQ gives the demo guide a task', async () => {
    const login = await hq.context.request.post('/api/auth/login', {
      data: DEMO_ADMIN,
    });
    expect(login.status()).toBe(200);
    const accounts = (await (await hq.context.request.get('/api/accounts?pageSize=200')).json()) as { items: TAccount[] };
    const guide = accounts.items.find((a) => a.username === 'guide');
    expect(guide?.staffId).toBeTruthy();
    guideStaffId = guide?.staffId ?? 0;
    const res = await hq.context.request.post('/api/tasks', {
      data: {
        staffId: guideStaffId,
        title,
        body: '问问上周买的新品喝着怎么样',
        dueAt: dueLaterToday().toISOString(),
      },
    });
    expect(res.status()).toBe(201);
    const task = (await res.json()) as TTask;
    expect(task).toMatchObject({ status: 'open', staffId: guideStaffId });
    taskId = task.id;
  });

  it('the guide logs in on a phone and sees the task under 今日任务', async () => {
    await phone.page.goto('/h5/workbench');
    await phone.page.getByTestId('wb-login-tenant').fill('demo');
    await phone.page.getByTestId('wb-login-username').fill('guide');
    await phone.page.getByTestId('wb-login-password').fill('pond-demo');
    await phone.page.getByTestId('wb-login-submit').click();
    await phone.page.getByTestId('wb-today').waitFor();
    const card = phone.page.getByTestId(`wb-task-${taskId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(title);
    expect(await card.getAttribute('data-status')).toBe('open');
    // The page fits the phone: nothing scrolls sideways.
    const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.page.screenshot({ path: join(artifacts, 'workbench-today.png') });
  });

  it('completes the task', async () => {
    const before = Number(await phone.page.getByTestId('wb-count-done').textContent());
    await phone.page.getByTestId(`wb-task-complete-${taskId}`).click();
    await expect
      .poll(() => phone.page.getByTestId(`wb-task-${taskId}`).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('done');
    expect(Number(await phone.page.getByTestId('wb-count-done').textContent())).toBe(before + 1);
    // The undo button is offered for 10 minutes.
    await phone.page.getByTestId(`wb-task-reopen-${taskId}`).waitFor();
    const task = (await (await phone.context.request.get(`/api/tasks/${taskId}`)).json()) as TTask;
    expect(task.status).toBe('done');
  });

  it('opens a customer from 客户 and quick-adds a tag', async () => {
    await phone.page.getByTestId('wb-tab-customers').click();
    const first = phone.page.locator('.wb-list-item').first();
    await first.waitFor();
    await first.click();
    await phone.page.getByTestId('wb-customer-view').waitFor();
    await phone.page.getByTestId('wb-set-current').click();
    expect(await phone.page.getByTestId('wb-current-customer').textContent()).toContain('当前客户');
    await phone.page.getByTestId('wb-tags-toggle').click();
    const addable = phone.page.locator('[data-testid^="wb-tag-add-"]:not([disabled])').first();
    await addable.waitFor();
    const tagName = (await addable.textContent())?.trim() ?? '';
    await addable.click();
    await expect
      .poll(async () => (await phone.page.getByTestId('wb-customer-tags').textContent()) ?? '', { timeout: 15_000 })
      .toContain(tagName);
    await phone.page.screenshot({ path: join(artifacts, 'workbench-customer.png'), fullPage: true });
  });

  it('shows the guide’s own numbers, in English on request', async () => {
    await phone.page.getByTestId('wb-tab-me').click();
    await phone.page.getByTestId('wb-stats').waitFor();
    expect(Number(await phone.page.getByTestId('wb-stat-customers').textContent())).toBeGreaterThan(0);
    await phone.page.getByTestId('wb-lang').click();
    expect(await phone.page.getByTestId('wb-tab-me').textContent()).toBe('My numbers');
    await phone.page.screenshot({ path: join(artifacts, 'workbench-stats-en.png') });
    await phone.page.getByTestId('wb-lang').click();
    expect(await phone.page.getByTestId('wb-tab-me').textContent()).toBe('我的数据');
  });

  it('the console tasks page shows the task done', async () => {
    await hq.page.goto('/guide-tasks');
    await hq.page.getByTestId('task-table').waitFor();
    const status = hq.page.getByTestId('task-filter-status');
    await status.click();
    await hq.page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="已完成"]').click();
    const tag = hq.page.getByTestId(`task-status-${taskId}`);
    await tag.waitFor();
    expect(await tag.getAttribute('data-status')).toBe('done');
    expect(await hq.page.getByTestId(`task-title-${taskId}`).textContent()).toBe(title);
    await hq.page.keyboard.press('Escape');
    await hq.page.screenshot({ path: join(artifacts, 'workbench-console-tasks.png') });
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
        const res = await phone.context.request.get(path);
        times.push(performance.now() - t0);
        expect(res.status(), path).toBe(200);
      }
      times.sort((a, b) => a - b);
      figures.push(`${path}: ${times[2]?.toFixed(1)} ms`);
    }
    const customers = (await (await phone.context.request.get('/api/workbench/stats')).json()) as { customers: number };
    console.log(`workbench API, demo guide with ${customers.customers} customers (PGlite):\n  ${figures.join('\n  ')}`);
  });
});
