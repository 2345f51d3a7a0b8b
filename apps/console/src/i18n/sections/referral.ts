// Texts of the Referral pages (namespace `referral`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '分销',
};

export const en: typeof zhCN = {
  title: 'Referral',
};
