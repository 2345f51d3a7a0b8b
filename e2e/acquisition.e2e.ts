// Acquisition in a real browser against a real `pond start` (demo tenant): an operator creates a
// group live code in the console, a customer opens its landing page, and virtual customers join
// through it from the simulator until the code opens a new group on its own.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiGet, artifacts, DEMO_ADMIN, loginConsole, useBrowser } from './harness.ts';

type TGroupCode = { id: number; name: string; url: string; slug: string };
type TOpenings = { items: { name: string; status: string }[]; total: number };
type TLanding = { status: string; group: { name: string; memberCount: number; cap: number } | null };

const ui = useBrowser('acquisition');
const CODE_NAME = `E2E 会员群 ${Date.now().toString(36)}`;
let code: TGroupCode;

describe('group live code', () => {
  it('is created by an operator in the console', async () => {
    await loginConsole(ui.page, DEMO_ADMIN);
    await ui.page.getByTestId('account-name').waitFor();

    await ui.page.goto('/group-codes');
    await ui.page.getByTestId('group-code-create').click();
    const form = ui.page.getByTestId('group-code-form');
    await ui.page.getByTestId('group-code-name').fill(CODE_NAME);
    // A small cap, so that a handful of visitors fill a group.
    await ui.page.getByTestId('group-code-cap').fill('3');
    await ui.page.getByTestId('group-code-template').fill('E2E 福利{n}群');
    // Groups opened automatically need an owner: the first staff member of the demo brand.
    const staff = await apiGet<{ items: { id: number; name: string; storeName: string | null }[] }>(
      ui.context,
      '/api/staff?pageSize=1',
    );
    const owner = staff.items[0];
    if (!owner) throw new Error('The demo brand has no staff.');
    const ownerLabel = owner.storeName ? `${owner.name} · ${owner.storeName}` : owner.name;
    const owners = ui.page.getByTestId('group-code-owners');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await owners.click();
      await ui.page.keyboard.type(owner.name, { delay: 20 });
      await ui.page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${ownerLabel}"]`).first().click();
      await ui.page.keyboard.press('Escape');
      if ((await owners.textContent())?.includes(owner.name)) break;
    }
    await form.locator('xpath=ancestor::div[contains(@class,"ant-modal")]').locator('.ant-modal-footer .ant-btn-primary').click();
    await ui.page.getByTestId('group-code-title').waitFor();
    expect(await ui.page.getByTestId('group-code-title').textContent()).toBe(CODE_NAME);

    const list = await apiGet<{ items: TGroupCode[] }>(ui.context, `/api/group-codes?q=${encodeURIComponent(CODE_NAME)}`);
    const found = list.items.find((c) => c.name === CODE_NAME);
    expect(found).toBeDefined();
    code = found as TGroupCode;
    expect(code.url).toMatch(/\/j\/[0-9A-Za-z]+$/);
  });

  it("opens the code's permanent landing page with a group to join and its QR", async () => {
    const landing = await ui.context.newPage();
    await landing.goto(new URL(code.url).pathname);
    const qr = landing.locator('img.qr');
    await qr.waitFor();
    // The QR is a real PNG served by Pond.
    const size = await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(size).toBeGreaterThan(100);
    expect(await landing.locator('h1').textContent()).toBe(CODE_NAME);
    await landing.screenshot({ path: join(artifacts, 'group-code-landing.png') });
    await landing.close();
  });

  it('opens a new group by itself when virtual customers fill the ones it has', async () => {
    const before = await apiGet<TOpenings>(ui.context, `/api/group-codes/${code.id}/openings`);
    await ui.page.getByTestId('group-code-simulate').click();
    await ui.page.getByTestId('simulate-count').fill('6');
    await ui.page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await ui.page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
    // Six visitors at three a group: the code had to open groups, and operators are told.
    await expect
      .poll(async () => (await apiGet<TOpenings>(ui.context, `/api/group-codes/${code.id}/openings`)).total, { timeout: 60_000 })
      .toBeGreaterThan(before.total + 1);
    const openings = await apiGet<TOpenings>(ui.context, `/api/group-codes/${code.id}/openings`);
    expect(openings.items.some((o) => o.name.startsWith('E2E 福利') && o.status === 'opened')).toBe(true);
    await ui.page.reload();
    await ui.page.getByRole('tab', { name: '自动建群记录' }).click();
    // The table first renders empty while its query loads; wait for the row itself.
    await ui.page.getByTestId('group-code-openings').getByText('E2E 福利').first().waitFor({ timeout: 15_000 });
    const notices = await apiGet<{ items: { title: string }[] }>(ui.context, '/api/notifications?pageSize=50');
    expect(notices.items.some((n) => n.title.includes('E2E 福利'))).toBe(true);
    // The landing page now routes to a group that still has room.
    const landing = await apiGet<TLanding>(ui.context, `/api/public/group-codes/${code.slug}`);
    expect(landing.group?.memberCount ?? 99).toBeLessThan(landing.group?.cap ?? 0);
  });
});
