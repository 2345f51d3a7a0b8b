// Texts of the Guide tasks pages (namespace `guideTasks`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '导购任务',
};

export const en: typeof zhCN = {
  title: 'Guide tasks',
};
