// The demo brand: a tea-drink chain with 24 stores in three regions. Addresses are real districts
// and streets; coordinates are near those streets so the map and store codes by location look right.

export const BRAND = {
  slug: 'demo',
  name: '茶屿',
  nameEn: 'Tea Isle',
  timezone: 'Asia/Shanghai',
} as const;

export type TRegionSpec = { code: string; name: string; city: string };

export const REGIONS: readonly TRegionSpec[] = [
  { code: 'R-EAST', name: '华东大区', city: '上海市' },
  { code: 'R-SOUTH', name: '华南大区', city: '深圳市' },
  { code: 'R-NORTH', name: '华北大区', city: '北京市' },
];

export type TStoreSpec = {
  code: string;
  region: string;
  /** Short name used in group names: 茶屿·<name>. */
  name: string;
  city: string;
  address: string;
  latitude: number;
  longitude: number;
  /** Relative footfall: busier stores have more customers and more groups. */
  traffic: number;
};

export const STORES: readonly TStoreSpec[] = [
  {
    code: 'SH01',
    region: 'R-EAST',
    name: '徐家汇店',
    city: '上海市',
    address: '上海市徐汇区漕溪北路 88 号',
    latitude: 31.1934,
    longitude: 121.4372,
    traffic: 1.5,
  },
  {
    code: 'SH02',
    region: 'R-EAST',
    name: '静安寺店',
    city: '上海市',
    address: '上海市静安区南京西路 1618 号',
    latitude: 31.2237,
    longitude: 121.4459,
    traffic: 1.4,
  },
  {
    code: 'SH03',
    region: 'R-EAST',
    name: '陆家嘴店',
    city: '上海市',
    address: '上海市浦东新区张杨路 500 号',
    latitude: 31.2303,
    longitude: 121.5158,
    traffic: 1.3,
  },
  {
    code: 'SH04',
    region: 'R-EAST',
    name: '中山公园店',
    city: '上海市',
    address: '上海市长宁区长宁路 1018 号',
    latitude: 31.2195,
    longitude: 121.4178,
    traffic: 1.1,
  },
  {
    code: 'HZ01',
    region: 'R-EAST',
    name: '湖滨店',
    city: '杭州市',
    address: '杭州市上城区延安路 258 号',
    latitude: 30.2587,
    longitude: 120.1664,
    traffic: 1.2,
  },
  {
    code: 'HZ02',
    region: 'R-EAST',
    name: '文三路店',
    city: '杭州市',
    address: '杭州市西湖区文三路 478 号',
    latitude: 30.2801,
    longitude: 120.1296,
    traffic: 0.8,
  },
  {
    code: 'NJ01',
    region: 'R-EAST',
    name: '新街口店',
    city: '南京市',
    address: '南京市秦淮区中山南路 49 号',
    latitude: 32.0402,
    longitude: 118.7842,
    traffic: 1.0,
  },
  {
    code: 'SZ01',
    region: 'R-EAST',
    name: '观前街店',
    city: '苏州市',
    address: '苏州市姑苏区观前街 188 号',
    latitude: 31.3108,
    longitude: 120.6269,
    traffic: 0.9,
  },
  {
    code: 'SZ11',
    region: 'R-SOUTH',
    name: '科技园店',
    city: '深圳市',
    address: '深圳市南山区科苑南路 2666 号',
    latitude: 22.5322,
    longitude: 113.9507,
    traffic: 1.3,
  },
  {
    code: 'SZ12',
    region: 'R-SOUTH',
    name: '华强北店',
    city: '深圳市',
    address: '深圳市福田区华强北路 1019 号',
    latitude: 22.5452,
    longitude: 114.0857,
    traffic: 1.2,
  },
  {
    code: 'SZ13',
    region: 'R-SOUTH',
    name: '东门店',
    city: '深圳市',
    address: '深圳市罗湖区东门中路 2033 号',
    latitude: 22.5485,
    longitude: 114.1198,
    traffic: 1.0,
  },
  {
    code: 'GZ01',
    region: 'R-SOUTH',
    name: '天河城店',
    city: '广州市',
    address: '广州市天河区天河路 208 号',
    latitude: 23.1326,
    longitude: 113.3249,
    traffic: 1.4,
  },
  {
    code: 'GZ02',
    region: 'R-SOUTH',
    name: '北京路店',
    city: '广州市',
    address: '广州市越秀区北京路 328 号',
    latitude: 23.1262,
    longitude: 113.2695,
    traffic: 1.1,
  },
  {
    code: 'GZ03',
    region: 'R-SOUTH',
    name: '江南西店',
    city: '广州市',
    address: '广州市海珠区江南大道中 131 号',
    latitude: 23.1051,
    longitude: 113.2692,
    traffic: 0.8,
  },
  {
    code: 'FS01',
    region: 'R-SOUTH',
    name: '祖庙店',
    city: '佛山市',
    address: '佛山市禅城区祖庙路 33 号',
    latitude: 23.0316,
    longitude: 113.1127,
    traffic: 0.7,
  },
  {
    code: 'DG01',
    region: 'R-SOUTH',
    name: '鸿福路店',
    city: '东莞市',
    address: '东莞市南城区鸿福路 106 号',
    latitude: 23.0189,
    longitude: 113.7512,
    traffic: 0.7,
  },
  {
    code: 'BJ01',
    region: 'R-NORTH',
    name: '三里屯店',
    city: '北京市',
    address: '北京市朝阳区三里屯路 19 号',
    latitude: 39.9347,
    longitude: 116.4551,
    traffic: 1.4,
  },
  {
    code: 'BJ02',
    region: 'R-NORTH',
    name: '中关村店',
    city: '北京市',
    address: '北京市海淀区中关村大街 15 号',
    latitude: 39.9836,
    longitude: 116.3162,
    traffic: 1.2,
  },
  {
    code: 'BJ03',
    region: 'R-NORTH',
    name: '王府井店',
    city: '北京市',
    address: '北京市东城区王府井大街 255 号',
    latitude: 39.9146,
    longitude: 116.4113,
    traffic: 1.1,
  },
  {
    code: 'BJ04',
    region: 'R-NORTH',
    name: '西单店',
    city: '北京市',
    address: '北京市西城区西单北大街 131 号',
    latitude: 39.9118,
    longitude: 116.3738,
    traffic: 1.0,
  },
  {
    code: 'TJ01',
    region: 'R-NORTH',
    name: '滨江道店',
    city: '天津市',
    address: '天津市和平区滨江道 208 号',
    latitude: 39.1221,
    longitude: 117.2005,
    traffic: 0.9,
  },
  {
    code: 'TJ02',
    region: 'R-NORTH',
    name: '鞍山西道店',
    city: '天津市',
    address: '天津市南开区鞍山西道 316 号',
    latitude: 39.1203,
    longitude: 117.1652,
    traffic: 0.6,
  },
  {
    code: 'SJZ01',
    region: 'R-NORTH',
    name: '北国商城店',
    city: '石家庄市',
    address: '石家庄市长安区中山东路 188 号',
    latitude: 38.0431,
    longitude: 114.5216,
    traffic: 0.6,
  },
  {
    code: 'TY01',
    region: 'R-NORTH',
    name: '亲贤街店',
    city: '太原市',
    address: '太原市小店区亲贤北街 99 号',
    latitude: 37.8356,
    longitude: 112.5652,
    traffic: 0.6,
  },
];

/** Live-code channel states a customer can come through, with their share of adds. */
export const ADD_CHANNELS: readonly { state: string | null; weight: number; tagName: string | null }[] = [
  { state: 'store-qr', weight: 46, tagName: '门店扫码' },
  { state: 'poster', weight: 18, tagName: '海报裂变' },
  { state: 'miniapp', weight: 16, tagName: '小程序' },
  { state: 'live', weight: 10, tagName: '直播' },
  // Searched the guide's WeChat id or got a name card: no live code, no state.
  { state: null, weight: 10, tagName: null },
];

export type TTagGroupSpec = {
  name: string;
  tags: readonly { name: string; popularity: number }[];
  /** Who maintains these tags: staff by hand, the live code, or a rule. */
  source: 'manual' | 'rule';
};

export const TAG_GROUPS: readonly TTagGroupSpec[] = [
  {
    name: '兴趣偏好',
    source: 'manual',
    tags: [
      { name: '果茶', popularity: 0.34 },
      { name: '奶茶', popularity: 0.28 },
      { name: '咖啡', popularity: 0.14 },
      { name: '纯茶', popularity: 0.1 },
      { name: '芝士奶盖', popularity: 0.12 },
      { name: '低糖', popularity: 0.16 },
      { name: '新品尝鲜', popularity: 0.13 },
      { name: '轻食甜品', popularity: 0.06 },
    ],
  },
  {
    name: '生命周期',
    source: 'rule',
    tags: [
      { name: '新客', popularity: 0 },
      { name: '活跃', popularity: 0 },
      { name: '沉睡', popularity: 0 },
      { name: '流失', popularity: 0 },
    ],
  },
  {
    name: '客户价值',
    source: 'rule',
    tags: [
      { name: '高价值', popularity: 0 },
      { name: '中价值', popularity: 0 },
      { name: '低价值', popularity: 0 },
    ],
  },
  {
    name: '来源渠道',
    source: 'manual',
    tags: [
      { name: '门店扫码', popularity: 0 },
      { name: '海报裂变', popularity: 0 },
      { name: '小程序', popularity: 0 },
      { name: '直播', popularity: 0 },
    ],
  },
];

/** Custom customer fields (customers.attrs) the demo brand defined. */
export const CUSTOMER_FIELDS: readonly { key: string; label: string; type: 'text' | 'date' | 'select'; options: string[] }[] = [
  { key: 'birthday', label: '生日', type: 'date', options: [] },
  { key: 'sweetness', label: '甜度偏好', type: 'select', options: ['不另外加糖', '三分糖', '五分糖', '七分糖', '全糖'] },
  { key: 'member_level', label: '会员等级', type: 'select', options: ['普通会员', '银卡', '金卡', '黑金卡'] },
];
