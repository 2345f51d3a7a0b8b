import type { Rng } from '../rng.ts';

// Surnames with their pinyin (for WeCom userids like `zhangwei01`) and rough frequency weights.
const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 72],
  ['李', 'li', 70],
  ['张', 'zhang', 66],
  ['刘', 'liu', 53],
  ['陈', 'chen', 45],
  ['杨', 'yang', 31],
  ['黄', 'huang', 24],
  ['赵', 'zhao', 21],
  ['吴', 'wu', 20],
  ['周', 'zhou', 19],
  ['徐', 'xu', 15],
  ['孙', 'sun', 15],
  ['马', 'ma', 14],
  ['朱', 'zhu', 13],
  ['胡', 'hu', 12],
  ['郭', 'guo', 12],
  ['何', 'he', 11],
  ['林', 'lin', 11],
  ['高', 'gao', 11],
  ['罗', 'luo', 10],
  ['郑', 'zheng', 9],
  ['梁', 'liang', 9],
  ['谢', 'xie', 8],
  ['宋', 'song', 7],
  ['唐', 'tang', 7],
  ['许', 'xu', 7],
  ['韩', 'han', 6],
  ['冯', 'feng', 6],
  ['邓', 'deng', 6],
  ['曹', 'cao', 6],
  ['彭', 'peng', 6],
  ['曾', 'zeng', 5],
  ['肖', 'xiao', 5],
  ['田', 'tian', 5],
  ['董', 'dong', 5],
  ['潘', 'pan', 4],
  ['袁', 'yuan', 4],
  ['蔡', 'cai', 4],
  ['蒋', 'jiang', 4],
  ['余', 'yu', 4],
  ['于', 'yu', 4],
  ['杜', 'du', 4],
  ['叶', 'ye', 4],
  ['程', 'cheng', 4],
  ['魏', 'wei', 3],
  ['苏', 'su', 3],
  ['吕', 'lv', 3],
  ['丁', 'ding', 3],
  ['任', 'ren', 3],
  ['沈', 'shen', 3],
  ['姚', 'yao', 3],
  ['卢', 'lu', 3],
  ['姜', 'jiang', 3],
  ['崔', 'cui', 3],
  ['钟', 'zhong', 3],
  ['谭', 'tan', 3],
  ['陆', 'lu', 3],
  ['汪', 'wang', 3],
  ['范', 'fan', 3],
  ['金', 'jin', 3],
  ['石', 'shi', 2],
  ['廖', 'liao', 2],
  ['贾', 'jia', 2],
  ['夏', 'xia', 2],
  ['方', 'fang', 2],
  ['白', 'bai', 2],
  ['邹', 'zou', 2],
  ['孟', 'meng', 2],
  ['熊', 'xiong', 2],
  ['秦', 'qin', 2],
  ['邱', 'qiu', 2],
  ['江', 'jiang', 2],
  ['尹', 'yin', 2],
  ['薛', 'xue', 2],
  ['段', 'duan', 2],
  ['雷', 'lei', 2],
  ['侯', 'hou', 2],
  ['龙', 'long', 2],
  ['史', 'shi', 2],
  ['陶', 'tao', 2],
  ['黎', 'li', 2],
  ['贺', 'he', 2],
  ['顾', 'gu', 2],
  ['毛', 'mao', 2],
  ['郝', 'hao', 1],
  ['龚', 'gong', 1],
  ['邵', 'shao', 1],
  ['万', 'wan', 1],
  ['钱', 'qian', 1],
  ['严', 'yan', 1],
  ['戴', 'dai', 1],
  ['莫', 'mo', 1],
  ['孔', 'kong', 1],
  ['向', 'xiang', 1],
  ['汤', 'tang', 1],
];

const MALE_CHARS: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['刚', 'gang'],
  ['平', 'ping'],
  ['辉', 'hui'],
  ['鹏', 'peng'],
  ['华', 'hua'],
  ['飞', 'fei'],
  ['鑫', 'xin'],
  ['波', 'bo'],
  ['斌', 'bin'],
  ['宇', 'yu'],
  ['浩', 'hao'],
  ['凯', 'kai'],
  ['健', 'jian'],
  ['俊', 'jun'],
  ['帆', 'fan'],
  ['旭', 'xu'],
  ['宁', 'ning'],
  ['龙', 'long'],
  ['阳', 'yang'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['文', 'wen'],
  ['博', 'bo'],
  ['晨', 'chen'],
  ['子', 'zi'],
  ['轩', 'xuan'],
  ['昊', 'hao'],
  ['然', 'ran'],
  ['泽', 'ze'],
  ['天', 'tian'],
  ['嘉', 'jia'],
  ['睿', 'rui'],
  ['志', 'zhi'],
  ['成', 'cheng'],
  ['亮', 'liang'],
  ['毅', 'yi'],
  ['锋', 'feng'],
  ['航', 'hang'],
];

const FEMALE_CHARS: readonly (readonly [string, string])[] = [
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['艳', 'yan'],
  ['娟', 'juan'],
  ['霞', 'xia'],
  ['秀', 'xiu'],
  ['玲', 'ling'],
  ['婷', 'ting'],
  ['雪', 'xue'],
  ['慧', 'hui'],
  ['颖', 'ying'],
  ['琳', 'lin'],
  ['晶', 'jing'],
  ['倩', 'qian'],
  ['欣', 'xin'],
  ['佳', 'jia'],
  ['梦', 'meng'],
  ['雨', 'yu'],
  ['萱', 'xuan'],
  ['思', 'si'],
  ['怡', 'yi'],
  ['彤', 'tong'],
  ['诗', 'shi'],
  ['琪', 'qi'],
  ['悦', 'yue'],
  ['晓', 'xiao'],
  ['月', 'yue'],
  ['燕', 'yan'],
  ['蕾', 'lei'],
  ['薇', 'wei'],
  ['璐', 'lu'],
  ['洁', 'jie'],
  ['瑶', 'yao'],
  ['妍', 'yan'],
  ['可', 'ke'],
  ['馨', 'xin'],
  ['涵', 'han'],
  ['佩', 'pei'],
  ['露', 'lu'],
  ['雯', 'wen'],
  ['菲', 'fei'],
  ['楠', 'nan'],
  ['希', 'xi'],
  ['安', 'an'],
  ['宁', 'ning'],
];

// WeChat nicknames: a customer's "name" in WeCom is whatever they call themselves on WeChat.
const NICKNAMES: readonly string[] = [
  '小鱼儿',
  '柠檬不萌',
  'Sunny',
  '阿杰',
  '糖糖',
  '橙子',
  '奶茶续命',
  'Coco',
  '大白',
  'momo',
  '晴天',
  '小确幸',
  'Lily',
  '一只小可爱',
  '芒果布丁',
  '不加糖',
  '半糖主义',
  '夏天',
  '阿May',
  '七七',
  '豆豆',
  '小王同学',
  '木子',
  'Kevin',
  'Amy',
  '今天喝什么',
  '晚风',
  '清风徐来',
  '向日葵',
  '蓝莓派',
  '鹿鹿',
  '小太阳',
  '果果妈',
  '乐乐',
  '毛毛',
  'Vivian',
  'Jason',
  '花开半夏',
  '追光者',
  '佛系青年',
  '咸鱼翻身',
  '冰美式',
  '西瓜太郎',
  '阿珍',
  '老周',
  '大熊',
  '叮当猫',
  '喵喵',
  '懒羊羊',
  '橘子汽水',
  '云淡风轻',
  '小米粒',
  '甜甜圈',
  'Cherry',
  'Tina',
  '阿飞',
  '浅笑',
  '星星点灯',
  '多肉控',
  '葡萄不酸',
  '椰子',
  '嘟嘟',
  '团子',
  '小新',
  'Eric',
  'Grace',
  '一杯敬自由',
  '早睡早起',
  '打工人',
  '快乐星球',
  '慢慢来',
  '蜗牛',
  '牛奶糖',
  '小熊软糖',
  'Angela',
  '暖暖',
  '木木',
  '可乐加冰',
  '南风',
  '麦兜',
  '皮卡丘',
];

const NICK_SUFFIXES: readonly string[] = ['', '', '', '', '', '🍋', '🍓', '🌸', '✨', '_', '1996', '88', '~', '呀', '酱'];

export type TPersonName = { name: string; pinyin: string; surname: string; gender: 1 | 2 };

const SURNAME_WEIGHTS = SURNAMES.map((s) => s[2]);

/** A Chinese full name: surname plus one or two given-name characters. */
export function personName(rng: Rng, gender?: 1 | 2): TPersonName {
  const g: 1 | 2 = gender ?? (rng.chance(0.5) ? 1 : 2);
  const [surname, surnamePinyin] = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  const chars = g === 1 ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(chars);
  const parts = rng.chance(0.35) ? [first] : [first, rng.pick(chars)];
  return {
    name: surname + parts.map((p) => p[0]).join(''),
    pinyin: surnamePinyin + parts.map((p) => p[1]).join(''),
    surname,
    gender: g,
  };
}

export type TCustomerName = { name: string; gender: 0 | 1 | 2; surname: string | null };

/**
 * A customer's WeChat display name: mostly real names, often nicknames. Customers skew female,
 * as they do for tea drinks; some never set a gender (WeCom reports 0).
 */
export function customerName(rng: Rng): TCustomerName {
  const roll = rng.next();
  const gender: 0 | 1 | 2 = roll < 0.62 ? 2 : roll < 0.94 ? 1 : 0;
  if (rng.chance(0.62)) {
    const person = personName(rng, gender === 0 ? undefined : gender);
    return { name: person.name, gender, surname: person.surname };
  }
  return { name: rng.pick(NICKNAMES) + rng.pick(NICK_SUFFIXES), gender, surname: null };
}

/** How a guide or a chain-order list refers to a customer: 王女士, 李先生, or the nickname. */
export function honorific(name: string, surname: string | null, gender: number): string {
  if (!surname) return name;
  if (gender === 2) return `${surname}女士`;
  if (gender === 1) return `${surname}先生`;
  return name;
}

/** A plausible mainland mobile number: 1[3-9] followed by nine digits. */
export function mobileNumber(rng: Rng): string {
  const prefixes = ['13', '15', '18', '17', '19', '14', '16'];
  const weights = [30, 25, 25, 8, 8, 3, 1];
  return rng.weighted(prefixes, weights) + rng.string(9, '0123456789');
}

const SURNAME_SET = new Set(SURNAMES.map((s) => s[0]));

/** The surname of a real-looking Chinese name (2–3 characters starting with a common surname), else null. */
export function guessSurname(name: string): string | null {
  if (!/^[\u4e00-\u9fa5]{2,3}$/.test(name)) return null;
  const first = name.charAt(0);
  return SURNAME_SET.has(first) ? first : null;
}
