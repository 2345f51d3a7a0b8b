// Texts of the Store codes pages (namespace `storeCodes`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '门店活码',
};

export const en: typeof zhCN = {
  title: 'Store codes',
};
