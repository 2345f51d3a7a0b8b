/**
 * What a short link can open, and the path prefix of its public URL. The H5 app has a page for
 * each prefix; the server serves the H5 app at these prefixes.
 */
export const LINK_PATHS = {
  group_code: 'j',
  store_code: 's',
  live_code: 'l',
  staff_card: 'p',
  fission: 'f',
  referral: 'r',
  checkin: 'c',
} as const;

export type TLinkKind = keyof typeof LINK_PATHS;
export const LINK_KINDS = Object.keys(LINK_PATHS) as TLinkKind[];

/** The public URL of a link. @example linkUrl('https://pond.example.com', 'group_code', 'k3J9x2') // 'https://pond.example.com/j/k3J9x2' */
export const linkUrl = (publicUrl: string, kind: TLinkKind, slug: string) => `${publicUrl}/${LINK_PATHS[kind]}/${slug}`;
