// Texts of the Scripts pages (namespace `scripts`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '话术库',
};

export const en: typeof zhCN = {
  title: 'Scripts',
};
