import { chromium } from 'playwright-core';
const B = 'http://127.0.0.1:38917';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
// H5 as the participant (token in the URL), phone-sized.
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
const p = await phone.newPage();
await p.goto(`${B}/f/FqECmqe2lO?t=1.301.FSGk_fluFXDLt1xNN8MCUA`);
await p.waitForSelector('[data-testid=fission-progress]', { timeout: 20000 });
await p.waitForFunction(() => { const i = document.querySelector('[data-testid=fission-poster]'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 20000 });
await p.screenshot({ path: '/tmp/fission-demo/h5-me.png', fullPage: true });
// A friend opening the participant's personal link without a token.
const f = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
await f.goto(`${B}/f/wf1571EXxD`);
await f.waitForFunction(() => { const i = document.querySelector('img'); return i && i.complete && i.naturalWidth > 0; }, null, { timeout: 20000 });
await f.screenshot({ path: '/tmp/fission-demo/h5-friend.png', fullPage: true });
// Console.
const c = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
await c.goto(`${B}/login`);
await c.getByTestId('login-username').fill('admin');
await c.getByTestId('login-password').fill('pond-demo');
await c.keyboard.press('Enter');
await c.waitForTimeout(2000);
await c.goto(`${B}/fission`);
await c.waitForTimeout(2500);
await c.screenshot({ path: '/tmp/fission-demo/console-list.png', fullPage: true });
await c.goto(`${B}/fission/1`);
await c.waitForTimeout(3000);
await c.screenshot({ path: '/tmp/fission-demo/console-detail.png', fullPage: true });
await c.goto(`${B}/fission/1/edit`);
await c.waitForTimeout(2500);
await c.screenshot({ path: '/tmp/fission-demo/console-edit.png', fullPage: true });
await c.goto(`${B}/fission/new`);
await c.waitForTimeout(2000);
await c.getByTestId('fission-save').click();
await c.waitForTimeout(800);
await c.screenshot({ path: '/tmp/fission-demo/console-new-errors.png', fullPage: true });
await browser.close();
