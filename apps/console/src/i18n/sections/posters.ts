// Texts of the Posters pages (namespace `posters`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '海报',
};

export const en: typeof zhCN = {
  title: 'Posters',
};
