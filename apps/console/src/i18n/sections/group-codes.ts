// Texts of the Group live codes pages (namespace `groupCodes`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '群活码',
};

export const en: typeof zhCN = {
  title: 'Group live codes',
};
