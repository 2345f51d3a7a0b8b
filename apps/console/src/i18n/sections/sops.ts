// Texts of the SOPs pages (namespace `sops`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: 'SOP',
};

export const en: typeof zhCN = {
  title: 'SOPs',
};
