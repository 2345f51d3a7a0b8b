import { type Deps, systemActor, tagGroups, tags, withActor } from '@pond/core';
import { createAudience } from '@pond/core/modules/audiences/create-audience';
import { createAutomation } from '@pond/core/modules/automations/create-automation';
import { createBroadcast } from '@pond/core/modules/broadcasts/create-broadcast';
import { sendBroadcast } from '@pond/core/modules/broadcasts/send-broadcast';
import { createKeywordRule } from '@pond/core/modules/keyword-replies/create-keyword-rule';
import { createMomentTask } from '@pond/core/modules/moments/create-moment-task';
import { seedDemoEngagementContent } from '@pond/core/modules/scripts/seed-demo-content';
import { seedDemoSops } from '@pond/core/modules/sops/seed-demo-sops';
import { seedDemoTasks } from '@pond/core/modules/tasks/seed-demo-tasks';
import { asc, eq } from 'drizzle-orm';

export type TDemoEngagementResult = Record<string, number>;

const DAY = 86_400_000;

/**
 * The demo brand's engagement set-up, made through the modules' own functions (what an operator
 * would build in the console): materials and the script library, a group SOP calendar and a
 * new-customer journey, today's tasks for the guides, three saved audiences, two keyword replies,
 * two automation rules, a broadcast to high-value members with a 10 % control group, and a moments
 * task. Needs the channels registered and the queue started (runs after `seedDemoAcquisition`).
 */
export async function seedDemoEngagement(deps: Deps, tenantId: number): Promise<TDemoEngagementResult> {
  const content = await seedDemoEngagementContent(deps, tenantId);
  const sops = await seedDemoSops(deps, tenantId);
  const tasks = await seedDemoTasks(deps, tenantId);
  const ctx = withActor(deps, { ...systemActor(tenantId), role: 'admin', name: 'demo' });

  const groups = await deps.db
    .select({ id: tagGroups.id })
    .from(tagGroups)
    .where(eq(tagGroups.tenantId, tenantId))
    .orderBy(asc(tagGroups.sort), asc(tagGroups.id));
  const [firstTag] = await deps.db
    .select({ id: tags.id })
    .from(tags)
    .where(eq(tags.tenantId, tenantId))
    .orderBy(asc(tags.id))
    .limit(1);

  const monthAgo = new Date(deps.now().getTime() - 30 * DAY).toISOString();
  const highValue = await createAudience(ctx, {
    name: '高价值会员',
    description: '累计消费满 500 元',
    expression: { attr: 'total_spent', op: 'gte', value: 50_000 },
  });
  await createAudience(ctx, {
    name: '沉睡客户',
    description: '下过单，但 30 天没有再买',
    expression: { attr: 'last_order_date', op: 'lt', value: monthAgo },
  });
  if (groups[0]) {
    await createAudience(ctx, {
      name: '未打偏好标签',
      description: '还没有第一组标签的客户，适合导购补标签',
      expression: { untaggedIn: String(groups[0].id) },
    });
  }

  await createKeywordRule(ctx, {
    name: '门店地址',
    keywords: [
      { text: '地址', mode: 'contains' },
      { text: '在哪', mode: 'contains' },
      { text: '营业时间', mode: 'contains' },
    ],
    content: { text: '{{customer_name}} 您好，门店地址和营业时间请看会员中心「附近门店」，到店出示会员码还能积分哦～' },
    cooldownSeconds: 300,
    priority: 10,
  });
  await createKeywordRule(ctx, {
    name: '优惠券',
    keywords: [
      { text: '优惠券', mode: 'contains' },
      { text: '领券', mode: 'contains' },
    ],
    content: { text: '本周会员券已放在会员中心，点「领券」即可领取，每人每周一张。' },
    cooldownSeconds: 120,
    activeHours: { from: '09:00', to: '22:00' },
  });

  await createAutomation(ctx, {
    name: '大单回访',
    description: '单笔满 100 元，第二天提醒导购回访',
    enabled: true,
    trigger: { type: 'order_paid', minAmountCents: 10_000 },
    actions: [{ type: 'create_task', title: '大单回访：问问口味，邀请进会员群', dueInHours: 24 }],
  });
  if (firstTag) {
    await createAutomation(ctx, {
      name: '偏好标签欢迎',
      enabled: true,
      trigger: { type: 'tag_added', tagIds: [firstTag.id] },
      actions: [{ type: 'send_private', content: { text: '{{customer_name}}，已记下您的口味偏好，新品上市第一时间告诉您～' } }],
    });
  }

  const broadcast = await createBroadcast(ctx, {
    name: '会员日预告',
    audienceId: highValue.id,
    content: { text: '{{customer_name}}，本周六会员日全场第二杯半价，记得来哦～' },
    holdoutPercent: 10,
  });
  await sendBroadcast(ctx, broadcast.id, { when: 'now' });
  await createMomentTask(ctx, { title: '冬季新品', content: { text: '冬季限定热饮上新，到店尝鲜送小料' }, targetKind: 'all' });

  return {
    ...content,
    ...sops,
    ...tasks,
    audiences: groups[0] ? 3 : 2,
    keywordRules: 2,
    automations: firstTag ? 2 : 1,
    broadcasts: 1,
    moments: 1,
  };
}
