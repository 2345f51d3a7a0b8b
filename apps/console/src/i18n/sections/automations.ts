// Texts of the Automations pages (namespace `automations`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '自动化',
};

export const en: typeof zhCN = {
  title: 'Automations',
};
