// Texts of the Fission tasks pages (namespace `fission`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '任务宝',
};

export const en: typeof zhCN = {
  title: 'Fission tasks',
};
