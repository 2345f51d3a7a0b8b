import { parseArgs } from 'node:util';
import { FAKE_WECOM_DEFAULTS, startFakeWecom } from './fake-wecom.ts';

/**
 * A standalone fake WeCom for trying Pond's WeCom page by hand:
 *   node --import tsx packages/channels/src/wecom/fake/main.ts --port 4010
 * then start Pond with POND_WECOM_API_BASE=<the printed base URL> and connect with the printed
 * corp id and secret. It seeds a demo corp (staff, tags, customers, a group). Ctrl-C stops it.
 */

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'corp-id': { type: 'string', default: FAKE_WECOM_DEFAULTS.corpId },
    // Optional: where Pond's callback route is, so `scan` events are delivered.
    'callback-url': { type: 'string' },
    'callback-token': { type: 'string' },
    'callback-aes-key': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0–65535), got "${values.port}".`);
  process.exit(1);
}

const wecom = await startFakeWecom({ port, corpId: values['corp-id'] });
const c = wecom.control;
c.addStaff({ userid: 'zhangsan', name: '张三' });
c.addStaff({ userid: 'lisi', name: '李四' });
c.addStaff({ userid: 'wangwu', name: '王五', followEnabled: false });
const vip = c.addTag({ group_name: '客户等级', name: 'VIP' });
c.addTag({ group_name: '客户等级', name: '普通' });
c.addTag({ group_name: '兴趣', name: '咖啡' });
for (let i = 1; i <= 12; i++)
  c.addCustomer({
    external_userid: `wmdemo${String(i).padStart(4, '0')}`,
    name: `演示客户${i}`,
    gender: (i % 3) as 0 | 1 | 2,
    follows: [{ userid: i % 2 === 0 ? 'zhangsan' : 'lisi', ...(i === 1 ? { tag_ids: [vip.tag_id] } : {}) }],
  });
c.addGroup({
  name: '演示福利群',
  owner: 'zhangsan',
  members: [
    { userid: 'lisi', type: 1 },
    { userid: 'wmdemo0001', type: 2, join_scene: 3 },
    { userid: 'wmdemo0002', type: 2, join_scene: 1, invitor: 'zhangsan' },
  ],
});
if (values['callback-url'] && values['callback-token'] && values['callback-aes-key'])
  c.setCallbackTarget({
    url: values['callback-url'],
    token: values['callback-token'],
    encodingAesKey: values['callback-aes-key'],
  });

console.log(`Fake WeCom listening.
  base URL (POND_WECOM_API_BASE): ${wecom.baseUrl}
  corp id:                        ${wecom.corpId}
  客户联系 secret:                 ${wecom.secrets.contact}
  app secret:                     ${wecom.secrets.app}
Seeded: 3 staff (zhangsan, lisi; wangwu without 客户联系), 3 tags, 12 customers, 1 group.`);

const stop = async () => {
  await wecom.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
