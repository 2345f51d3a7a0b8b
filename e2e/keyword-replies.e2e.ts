// Keyword auto-reply rules in a real browser against a real `pond start` (demo tenant): create a
// rule in the drawer, ask the test box which rule would answer a message, switch the rule off and
// see it no longer answers, delete it after confirming.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

type TRule = { id: number; name: string; enabled: boolean; keywords: { text: string; mode: string }[] };

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
    await page.screenshot({ path: join(artifacts, `failed-keyword-${name}.png`), fullPage: true });
  }
});

afterAll(async () => {
  await browser?.close();
});

const ruleName = `e2e 规则 ${Date.now()}`;
// A keyword no demo rule uses, so the test box's answer is this rule's.
const keyword = `e2e停车券${Date.now() % 100_000}`;
let rule: TRule;

const rulesRow = () => page.locator('[data-testid="keyword-rules"] tr.ant-table-row', { hasText: ruleName });
const testResult = () => page.getByTestId('keyword-test-result');

async function runTest(text: string): Promise<void> {
  await page.getByTestId('keyword-test-text').fill(text);
  await page.getByTestId('keyword-test-run').click();
}

describe('keyword replies', () => {
  it('logs in and creates a rule in the drawer', async () => {
    await page.goto('/login');
    await page.getByTestId('login-tenant').fill('demo');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('pond-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-customers').waitFor();
    await page.goto('/keyword-replies');
    await page.getByTestId('keyword-rules').waitFor();

    await page.getByTestId('keyword-rule-new').click();
    await page.getByTestId('keyword-rule-drawer').waitFor();
    // Saving without a keyword or a reply is refused in the form.
    await page.getByTestId('keyword-rule-name').fill(ruleName);
    await page.getByTestId('keyword-rule-save').click();
    await page.locator('[data-testid="keyword-rule-drawer"] .ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('keyword-text-0').fill(keyword);
    await page.getByTestId('keyword-rule-content-text').fill('{{customer_name}} 您好，停车券在前台领取');
    await page.getByTestId('keyword-rule-save').click();
    await page.getByTestId('keyword-rule-drawer').waitFor({ state: 'hidden' });
    await rulesRow().waitFor();
    const id = Number(await rulesRow().getAttribute('data-row-key'));
    const res = await context.request.get(`/api/keyword-replies/${id}`);
    expect(res.status()).toBe(200);
    rule = (await res.json()) as TRule;
    expect(rule).toMatchObject({ name: ruleName, enabled: true, keywords: [{ text: keyword, mode: 'contains' }] });
  });

  it('the test box says which rule would answer, with the reply', async () => {
    await runTest(`请问${keyword}怎么领？`);
    await expect.poll(async () => (await testResult().textContent()) ?? '').toContain(ruleName);
    expect(await testResult().textContent()).toContain('停车券在前台领取');
    await page.screenshot({ path: join(artifacts, 'keyword-replies.png'), fullPage: true });
  });

  it('a disabled rule no longer answers', async () => {
    await page.getByTestId(`keyword-enabled-${rule.id}`).click();
    await expect
      .poll(async () => ((await (await context.request.get(`/api/keyword-replies/${rule.id}`)).json()) as TRule).enabled)
      .toBe(false);
    await runTest(`${keyword} 还有吗`);
    await expect.poll(async () => (await testResult().textContent()) ?? '').not.toContain(ruleName);
  });

  it('deletes the rule after confirming', async () => {
    await page.getByTestId(`keyword-delete-${rule.id}`).click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await rulesRow().waitFor({ state: 'detached' });
    expect((await context.request.get(`/api/keyword-replies/${rule.id}`)).status()).toBe(404);
  });
});
