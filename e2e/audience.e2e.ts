// The audience builder in a real browser against a real `pond start` (demo tenant, 2,000
// customers): start from everyone, add a tag condition and watch the live count change to the
// server's count for that expression, negate it, save the audience, see it listed, delete it.
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiGet, artifacts, DEMO_ADMIN, loginConsole, useBrowser } from './harness.ts';

type TTag = { id: number; name: string; customerCount: number };
type TTagGroups = { items: { id: number; name: string; tags: TTag[] }[] };
type TPreview = { count: number; sample: { id: number; name: string }[] };

const ui = useBrowser('audience');

/** The server's count for an expression, as the logged-in admin sees it. */
async function serverCount(expression: unknown): Promise<number> {
  const res = await ui.context.request.post('/api/audiences/preview', { data: { expression } });
  expect(res.status(), JSON.stringify(expression)).toBe(200);
  return ((await res.json()) as TPreview).count;
}

/** The number the builder shows, once it is not stale (null while there is none). */
async function shownCount(): Promise<number | null> {
  const text = (await ui.page.getByTestId('audience-count').textContent()) ?? '';
  const digits = text.replace(/[^0-9]/g, '');
  return digits ? Number(digits) : null;
}

/** Types into an antd Select and picks the option labelled exactly `label` (retrying a swallowed pick). */
async function pickOption(select: Locator, label: string, picked?: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await ui.page.locator('.ant-select-dropdown:visible').first().waitFor();
    await ui.page.keyboard.type(label, { delay: 20 });
    await ui.page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).first().click();
    if (!picked || (await picked()) || attempt === 3) return;
  }
}

describe('audience builder', () => {
  let everyone: number;
  let tag: TTag;
  let withTag: number;
  const audienceName = `e2e 人群 ${Date.now()}`;

  it('logs in and opens a new audience: the count starts at everyone', async () => {
    await loginConsole(ui.page, DEMO_ADMIN);
    // The audiences entry sits in the collapsed engagement menu; open the page by its address.
    await ui.page.goto('/audiences');
    await ui.page.getByTestId('audience-list').waitFor();
    await ui.page.getByTestId('audience-new').click();
    await ui.page.getByTestId('audience-builder').waitFor();
    everyone = await serverCount({ all: [] });
    expect(everyone).toBeGreaterThan(100);
    await expect.poll(shownCount, { timeout: 20_000 }).toBe(everyone);
  });

  it('adds a tag condition and sees the count change to the server count', async () => {
    const groups = await apiGet<TTagGroups>(ui.context, '/api/tag-groups?pageSize=200');
    const tags = groups.items.flatMap((g) => g.tags);
    // A tag carried by some customers but not all, with a name no other tag shares.
    const candidates = tags
      .filter((t) => t.customerCount > 0 && t.customerCount < everyone)
      .filter((t) => tags.filter((o) => o.name === t.name).length === 1)
      .sort((a, b) => b.customerCount - a.customerCount);
    const picked = candidates[0];
    if (!picked) throw new Error('the demo tenant has no tag that splits its customers');
    tag = picked;
    withTag = await serverCount({ all: [{ tag: String(tag.id) }] });
    expect(withTag).toBeGreaterThan(0);
    expect(withTag).toBeLessThan(everyone);

    await ui.page.getByTestId('audience-add-condition-root').click();
    await ui.page.getByTestId('audience-condition-root-0').waitFor();
    const select = ui.page.getByTestId('audience-tag-select');
    await pickOption(select, tag.name, async () => ((await select.textContent()) ?? '').includes(tag.name));
    await expect.poll(shownCount, { timeout: 20_000 }).toBe(withTag);
    await ui.page.screenshot({ path: join(artifacts, 'audience-builder.png'), fullPage: true });
  });

  it('negates the condition: NOT counts everyone else', async () => {
    const without = await serverCount({ all: [{ not: { tag: String(tag.id) } }] });
    expect(without).toBe(everyone - withTag);
    await ui.page.getByTestId('audience-not-root-0').click();
    await expect.poll(shownCount, { timeout: 20_000 }).toBe(without);
    // And back.
    await ui.page.getByTestId('audience-not-root-0').click();
    await expect.poll(shownCount, { timeout: 20_000 }).toBe(withTag);
  });

  it('saves the audience, lists it with its count, and deletes it after confirming', async () => {
    await ui.page.getByTestId('audience-name').fill(audienceName);
    await ui.page.getByTestId('audience-save').click();
    await ui.page.waitForURL(/\/audiences$/);
    const row = ui.page.locator('[data-testid="audience-list"] tr.ant-table-row', { hasText: audienceName });
    await row.waitFor();
    const id = Number(await row.getAttribute('data-row-key'));
    await expect
      .poll(async () => (await ui.page.getByTestId(`audience-row-count-${id}`).textContent())?.replace(/[^0-9]/g, ''))
      .toBe(String(withTag));
    const saved = await apiGet<{ name: string; expression: unknown; count: number }>(ui.context, `/api/audiences/${id}`);
    expect(saved).toMatchObject({ name: audienceName, expression: { all: [{ tag: String(tag.id) }] }, count: withTag });

    await ui.page.getByTestId(`audience-delete-${id}`).click();
    await ui.page.getByTestId('audience-delete-ok').click();
    await row.waitFor({ state: 'detached' });
    const gone = await ui.context.request.get(`/api/audiences/${id}`);
    expect(gone.status()).toBe(404);
  });
});
