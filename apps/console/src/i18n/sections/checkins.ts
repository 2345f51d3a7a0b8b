// Texts of the Check-in pages (namespace `checkins`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '打卡',
};

export const en: typeof zhCN = {
  title: 'Check-in',
};
