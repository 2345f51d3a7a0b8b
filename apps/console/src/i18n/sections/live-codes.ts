// Texts of the Staff live codes pages (namespace `liveCodes`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '渠道活码',
};

export const en: typeof zhCN = {
  title: 'Staff live codes',
};
