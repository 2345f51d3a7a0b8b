// Texts of the Keyword replies pages (namespace `keywordReplies`). `en` is typed by `zhCN`, so a missing key fails the type check.
export const zhCN = {
  title: '关键词回复',
};

export const en: typeof zhCN = {
  title: 'Keyword replies',
};
