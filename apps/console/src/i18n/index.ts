import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import * as audiences from './sections/audiences.ts';
import * as automations from './sections/automations.ts';
import * as broadcasts from './sections/broadcasts.ts';
import * as checkins from './sections/checkins.ts';
import * as fission from './sections/fission.ts';
import * as groupCodes from './sections/group-codes.ts';
import * as guideTasks from './sections/guide-tasks.ts';
import * as keywordReplies from './sections/keyword-replies.ts';
import * as liveCodes from './sections/live-codes.ts';
import * as materials from './sections/materials.ts';
import * as moments from './sections/moments.ts';
import * as posters from './sections/posters.ts';
import * as referral from './sections/referral.ts';
import * as rewards from './sections/rewards.ts';
import * as scripts from './sections/scripts.ts';
import * as sops from './sections/sops.ts';
import * as storeCodes from './sections/store-codes.ts';
import * as wecom from './sections/wecom.ts';
import * as wecomSync from './sections/wecom-sync.ts';
import { zhCN } from './zh-CN.ts';

// Each section's texts live in their own file under sections/, merged here under its namespace.
const sections = {
  liveCodes,
  groupCodes,
  storeCodes,
  posters,
  fission,
  referral,
  checkins,
  rewards,
  materials,
  scripts,
  keywordReplies,
  audiences,
  automations,
  broadcasts,
  sops,
  moments,
  guideTasks,
  wecom,
  wecomSync,
};
const sectionTexts = (lang: 'zhCN' | 'en') =>
  Object.fromEntries(Object.entries(sections).map(([name, texts]) => [name, texts[lang]]));

export type TLang = 'zh-CN' | 'en';

const STORAGE_KEY = 'pond.lang';

const readStoredLang = (): TLang => {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    // Storage can be disabled (private mode, sandboxed frames): fall back to the default.
    return 'zh-CN';
  }
};

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zhCN, ...sectionTexts('zhCN') } },
    en: { translation: { ...en, ...sectionTexts('en') } },
  },
  lng: readStoredLang(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;

/** Switches the UI language and remembers it in localStorage. */
export const setLanguage = (lang: TLang) => {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
};

export const currentLang = (): TLang => (i18n.language === 'en' ? 'en' : 'zh-CN');
