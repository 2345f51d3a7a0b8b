import { ICE, NEW_PRODUCTS, PRODUCTS, SWEETNESS } from './data/catalogue.ts';
import type { Rng } from './rng.ts';

// Plausible chat lines for a tea-drink brand's customer groups and private chats. Templates with
// slots (drink, new drink, store, time, sweetness, ice, emoji…) give thousands of combinations, so a
// demo group never reads like a loop.

export type TMessageContext = {
  brandName: string;
  storeName: string;
  /** How the sender is referred to in a chain order: 王女士, 李先生, or a nickname. */
  who: string;
};

export type TCustomerLineKind = 'chain' | 'new_product' | 'thanks' | 'emoji' | 'complaint' | 'question' | 'praise' | 'chat';

const EMOJI = [
  '[强]',
  '[玫瑰]',
  '[愉快]',
  '[呲牙]',
  '[耶]',
  '[抱拳]',
  '[爱心]',
  '[捂脸]',
  '[旺柴]',
  '[机智]',
  '[握手]',
  '[太阳]',
];
const EMOJI_WORDS = ['哈哈哈哈', '666', '好耶', '冲冲冲', '来了来了', '+1', '蹲一个', '已下单', '安排', '绝了', 'yyds', '馋了'];
const TIMES = ['12点', '12点半', '下午1点', '下午2点', '3点左右', '下午4点', '5点下班后', '晚上7点', '明天中午'];
const THANKS = [
  '谢谢店长~',
  '收到,谢谢',
  '已领券,感谢',
  '谢谢小姐姐',
  '谢谢群主',
  '感谢分享',
  '好的谢谢',
  '谢谢提醒',
  '收到收到',
  '爱了爱了,谢谢',
];
const HONOURS = ['店长', '小姐姐', '群主', '亲'];

const drinkName = (rng: Rng) =>
  rng.weighted(
    PRODUCTS,
    PRODUCTS.map((p) => p.popularity),
  ).name;
const newDrink = (rng: Rng) => rng.pick(NEW_PRODUCTS).name;
const maybe = (rng: Rng, p: number, text: string) => (rng.chance(p) ? text : '');

/** One line of a 接龙 (chain order): `3. 王女士 多肉葡萄 x2 少冰`. */
export function chainLine(rng: Rng, ctx: TMessageContext, position: number): string {
  const first = `${drinkName(rng)} x${rng.weighted([1, 2, 3], [70, 24, 6])}`;
  const second = rng.chance(0.25) ? ` + ${drinkName(rng)} x1` : '';
  const spec = rng.chance(0.45) ? ` ${rng.pick(rng.chance(0.5) ? SWEETNESS : ICE)}` : '';
  return `${position}. ${ctx.who} ${first}${second}${spec}`;
}

const LINES: Record<Exclude<TCustomerLineKind, 'chain'>, readonly ((rng: Rng, ctx: TMessageContext) => string)[]> = {
  new_product: [
    (r) => `${newDrink(r)}什么时候上架呀?`,
    (r) => `${newDrink(r)}好喝吗?甜不甜${maybe(r, 0.4, '[捂脸]')}`,
    (r) => `${newDrink(r)}是限定的吗,会下架吗`,
    (r) => `${newDrink(r)}可以做${r.pick(SWEETNESS)}吗`,
    (r, c) => `${c.storeName}有${newDrink(r)}了吗?`,
    (r) => `求问${newDrink(r)}和${drinkName(r)}哪个好喝`,
    (r) => `昨天喝了${newDrink(r)},${r.pick(['真的绝', '有点上头', '比想象中好喝', '味道很特别', '稍微有点甜'])}`,
    (r) => `新品${newDrink(r)}群里有优惠吗${maybe(r, 0.5, '?')}`,
  ],
  thanks: [
    (r) => r.pick(THANKS) + maybe(r, 0.4, r.pick(EMOJI)),
    (r) => `谢谢${r.pick(HONOURS)}${maybe(r, 0.5, r.pick(EMOJI))}`,
    (r) => `券收到了,${r.pick(['谢谢', '感谢', '爱你们'])}${maybe(r, 0.5, r.pick(EMOJI))}`,
    (r) => `${drinkName(r)}已经拿到啦,谢谢${r.pick(HONOURS)}`,
  ],
  emoji: [
    (r) => r.pick(EMOJI),
    (r) => r.pick(EMOJI) + r.pick(EMOJI),
    (r) => r.pick(EMOJI_WORDS),
    (r) => r.pick(EMOJI_WORDS) + r.pick(EMOJI),
  ],
  complaint: [
    (r) => `今天的${drinkName(r)}有点太甜了,下次能${r.pick(['少点糖', '做三分糖', '淡一点'])}吗`,
    (r) => `外卖等了${r.pick(['40分钟', '50分钟', '一个小时', '快一个小时'])},有点慢${maybe(r, 0.5, '[捂脸]')}`,
    (r, c) => `${c.storeName}门口排队好长${maybe(r, 0.5, ',等了半小时')}`,
    (r) => `${drinkName(r)}的杯子漏了${maybe(r, 0.6, '😂')}`,
    (r) => `${drinkName(r)}${r.pick(['里没有珍珠', '冰太多了', '味道和上次不一样', '有点淡'])}${maybe(r, 0.5, ',麻烦看一下')}`,
    (r) => `群里的券${r.pick(['用不了', '显示已过期', '找不到在哪'])}${maybe(r, 0.5, ',怎么回事')}`,
  ],
  question: [
    (r) => `今天${r.pick(['是会员日吗', '有活动吗', '有秒杀吗', '有第二杯半价吗'])}?`,
    (r) => `群里的券${r.pick(['怎么用', '在哪里领', '能和会员价一起用吗', '外卖能用吗'])}?`,
    (r) => `积分${r.pick(['在哪里查', '可以换什么', '快过期了怎么办', '能抵现吗'])}?`,
    (r, c) => `${c.storeName}${r.pick(['几点关门呀', '今天营业吗', '可以堂食吗', '有停车位吗', '几点开门'])}`,
    (r) => `可以帮我留一杯${drinkName(r)}吗,${r.pick(TIMES)}来拿`,
    (r) => `${drinkName(r)}${r.pick(['还有吗', '今天做吗', '能做热的吗', '可以去冰吗', '多少钱'])}?`,
    (r) => `${r.pick(['下午的接龙', '今天的秒杀', '拼团'])}还能参加吗?`,
  ],
  praise: [
    (r) => `今天的${drinkName(r)}好好喝!${maybe(r, 0.5, r.pick(EMOJI))}`,
    (r) => `${drinkName(r)}yyds${maybe(r, 0.5, r.pick(EMOJI))}`,
    (r) => `打卡${drinkName(r)}${maybe(r, 0.6, '✨')}`,
    (r, c) => `${c.storeName}的小姐姐${r.pick(['好热情', '做得好快', '太温柔了'])}${maybe(r, 0.5, r.pick(EMOJI))}`,
    (r) => `每天一杯${drinkName(r)},${r.pick(['快乐加倍', '续命成功', '打工人的快乐', '幸福感满满'])}`,
  ],
  chat: [
    (r) =>
      `${r.pick(['今天好热', '下雨了', '终于周五了', '好困', '刚下班'])},${r.pick(['来杯', '想喝', '点了', '冲一杯'])}${drinkName(r)}${maybe(r, 0.4, r.pick(EMOJI))}`,
    (r) => `有没有人${r.pick(['拼单', '一起点外卖', '一起接龙'])}${drinkName(r)}?`,
    (r) => `${r.pick(['早上好', '中午好', '大家下午好', '晚上好'])}${maybe(r, 0.5, r.pick(EMOJI))}`,
    (r) => `${drinkName(r)}和${drinkName(r)}${r.pick(['选哪个', '哪个好喝', '纠结了'])}`,
    (r) => `推荐${drinkName(r)}+${r.pick(SWEETNESS)}${maybe(r, 0.5, ',绝配')}`,
  ],
};

const KIND_WEIGHTS: readonly (readonly [TCustomerLineKind, number])[] = [
  ['chain', 18],
  ['new_product', 12],
  ['thanks', 14],
  ['emoji', 14],
  ['complaint', 5],
  ['question', 15],
  ['praise', 10],
  ['chat', 12],
];

/**
 * A customer's line in a group chat. `chainPosition` is the next number in the group's running
 * 接龙; without it no chain line is produced.
 * @example
 * customerGroupLine(rng, { brandName: '茶屿', storeName: '徐家汇店', who: '王女士' }, 3);
 * // → { kind: 'chain', content: '3. 王女士 多肉葡萄 x2 少冰' }
 */
export function customerGroupLine(
  rng: Rng,
  ctx: TMessageContext,
  chainPosition?: number,
): { kind: TCustomerLineKind; content: string } {
  const kinds = chainPosition === undefined ? KIND_WEIGHTS.filter(([k]) => k !== 'chain') : KIND_WEIGHTS;
  const kind = rng.weighted(
    kinds.map(([k]) => k),
    kinds.map(([, w]) => w),
  );
  if (kind === 'chain') return { kind, content: chainLine(rng, ctx, chainPosition ?? 1) };
  return { kind, content: rng.pick(LINES[kind])(rng, ctx) };
}

const PRIVATE_LINES: readonly ((rng: Rng, ctx: TMessageContext) => string)[] = [
  (r) => `你好,${newDrink(r)}还有吗`,
  (r) => `可以帮我留一杯${drinkName(r)}吗,${r.pick(TIMES)}来拿`,
  (r) => `优惠券${r.pick(['怎么用不了', '在哪里看', '可以转给朋友吗'])}`,
  (r) => `谢谢你推荐的${drinkName(r)},${r.pick(['很好喝', '朋友也说好喝', '下次还点'])}`,
  (r) => `会员积分${r.pick(['怎么兑换', '还有多少', '什么时候过期'])}?`,
  () => '能开发票吗',
  (r) => `今天的${drinkName(r)}${r.pick(['少了珍珠', '太甜了', '洒了一半', '拿错了'])}`,
  (_r, c) => `我想拉个朋友进${c.storeName}的群,可以吗`,
  (r) => `${r.pick(['公司', '办公室', '我们部门'])}下午想订${r.int(8, 30)}杯,有团购价吗`,
  (r) => `在吗${maybe(r, 0.5, r.pick(EMOJI))}`,
  (r) => r.pick(THANKS),
  (r) => `${r.pick(['生日', '会员日'])}有什么福利吗?`,
];

/** A customer's private message to their guide. */
export function customerPrivateLine(rng: Rng, ctx: TMessageContext): string {
  return rng.pick(PRIVATE_LINES)(rng, ctx);
}

const STAFF_LINES: readonly ((rng: Rng, ctx: TMessageContext) => string)[] = [
  (r) => `亲们,${newDrink(r)}本周上新,群内下单立减${r.int(2, 5)}元~`,
  (r) => `今天${r.pick(['15:00', '16:00', '14:30'])}群内秒杀:${drinkName(r)} ${r.pick(['9.9', '12.9', '半价'])},定好闹钟⏰`,
  () => '欢迎新朋友进群!群公告里有入群福利,记得领取哦~',
  (r) => `#接龙 今天${r.pick(TIMES)}到店自取,需要的亲按格式接龙👇\n1. 店长 ${drinkName(r)} x1`,
  (r) => `周三会员日:全场第二杯半价,${drinkName(r)}也参加~`,
  (r) => `今日推荐:${drinkName(r)}+${r.pick(['芋泥麻薯', '芝士蛋糕'])},下午茶套餐立省${r.int(3, 8)}元`,
  (r) => `收到亲,马上为您处理${maybe(r, 0.5, '[抱拳]')}`,
  () => '抱歉给您带来不好的体验,已为您补偿一张无门槛券,请在小程序查收',
  (r, c) => `${c.storeName}今天营业到${r.pick(['22:00', '22:30', '23:00'])},外卖也可以下单哦`,
  (r) => `晒单有礼:今天喝${drinkName(r)}拍照发群里,抽${r.int(3, 5)}位送免单券🎁`,
];

/** A guide's or store manager's line in a group: promotions, chain-order openers, replies. */
export function staffGroupLine(rng: Rng, ctx: TMessageContext): string {
  return rng.pick(STAFF_LINES)(rng, ctx);
}
