// Texts of the Moments pages (namespace `moments`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '朋友圈',
};

export const en: typeof zhCN = {
  title: 'Moments',
};
