// The demo brand's menu. Prices are in cents (¥12–¥32); `popularity` drives what people order and
// `category` links drinks to the interest tags (a customer tagged 咖啡 orders more coffee).

export type TProduct = {
  sku: string;
  name: string;
  priceCents: number;
  category: '果茶' | '奶茶' | '纯茶' | '咖啡' | '芝士奶盖' | '轻食甜品';
  popularity: number;
  /** Launched recently: what 新品尝鲜 customers and new-product chat are about. */
  isNew?: boolean;
};

export const PRODUCTS: readonly TProduct[] = [
  { sku: 'T101', name: '多肉葡萄', priceCents: 2900, category: '果茶', popularity: 10 },
  { sku: 'T102', name: '芝芝莓莓', priceCents: 2800, category: '芝士奶盖', popularity: 8 },
  { sku: 'T103', name: '杨枝甘露', priceCents: 2200, category: '果茶', popularity: 9 },
  { sku: 'T104', name: '霸气橙子', priceCents: 2300, category: '果茶', popularity: 6 },
  { sku: 'T105', name: '满杯红柚', priceCents: 1900, category: '果茶', popularity: 6 },
  { sku: 'T106', name: '手打柠檬茶', priceCents: 1600, category: '果茶', popularity: 8 },
  { sku: 'T107', name: '超大杯满杯水果茶', priceCents: 3200, category: '果茶', popularity: 3 },
  { sku: 'T108', name: '芝芝芒芒', priceCents: 2800, category: '芝士奶盖', popularity: 5 },
  { sku: 'T109', name: '芝士四季春', priceCents: 2000, category: '芝士奶盖', popularity: 3 },
  { sku: 'T201', name: '烤黑糖波波牛乳', priceCents: 1900, category: '奶茶', popularity: 7 },
  { sku: 'T202', name: '芋泥波波鲜奶', priceCents: 2000, category: '奶茶', popularity: 7 },
  { sku: 'T203', name: '茉莉奶绿', priceCents: 1600, category: '奶茶', popularity: 6 },
  { sku: 'T204', name: '四季春轻乳茶', priceCents: 1500, category: '奶茶', popularity: 7 },
  { sku: 'T205', name: '桂花乌龙奶茶', priceCents: 1800, category: '奶茶', popularity: 4 },
  { sku: 'T206', name: '珍珠奶茶', priceCents: 1400, category: '奶茶', popularity: 6 },
  { sku: 'T301', name: '冻顶乌龙', priceCents: 1200, category: '纯茶', popularity: 3 },
  { sku: 'T302', name: '茉莉初雪', priceCents: 1300, category: '纯茶', popularity: 3 },
  { sku: 'T303', name: '金观音', priceCents: 1400, category: '纯茶', popularity: 2 },
  { sku: 'T304', name: '大红袍', priceCents: 1500, category: '纯茶', popularity: 2 },
  { sku: 'T401', name: '生椰拿铁', priceCents: 1800, category: '咖啡', popularity: 7 },
  { sku: 'T402', name: '冰美式', priceCents: 1300, category: '咖啡', popularity: 4 },
  { sku: 'T403', name: '厚乳拿铁', priceCents: 1900, category: '咖啡', popularity: 3 },
  { sku: 'T404', name: '乌龙茶拿铁', priceCents: 2200, category: '咖啡', popularity: 2 },
  { sku: 'T501', name: '桂花酒酿冰', priceCents: 2600, category: '果茶', popularity: 4, isNew: true },
  { sku: 'T502', name: '荔枝冰酿', priceCents: 2500, category: '果茶', popularity: 5, isNew: true },
  { sku: 'T503', name: '山野栀子轻乳茶', priceCents: 2100, category: '奶茶', popularity: 4, isNew: true },
  { sku: 'T601', name: '芋泥麻薯', priceCents: 1200, category: '轻食甜品', popularity: 2 },
  { sku: 'T602', name: '芝士蛋糕', priceCents: 1800, category: '轻食甜品', popularity: 2 },
];

export const NEW_PRODUCTS: readonly TProduct[] = PRODUCTS.filter((p) => p.isNew);

/** Drink customisations people mention in chats (and would print on the cup). */
export const SWEETNESS = ['不另外加糖', '三分糖', '五分糖', '七分糖', '全糖'] as const;
export const ICE = ['少冰', '去冰', '常温', '热', '正常冰'] as const;
