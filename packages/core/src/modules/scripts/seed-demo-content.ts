import { createCanvas } from '@napi-rs/canvas';
import { and, count, eq } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, systemActor, withActor } from '../../context.ts';
import { createMaterial } from '../materials/create-material.ts';
import { createMaterialFolder } from '../materials/manage-material-folders.ts';
import { uploadMaterial } from '../materials/upload-material.ts';
import { ensurePosterFonts, posterFont } from '../posters/poster-fonts.ts';
import type { TDefaultCategoryKey } from './default-categories.ts';
import { ensureDefaultScriptCategories, listScriptCategories } from './manage-script-categories.ts';
import { createScript } from './manage-scripts.ts';
import { scripts } from './scripts.tables.ts';

/** A simple product card as PNG: a coloured background, a title and a line, for the demo library. */
function demoCard(title: string, line: string, color: string): Uint8Array {
  const canvas = createCanvas(750, 750);
  const g = canvas.getContext('2d');
  g.fillStyle = color;
  g.fillRect(0, 0, 750, 750);
  g.fillStyle = 'rgba(255,255,255,0.18)';
  g.beginPath();
  g.arc(600, 160, 220, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = posterFont(64, true);
  g.fillText(title, 60, 420);
  g.font = posterFont(34, false);
  g.fillText(line, 60, 490);
  return new Uint8Array(canvas.toBuffer('image/png'));
}

// Scripts by category, written from the seeds' script library (建群前私聊、群规、欢迎语、群介绍、活动、价值) plus complaint replies.
const DEMO_SCRIPTS: {
  category: TDefaultCategoryKey;
  title: string;
  body: string;
  tags?: string[];
  withMaterial?: 'link' | 'mp' | 'image';
}[] = [
  {
    category: 'pre_group',
    title: '邀请进会员福利群',
    body: '{{customer_name}}您好，我是{{store_name}}的{{staff_name}}～我们有一个会员福利群，每天分享新品和限时秒杀，新人进群还有专享券。方便的话我拉您进群？不想被打扰回复“不用”就好，绝不刷屏～',
    tags: ['拉群'],
  },
  {
    category: 'pre_group',
    title: '说明建群目的',
    body: '{{customer_name}}，建这个群主要是想让老顾客第一时间知道新品和门店活动，群里只发福利和饮品小知识，不发广告。您愿意的话回复“1”，我马上邀请您～',
  },
  {
    category: 'group_rules',
    title: '群规公告',
    body: '欢迎加入{{group_name}}！群规：\n1. 禁止发广告、拉人和无关链接；\n2. 互相尊重，请勿刷屏；\n3. 每天 10:00 每日好物、20:00 限时秒杀；\n4. 有问题直接 @{{staff_name}}。\n违规会被移出群聊，感谢大家配合～',
    tags: ['公告'],
  },
  {
    category: 'welcome',
    title: '新人进群欢迎',
    body: '欢迎{{customer_name}}加入{{group_name}}🎉 新人专享：首单立减 5 元，点下方小程序领取。每天 20:00 有限时秒杀，记得来看看～',
    withMaterial: 'mp',
  },
  {
    category: 'welcome',
    title: '加好友欢迎',
    body: '{{customer_name}}您好，我是{{store_name}}的{{staff_name}}，以后点单、会员积分、售后都可以直接找我～送您一张新人券，下次到店出示即可使用。',
  },
  {
    category: 'self_intro',
    title: '群主自我介绍',
    body: '大家好，我是{{store_name}}的{{staff_name}}，也是这个群的群主。每天在群里分享新品、会员福利和饮品小知识，有任何问题随时 @我，看到一定回复～',
  },
  {
    category: 'self_intro',
    title: '群介绍',
    body: '这里是{{store_name}}会员福利群：每日好物、精选推荐、限时秒杀、知识分享四个栏目，群内专享价比门店更低，生日当月还有赠饮～',
  },
  {
    category: 'activity',
    title: '限时秒杀预告',
    body: '【限时秒杀】今晚 20:00 开抢！招牌果茶第二杯半价，仅限群内会员，名额 50 份，先到先得～',
    tags: ['秒杀'],
    withMaterial: 'image',
  },
  {
    category: 'activity',
    title: '会员日活动',
    body: '{{customer_name}}，每月 18 日是会员日：全场 8 折，积分双倍。点链接查看活动详情～',
    tags: ['会员日'],
    withMaterial: 'link',
  },
  {
    category: 'value',
    title: '冷泡茶小知识',
    body: '【饮品小知识】冷泡茶为什么更清甜？低温萃取时茶多酚和咖啡因析出更少，苦涩感更低、回甘更明显。在家试试：茶叶 5 克 + 冷水 500 毫升，冷藏 6 小时即可～',
    tags: ['知识'],
  },
  {
    category: 'value',
    title: '控糖点单建议',
    body: '想控糖的朋友可以这样点：选“三分糖”或“不另外加糖”，配料选寒天、芦荟，少选珍珠和奶盖。口感不减，热量少一半～',
    tags: ['知识', '健康'],
  },
  {
    category: 'complaint',
    title: '致歉并了解情况',
    body: '{{customer_name}}您好，非常抱歉给您带来不好的体验！我是{{store_name}}的{{staff_name}}，已经记录您反馈的问题，方便发一下订单号或小票照片吗？我们 24 小时内给您处理结果。',
    tags: ['售后'],
  },
  {
    category: 'complaint',
    title: '补偿方案',
    body: '{{customer_name}}，问题已经核实，确实是我们的疏忽。给您补一张免费饮品券（已发到会员账户，30 天内有效），也会和门店同事一起改进，感谢您的反馈！',
    tags: ['售后'],
  },
];

/**
 * Demo data for the engagement content: material folders, two product images, a link and a
 * mini-program card, the built-in script categories and two scripts or so per category. Does
 * nothing when the tenant already has scripts.
 * @example
 * await seedDemoEngagementContent(deps, tenantId);
 */
export async function seedDemoEngagementContent(deps: Deps, tenantId: number): Promise<{ materials: number; scripts: number }> {
  const ctx: Ctx = withActor(deps, { ...systemActor(tenantId), name: 'demo' });
  const [existing] = await dbOf(ctx)
    .select({ n: count() })
    .from(scripts)
    .where(and(eq(scripts.tenantId, tenantId)));
  if ((existing?.n ?? 0) > 0) return { materials: 0, scripts: 0 };
  ensurePosterFonts(deps.log);

  const products = await createMaterialFolder(ctx, { name: '产品图', sort: 10 });
  const campaigns = await createMaterialFolder(ctx, { name: '活动', sort: 20 });
  const image = await uploadMaterial(
    ctx,
    { name: 'signature-fruit-tea.png', bytes: demoCard('招牌果茶', '每日好物 · 鲜果现做', '#e4572e') },
    { title: '每日好物：招牌果茶', folderId: products.id, tags: '每日好物,果茶', description: '群内每日好物栏目配图' },
  );
  await uploadMaterial(
    ctx,
    { name: 'milk-tea.png', bytes: demoCard('厚乳奶茶', '精选推荐 · 低糖可选', '#6b4226') },
    { title: '精选推荐：厚乳奶茶', folderId: products.id, tags: '精选推荐,奶茶' },
  );
  const link = await createMaterial(ctx, {
    type: 'link',
    title: '会员日：全场 8 折',
    linkUrl: 'https://example.com/pond-demo/member-day',
    description: '每月 18 日，积分双倍',
    folderId: campaigns.id,
    tags: ['会员日'],
  });
  const mp = await createMaterial(ctx, {
    type: 'miniprogram',
    title: '点单小程序 · 新人券',
    appId: 'wx0123456789abcdef',
    pagePath: 'pages/coupon/new?from=pond',
    folderId: campaigns.id,
    tags: ['新人券'],
  });

  await ensureDefaultScriptCategories(ctx);
  const categories = new Map((await listScriptCategories(ctx)).items.map((c) => [c.key, c.id]));
  const attach = { link: link.id, mp: mp.id, image: image.id } as const;
  let made = 0;
  for (const s of DEMO_SCRIPTS) {
    const categoryId = categories.get(s.category);
    if (!categoryId) continue;
    await createScript(ctx, {
      categoryId,
      title: s.title,
      body: s.body,
      tags: s.tags ?? [],
      materialIds: s.withMaterial ? [attach[s.withMaterial]] : [],
    });
    made++;
  }
  return { materials: 4, scripts: made };
}
