/**
 * The built-in script categories, from the seeds' script library (社群话术: 建群前私聊、群规、欢迎语、
 * 自我介绍/群介绍、活动、价值/知识分享) plus complaint replies. Created for a tenant on first use.
 */
export const DEFAULT_SCRIPT_CATEGORIES = [
  { key: 'pre_group', name: '建群前私聊', nameEn: 'Pre-group private chat', sort: 10 },
  { key: 'group_rules', name: '群规', nameEn: 'Group rules', sort: 20 },
  { key: 'welcome', name: '欢迎语', nameEn: 'Welcome', sort: 30 },
  { key: 'self_intro', name: '自我介绍', nameEn: 'Self-introduction', sort: 40 },
  { key: 'activity', name: '活动', nameEn: 'Activities', sort: 50 },
  { key: 'value', name: '价值/知识', nameEn: 'Value & knowledge', sort: 60 },
  { key: 'complaint', name: '投诉回复', nameEn: 'Complaint replies', sort: 70 },
] as const;

export type TDefaultCategoryKey = (typeof DEFAULT_SCRIPT_CATEGORIES)[number]['key'];
