// Texts of the Broadcasts pages (namespace `broadcasts`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '群发',
};

export const en: typeof zhCN = {
  title: 'Broadcasts',
};
