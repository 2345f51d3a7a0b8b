import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
const step = async (name: string, fn: () => Promise<unknown>) => {
  try { await fn(); } catch (e) { await page.screenshot({ path: `/tmp/ref-shots/fail-${name}.png`, fullPage: true }); console.log('FAILED at', name, String(e).slice(0, 500)); await browser.close(); process.exit(1); }
};
await page.goto('http://127.0.0.1:45917/login');
await page.getByLabel('企业标识').fill('demo');
await page.getByLabel('用户名').fill('admin');
await page.getByLabel('密码').fill('pond-demo');
await page.getByRole('button', { name: /登\s*录/ }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
await page.goto('http://127.0.0.1:45917/referral');
await step('tab', () => page.getByRole('tab', { name: '佣金流水' }).click());
const table = page.getByTestId('referral-ledger-table');
await step('table', () => table.waitFor());
await step('filter', async () => { await page.getByTestId('referral-ledger-state').click(); await page.locator('.ant-select-item-option', { hasText: '已结算' }).click(); });
await page.waitForTimeout(1500);
await step('check', () => table.locator('tr.ant-table-row').first().locator('.ant-checkbox-input').check());
await step('open', () => page.getByTestId('referral-mark-paid').click());
await step('dialog', () => page.getByRole('dialog').waitFor());
await step('ref', () => page.getByPlaceholder(/付款凭证号/).fill('TX-DEMO-01'));
await page.screenshot({ path: '/tmp/ref-shots/console-confirm.png' });
await step('ok', () => page.getByRole('dialog').getByRole('button', { name: /确认标记为已支付/ }).click());
await step('done', () => page.getByText(/已标记 1 条/).waitFor({ timeout: 10000 }));
await page.waitForTimeout(1500);
await page.screenshot({ path: '/tmp/ref-shots/console-paid.png', fullPage: true });
console.log('paid ok');
await browser.close();
