// Texts of the Audiences pages (namespace `audiences`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '人群',
};

export const en: typeof zhCN = {
  title: 'Audiences',
};
