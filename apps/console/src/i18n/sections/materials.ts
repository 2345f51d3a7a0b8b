// Texts of the Materials pages (namespace `materials`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '素材库',
};

export const en: typeof zhCN = {
  title: 'Materials',
};
