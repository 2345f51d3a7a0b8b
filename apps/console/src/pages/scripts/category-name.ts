import type { TScriptCategory } from '../materials/types.ts';

/** A category's name in the UI language (the English name when there is one and the UI is English). */
export const categoryName = (c: Pick<TScriptCategory, 'name' | 'nameEn'>, lang: string) =>
  lang.startsWith('en') && c.nameEn ? c.nameEn : c.name;
