// Keyword auto-reply rules in a real browser against a real `pond start` (demo tenant): create a
// rule in the drawer, ask the test box which rule would answer a message, switch the rule off and
// see it no longer answers, delete it after confirming.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiGet, artifacts, DEMO_ADMIN, loginConsole, useBrowser } from './harness.ts';

type TRule = { id: number; name: string; enabled: boolean; keywords: { text: string; mode: string }[] };

const ui = useBrowser('keyword');

const ruleName = `e2e 规则 ${Date.now()}`;
// A keyword no demo rule uses, so the test box's answer is this rule's.
const keyword = `e2e停车券${Date.now() % 100_000}`;
let rule: TRule;

const rulesRow = () => ui.page.locator('[data-testid="keyword-rules"] tr.ant-table-row', { hasText: ruleName });
const testResult = () => ui.page.getByTestId('keyword-test-result');

async function runTest(text: string): Promise<void> {
  await ui.page.getByTestId('keyword-test-text').fill(text);
  await ui.page.getByTestId('keyword-test-run').click();
}

describe('keyword replies', () => {
  it('logs in and creates a rule in the drawer', async () => {
    await loginConsole(ui.page, DEMO_ADMIN);
    await ui.page.goto('/keyword-replies');
    await ui.page.getByTestId('keyword-rules').waitFor();

    await ui.page.getByTestId('keyword-rule-new').click();
    await ui.page.getByTestId('keyword-rule-drawer').waitFor();
    // Saving without a keyword or a reply is refused in the form.
    await ui.page.getByTestId('keyword-rule-name').fill(ruleName);
    await ui.page.getByTestId('keyword-rule-save').click();
    await ui.page.locator('[data-testid="keyword-rule-drawer"] .ant-form-item-explain-error').first().waitFor();
    await ui.page.getByTestId('keyword-text-0').fill(keyword);
    await ui.page.getByTestId('keyword-rule-content-text').fill('{{customer_name}} 您好，停车券在前台领取');
    await ui.page.getByTestId('keyword-rule-save').click();
    await ui.page.getByTestId('keyword-rule-drawer').waitFor({ state: 'hidden' });
    await rulesRow().waitFor();
    const id = Number(await rulesRow().getAttribute('data-row-key'));
    rule = await apiGet<TRule>(ui.context, `/api/keyword-replies/${id}`);
    expect(rule).toMatchObject({ name: ruleName, enabled: true, keywords: [{ text: keyword, mode: 'contains' }] });
  });

  it('the test box says which rule would answer, with the reply', async () => {
    await runTest(`请问${keyword}怎么领？`);
    await expect.poll(async () => (await testResult().textContent()) ?? '').toContain(ruleName);
    expect(await testResult().textContent()).toContain('停车券在前台领取');
    await ui.page.screenshot({ path: join(artifacts, 'keyword-replies.png'), fullPage: true });
  });

  it('a disabled rule no longer answers', async () => {
    await ui.page.getByTestId(`keyword-enabled-${rule.id}`).click();
    await expect
      .poll(async () => ((await (await ui.context.request.get(`/api/keyword-replies/${rule.id}`)).json()) as TRule).enabled)
      .toBe(false);
    await runTest(`${keyword} 还有吗`);
    await expect.poll(async () => (await testResult().textContent()) ?? '').not.toContain(ruleName);
  });

  it('deletes the rule after confirming', async () => {
    await ui.page.getByTestId(`keyword-delete-${rule.id}`).click();
    await ui.page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await rulesRow().waitFor({ state: 'detached' });
    expect((await ui.context.request.get(`/api/keyword-replies/${rule.id}`)).status()).toBe(404);
  });
});
