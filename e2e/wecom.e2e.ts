// Connecting WeCom in a real browser against a real `pond start` (demo tenant): an admin fills the
// WeCom form (a bad EncodingAESKey is refused with WeCom's rule), saves, sees the secrets masked and
// the callback URL; a signed, encrypted callback posted to the server shows in "Recent callbacks".
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { wecomEncryptMessage } from '../packages/channels/src/wecom/crypto.ts';
import { apiGet, artifacts, DEMO_ADMIN, loginConsole, useBrowser } from './harness.ts';

type TConnection = { configured: boolean; contactSecret: string | null; encodingAesKey: string | null; callbackUrl: string };
type TCallbacks = { items: { type: string; status: string }[] };

const ui = useBrowser('wecom');

const CORP = 'ww0123456789abcdef';
const SECRET = 'j8kmy0EXjk24XJBNS2K2NhxGUpxosOzGEZQ1AaV32KU';
const TOKEN = 'e2eToken42';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('WeCom connection page', () => {
  it('refuses a bad EncodingAESKey, then saves and shows secrets masked with the callback URL', async () => {
    await loginConsole(ui.page, DEMO_ADMIN);
    await ui.page.getByTestId('nav-wecom').click();
    await ui.page.getByTestId('wecom-corpId').waitFor();
    await ui.page.getByTestId('wecom-corpId').fill(CORP);
    await ui.page.getByTestId('wecom-contactSecret').fill(SECRET);
    await ui.page.getByTestId('wecom-callbackToken').fill(TOKEN);
    await ui.page.getByTestId('wecom-encodingAesKey').fill(AES.slice(3));
    await ui.page.getByTestId('wecom-save').click();
    await ui.page.getByText('EncodingAESKey 固定 43 位字母和数字（当前 40 位）').waitFor();

    await ui.page.getByTestId('wecom-encodingAesKey').fill(AES);
    await ui.page.getByTestId('wecom-save').click();
    await ui.page.getByText('已保存：••••32KU').waitFor();
    await ui.page.getByText('已保存：••••2B2C').waitFor();
    const urlText = (await ui.page.getByTestId('wecom-callback-url').textContent()) ?? '';
    expect(urlText).toContain('/api/channels/wecom/demo/callback');
    expect(await ui.page.content()).not.toContain(SECRET);
    const conn = await apiGet<TConnection>(ui.context, '/api/wecom/connection');
    expect(conn).toMatchObject({ configured: true, contactSecret: '••••32KU', encodingAesKey: '••••2B2C' });
    expect(JSON.stringify(conn)).not.toContain(SECRET);
  });

  it('lists a signed callback posted to the server', async () => {
    // A corp tag created in WeCom's admin: stored, then processed without calling WeCom.
    const message = `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[et_e2e_${Date.now()}]]></Id><TagType><![CDATA[tag]]></TagType><ChangeType><![CDATA[create]]></ChangeType></xml>`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'e2enonce';
    const signed = wecomEncryptMessage({ token: TOKEN, encodingAesKey: AES, receiveId: CORP, message, timestamp, nonce });
    // Posted the way WeCom does: no session cookie, only the signature.
    const res = await fetch(
      new URL(
        `/api/channels/wecom/demo/callback?msg_signature=${signed.msgSignature}&timestamp=${timestamp}&nonce=${nonce}`,
        inject('baseUrl'),
      ),
      { method: 'POST', body: signed.body, headers: { 'content-type': 'text/xml' } },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    await expect
      .poll(async () => (await apiGet<TCallbacks>(ui.context, '/api/wecom/callbacks')).items.map((i) => i.type))
      .toContain('wecom:change_external_tag/create');
    // The page refreshes its list on its own.
    await ui.page
      .locator('[data-testid="wecom-callbacks"] tr.ant-table-row', { hasText: 'change_external_tag/create' })
      .waitFor();
    await ui.page.screenshot({ path: join(artifacts, 'wecom.png'), fullPage: true });
  });
});
