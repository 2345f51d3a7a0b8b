// Texts of the Rewards pages (namespace `rewards`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '奖励',
};

export const en: typeof zhCN = {
  title: 'Rewards',
};
