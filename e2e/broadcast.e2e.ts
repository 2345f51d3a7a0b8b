// A broadcast in a real browser against a real `pond start` (demo tenant): an operator builds a
// broadcast to a saved audience in the console, sees the reach preview, sends it; the staff
// members confirm their mass tasks in the (simulated) WeCom; the results appear on the detail ui.page.
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifacts, DEMO_ADMIN, loginConsole, useBrowser } from './harness.ts';

type TPage<T> = { items: T[]; total: number };
type TUnit = { id: number; name: string; kind: string };
type TTask = { id: number; msgId: string | null; status: string };
type TBroadcast = { id: number; status: string; counts: Record<string, number> };

const ui = useBrowser('broadcast');

async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown): Promise<T> {
  const res = await ui.context.request.fetch(path, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function pickOption(select: Locator, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await ui.page.locator('.ant-select-dropdown:visible').first().waitFor();
    await ui.page.keyboard.type(label, { delay: 20 });
    await ui.page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).first().click();
    if ((await select.textContent())?.includes(label) || attempt === 3) return;
  }
}

describe('broadcast', () => {
  let broadcastId = 0;
  const audienceName = `e2e 群发人群 ${Date.now()}`;

  it('logs in and saves an audience of one store', async () => {
    await loginConsole(ui.page, DEMO_ADMIN);
    const units = await api<TPage<TUnit> | TUnit[]>('GET', '/api/org/units?pageSize=200');
    const list = Array.isArray(units) ? units : units.items;
    const store = list.find((u) => u.kind === 'store');
    if (!store) throw new Error('the demo tenant has no store');
    await api('POST', '/api/audiences', { name: audienceName, expression: { store: String(store.id) } });
  });

  it('builds the broadcast in the console with a reach preview and saves it', async () => {
    await ui.page.goto('/broadcasts');
    await ui.page.getByTestId('broadcast-new').click();
    await ui.page.getByTestId('broadcast-name').fill('e2e 会员日提醒');
    await ui.page.getByTestId('broadcast-audience-mode').getByText('已保存人群').click();
    await pickOption(ui.page.getByTestId('broadcast-saved-audience'), audienceName);
    await ui.page.getByTestId('broadcast-content-text').fill('会员日全场九折，到店出示即可');
    // The preview answers with the reach after caps and the control group.
    await expect
      .poll(
        async () => Number(((await ui.page.getByTestId('broadcast-preview-reach').textContent()) ?? '').replace(/[^0-9]/g, '')),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    await ui.page.screenshot({ path: join(artifacts, 'broadcast-form.png'), fullPage: true });
    await ui.page.getByTestId('broadcast-save').click();
    await ui.page.waitForURL(/\/broadcasts\/\d+$/);
    broadcastId = Number(new URL(ui.page.url()).pathname.split('/').pop());
    expect(broadcastId).toBeGreaterThan(0);
  });

  it('sends it, the staff confirm in the simulator, and results appear on the detail page', async () => {
    // The run may fall inside the default quiet hours (21:30–09:00 Shanghai): lift them for this one.
    await api('PATCH', `/api/broadcasts/${broadcastId}`, { quietStart: '00:00', quietEnd: '00:00' });
    await ui.page.reload();
    await ui.page.getByTestId('broadcast-detail-send').click();
    await ui.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    const status = ui.page.getByTestId('broadcast-detail-status');
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 60_000 }).toBe('发送中');

    let tasks: TTask[] = [];
    // A task's WeCom msgid is known once the outbox created it and a results poll saw it; ask until all have one.
    await expect
      .poll(
        async () => {
          await ui.context.request.post(`/api/broadcasts/${broadcastId}/results`);
          tasks = (await api<TPage<TTask>>('GET', `/api/broadcasts/${broadcastId}/tasks?pageSize=200`)).items;
          return tasks.length > 0 && tasks.every((t) => t.msgId);
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(true);
    for (const t of tasks) await api('POST', `/api/sim/mass-tasks/${t.msgId}/confirm`);

    // The operator asks for the results now (a poll already under way may have finished it first).
    const refresh = ui.page.getByTestId('broadcast-refresh-results');
    if (await refresh.isVisible()) await refresh.click({ timeout: 5000 }).catch(() => undefined);
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 60_000, interval: 2000 }).toBe('已完成');
    // The figures shown once the page is loaded afresh are the final ones, and the API's.
    await ui.page.reload();
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 30_000 }).toBe('已完成');
    const sent = Number(((await ui.page.getByTestId('broadcast-stat-sent').textContent()) ?? '').replace(/[^0-9]/g, ''));
    expect(sent).toBeGreaterThan(0);
    const b = await api<TBroadcast>('GET', `/api/broadcasts/${broadcastId}`);
    expect(b.counts.sent).toBe(sent);
    await ui.page.getByTestId('broadcast-recipients').locator('.ant-table-row').first().waitFor();
    await ui.page.screenshot({ path: join(artifacts, 'broadcast-detail.png'), fullPage: true });
  }, 300_000);
});
