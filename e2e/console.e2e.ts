// The console in a real browser against a real `pond start` (demo tenant, 2,000 customers): log in,
// filter customers by a tag, open one, tag it, see the tag on its timeline, switch the language.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiGet, artifacts, DEMO_ADMIN, loginConsole, useBrowser } from './harness.ts';

type TTag = { id: number; name: string; customerCount: number };
type TTagGroups = { items: { id: number; name: string; tags: TTag[] }[] };
type TCustomerDetail = { id: number; name: string; tags: { id: number; name: string }[] };

const root = fileURLToPath(new URL('..', import.meta.url));
// The README's screenshot is written when missing, or on request — not on every run, so that a
// test run does not leave the working tree dirty.
const docsScreenshot = join(root, 'docs/screenshot-console.png');
const updateDocsScreenshot = process.env.POND_UPDATE_SCREENSHOTS === '1' || !existsSync(docsScreenshot);

const ui = useBrowser('console');

/** Types into an antd Select and picks the option labelled exactly `label`. */
async function pickOption(select: Locator, label: string, picked?: () => Promise<boolean>): Promise<void> {
  // antd's Select occasionally swallows the first keystrokes while its dropdown animates in, so
  // wait for the dropdown, and try again (up to 3 times) until the pick shows.
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await ui.page.locator('.ant-select-dropdown:visible').first().waitFor();
    // Fill the search box rather than typing key by key: a swallowed keystroke leaves no match.
    await select.locator('input').first().fill(label);
    const option = ui.page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
    const shown = await option
      .first()
      .click({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    // A multiple select stays open after a pick.
    await ui.page.keyboard.press('Escape');
    if (!shown && attempt < 3) continue;
    if (!shown) throw new Error(`option "${label}" never showed in the select`);
    if (!picked || (await picked()) || attempt === 3) return;
  }
}

const tableRows = () => ui.page.locator('[data-testid="customer-table"] .ant-table-tbody tr.ant-table-row');
const drawer = () => ui.page.getByTestId('customer-drawer');
const drawerTab = (key: string) => drawer().locator(`.ant-tabs-tab[data-node-key="${key}"]`);

describe('console', () => {
  let filterTag: TTag;
  let added: TTag;

  it('logs in as the demo admin', async () => {
    await loginConsole(ui.page, DEMO_ADMIN);
    expect(await ui.page.getByTestId('account-name').textContent()).toBeTruthy();
  });

  it('filters customers by a tag', async () => {
    await ui.page.getByTestId('nav-customers').click();
    await ui.page.waitForURL(/\/customers/);
    await tableRows().first().waitFor();
    const groups = await apiGet<TTagGroups>(ui.context, '/api/tag-groups?pageSize=200');
    const all = groups.items.flatMap((g) => g.tags);
    // The busiest tag, so the filtered first page is full.
    filterTag = all.reduce((a, b) => (b.customerCount > a.customerCount ? b : a));
    expect(filterTag.customerCount).toBeGreaterThan(20);

    await pickOption(ui.page.getByTestId('customer-tag-filter'), filterTag.name);
    await ui.page.waitForURL(new RegExp(`[?&]tags=${filterTag.id}(&|$)`));
    // Rows update after the request; wait until every row on screen carries the tag (or hides it
    // behind the "+N" overflow chip, which the API check below covers).
    await expect
      .poll(
        async () => {
          const texts = await tableRows().allTextContents();
          return texts.length > 0 && texts.every((t) => t.includes(filterTag.name) || /\+\d/.test(t));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const ids = (await tableRows().evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row-key'))))).slice(0, 5);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const c = await apiGet<TCustomerDetail>(ui.context, `/api/customers/${id}`);
      expect(c.tags.map((t) => t.id)).toContain(filterTag.id);
    }
  });

  it('opens a customer, adds a tag, and sees it on the timeline', async () => {
    const row = tableRows().first();
    const id = Number(await row.getAttribute('data-row-key'));
    await row.locator('td').first().click();
    await drawer().waitFor();
    await ui.page.waitForURL(new RegExp(`[?&]customer=${id}(&|$)`));
    const customer = await apiGet<TCustomerDetail>(ui.context, `/api/customers/${id}`);
    await expect.poll(async () => (await drawer().textContent()) ?? '').toContain(customer.name);

    const groups = await apiGet<TTagGroups>(ui.context, '/api/tag-groups?pageSize=200');
    const owned = new Set(customer.tags.map((t) => t.id));
    const candidate = groups.items.flatMap((g) => g.tags).find((t) => !owned.has(t.id));
    if (!candidate) throw new Error(`customer ${id} already carries every tag`);
    added = candidate;

    await drawerTab('tags').click();
    const submit = ui.page.getByTestId('customer-add-tag-submit');
    await pickOption(ui.page.getByTestId('customer-add-tag-select'), added.name, () => submit.isEnabled());
    await submit.click();
    await expect.poll(async () => (await ui.page.getByTestId('customer-tags').textContent()) ?? '').toContain(added.name);
    const after = await apiGet<TCustomerDetail>(ui.context, `/api/customers/${id}`);
    expect(after.tags.map((t) => t.id)).toContain(added.id);

    await drawerTab('timeline').click();
    const timeline = ui.page.getByTestId('customer-timeline');
    await timeline.waitFor();
    // Newest first: the first tag event is the one just made.
    await expect
      .poll(async () => (await timeline.locator('[data-event-type="tag.added"]').first().textContent()) ?? '')
      .toContain(added.name);
    await ui.page.screenshot({ path: join(artifacts, 'customer-timeline.png') });
    await ui.page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'hidden' });
  });

  it('switches the language between Chinese and English', async () => {
    const nav = ui.page.getByTestId('nav-customers');
    await expect.poll(() => nav.textContent()).toBe('客户');
    await ui.page.getByTestId('lang-switch').click();
    await expect.poll(() => nav.textContent()).toBe('Customers');
    // Strings, not functions: this file is type-checked without the DOM library.
    expect(await ui.page.evaluate('document.documentElement.lang')).toBe('en');
    await ui.page.getByTestId('lang-switch').click();
    await expect.poll(() => nav.textContent()).toBe('客户');
    await ui.page.screenshot({ path: join(artifacts, 'console-end.png'), fullPage: true });
  });

  it('renders the customers page for the README screenshot', async () => {
    await ui.page.goto('/customers');
    await tableRows().nth(9).waitFor();
    await ui.page.locator('[data-testid="customer-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await ui.page.evaluate('document.fonts.ready.then(() => true)');
    await ui.page.mouse.move(1390, 890);
    const path = join(artifacts, 'customers.png');
    await ui.page.screenshot({ path });
    if (updateDocsScreenshot) await ui.page.screenshot({ path: docsScreenshot });
  });
});
