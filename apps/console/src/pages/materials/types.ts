// Shapes of the materials and scripts API, as the console reads them (see /api/docs).

export const MATERIAL_TYPES = ['image', 'video', 'file', 'link', 'miniprogram', 'poster'] as const;
export type TMaterialType = (typeof MATERIAL_TYPES)[number];

export type TMaterial = {
  id: number;
  type: TMaterialType;
  title: string;
  folderId: number | null;
  tags: string[];
  description: string | null;
  linkUrl: string | null;
  picUrl: string | null;
  appId: string | null;
  pagePath: string | null;
  fileName: string | null;
  mimeType: string | null;
  byteSize: number | null;
  fileUrl: string | null;
  usageCount: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TMaterialFolder = { id: number; parentId: number | null; name: string; sort: number; materialCount: number };

export type TScriptCategory = {
  id: number;
  key: string | null;
  name: string;
  nameEn: string | null;
  sort: number;
  scriptCount: number;
};

export type TScript = {
  id: number;
  categoryId: number;
  title: string;
  body: string;
  materialIds: number[];
  tags: string[];
  enabled: boolean;
  usageCount: number;
  createdAt: string;
  updatedAt: string;
};

/** The `{{variables}}` a text or script may use (CONTENT_VARIABLES on the server). */
export const CONTENT_VARIABLES = ['customer_name', 'staff_name', 'store_name', 'group_name'] as const;

/** Whether a material shows as an image thumbnail. */
export const isImageMaterial = (m: Pick<TMaterial, 'type' | 'fileUrl'>) =>
  (m.type === 'image' || m.type === 'poster') && !!m.fileUrl;

/** Sample values for live previews. */
export const SAMPLE_VARIABLES: Record<string, string> = {
  customer_name: '陈静',
  staff_name: '王芳',
  store_name: '徐汇店',
  group_name: '徐汇店福利1群',
};

/** `{{name}}` → value, as the server's renderVariables does (unknown names become ''). */
export const renderPreview = (text: string, vars: Record<string, string> = SAMPLE_VARIABLES): string =>
  text.replace(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi, (_m, name: string) => vars[name] ?? '');

/** Variable names in a text that are not allowed. */
export const unknownVariables = (text: string): string[] => {
  const found = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi)) {
    const name = m[1] ?? '';
    if (!(CONTENT_VARIABLES as readonly string[]).includes(name)) found.add(name);
  }
  return [...found];
};

export const formatBytes = (n: number | null | undefined): string => {
  if (n === null || n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
};
