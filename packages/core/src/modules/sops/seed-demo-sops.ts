import { and, eq } from 'drizzle-orm';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { createSopCalendar } from './save-sop-calendar.ts';
import { createSopJourney } from './save-sop-journey.ts';
import type { TCreateSopCalendar } from './sops.schemas.ts';
import { sopCalendars, sopJourneys } from './sops.tables.ts';

const COLUMNS = [
  { name: '每日好物', color: '#fa8c16' },
  { name: '精选推荐', color: '#1677ff' },
  { name: '限时秒杀', color: '#f5222d' },
  { name: '知识分享', color: '#52c41a' },
];

type TItem = TCreateSopCalendar['items'][number];
const item = (column: string, weekday: number | null, time: string, title: string, text: string): TItem => ({
  column,
  weekday,
  time,
  title,
  content: { text, materialIds: [] },
});

// A week of the store groups' calendar: a good thing every morning, picks, a flash sale, tea knowledge.
const WEEK: TItem[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((d) =>
    item(
      '每日好物',
      d,
      '10:00',
      '每日好物',
      '【每日好物】{{group_name}}的朋友们早上好！今天推荐：桂花乌龙冷泡茶，清爽回甘，到店报暗号「好物」立减 3 元。',
    ),
  ),
  item('精选推荐', 2, '12:00', '午间精选', '【精选推荐】本周店长精选：芝士莓莓，午休来一杯，回复「想喝」帮你预留。'),
  item('精选推荐', 5, '12:00', '周末精选', '【精选推荐】周末必点：杨枝甘露，整颗芒果现切，周末两天限量 100 杯。'),
  item('限时秒杀', 3, '20:00', '周三秒杀', '【限时秒杀】今晚 20:00–20:30，招牌奶茶 9.9 元秒杀，每人限 2 杯，点小程序抢购！'),
  item('限时秒杀', 6, '20:00', '周六秒杀', '【限时秒杀】周六晚场秒杀：果茶第二杯半价，30 分钟后结束。'),
  item('知识分享', 1, '21:00', '茶知识', '【知识分享】乌龙茶属于半发酵茶，冷泡 6 小时口感最好，少苦涩，试试看～'),
  item('知识分享', 4, '21:00', '饮品小课堂', '【知识分享】奶茶少糖怎么选？三分糖≈一块方糖的一半，想控糖的朋友可以选无糖＋鲜奶。'),
];

/**
 * Demo data: a weekly group SOP calendar with the four columns for every store group (tag
 * 'store'), a daily 每日好物 posted straight into activity groups, and a day 0/1/3/7 journey for
 * new customers. Idempotent by name.
 * @example
 * await seedDemoSops(deps, tenantId);
 */
export async function seedDemoSops(deps: Deps, tenantId: number): Promise<{ calendars: number; journeys: number }> {
  const ctx = withActor(deps, systemActor(tenantId));
  const calendarExists = async (name: string) =>
    (
      await deps.db
        .select({ id: sopCalendars.id })
        .from(sopCalendars)
        .where(and(eq(sopCalendars.tenantId, tenantId), eq(sopCalendars.name, name)))
    ).length > 0;
  let calendars = 0;
  let journeys = 0;
  if (!(await calendarExists('门店社群周历'))) {
    await createSopCalendar(ctx, {
      name: '门店社群周历',
      timeline: 'weekly',
      columns: COLUMNS,
      targets: { storeIds: [], groupKinds: ['store'], groupIds: [] },
      delivery: 'task',
      horizonDays: 7,
      status: 'active',
      items: WEEK,
    });
    calendars++;
  }
  if (!(await calendarExists('活动群每日好物'))) {
    await createSopCalendar(ctx, {
      name: '活动群每日好物',
      timeline: 'daily',
      columns: COLUMNS.slice(0, 1),
      targets: { storeIds: [], groupKinds: ['activity'], groupIds: [] },
      delivery: 'auto',
      horizonDays: 3,
      status: 'active',
      items: [item('每日好物', null, '11:30', '活动群好物', '【每日好物】{{group_name}} 今日福利：下单满 30 减 5，仅限今天！')],
    });
    calendars++;
  }
  const [journey] = await deps.db
    .select({ id: sopJourneys.id })
    .from(sopJourneys)
    .where(and(eq(sopJourneys.tenantId, tenantId), eq(sopJourneys.name, '新客 7 天关怀')));
  if (!journey) {
    await createSopJourney(ctx, {
      name: '新客 7 天关怀',
      trigger: 'customer_added',
      statePrefix: null,
      newCustomersOnly: true,
      status: 'active',
      steps: [
        {
          dayOffset: 0,
          time: null,
          title: '添加当天：自我介绍',
          content: {
            text: '{{customer_name}}您好，我是{{store_name}}的{{staff_name}}，以后点单、售后都可以直接找我～',
            materialIds: [],
          },
        },
        {
          dayOffset: 1,
          time: '10:00',
          title: '第 1 天：邀请进群',
          content: { text: '我们有个福利群，每天有好物推荐和秒杀，需要的话我拉您进来？', materialIds: [] },
        },
        {
          dayOffset: 3,
          time: '15:00',
          title: '第 3 天：未下单客户送券',
          content: { text: '给您留了一张 5 元新人券，这周内到店都能用哦～', materialIds: [] },
          // Only customers who have not ordered yet.
          condition: { attr: 'order_count', op: 'eq', value: 0 },
        },
        {
          dayOffset: 7,
          time: '19:00',
          title: '第 7 天：回访体验',
          content: { text: '认识一周啦，喝过的饮品还满意吗？有任何建议都欢迎告诉我。', materialIds: [] },
        },
      ],
    });
    journeys++;
  }
  return { calendars, journeys };
}
