import { z } from '@hono/zod-openapi';
import { ZPageQuery } from '../../lib/paging.ts';
import { LAYOUT_LIMITS, layoutProblems } from './poster-layout.ts';

/** What a template may be used for; a feature lists the templates of its use. */
export const POSTER_USES = ['staff_card', 'group_code', 'fission', 'checkin', 'generic'] as const;
export type TPosterUse = (typeof POSTER_USES)[number];
export const ZPosterUse = z.enum(POSTER_USES);

const L = LAYOUT_LIMITS;
const ZHexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #RRGGBB, e.g. #FF7A45')
  .openapi({ example: '#1F1F1F' });
const coord = (max: number) => z.number().int().min(0).max(max);

const ZTextBoxBase = z.object({
  visible: z.boolean(),
  // Top-left corner of the text box and its width; lines longer than the width end in "…".
  x: coord(L.maxWidth),
  y: coord(L.maxHeight),
  width: z.number().int().min(L.minTextWidth).max(L.maxWidth),
  fontSize: z.number().int().min(L.minFontSize).max(L.maxFontSize),
  color: ZHexColor,
  align: z.enum(['left', 'center', 'right']),
  bold: z.boolean(),
  maxLines: z.number().int().min(1).max(L.maxLines),
});
/** The title and subtitle also carry the text used when the caller passes none. */
const ZTextBox = ZTextBoxBase.extend({ text: z.string().trim().max(L.maxTextLength).default('') });

const ZAvatarBox = z.object({
  visible: z.boolean(),
  x: coord(L.maxWidth),
  y: coord(L.maxHeight),
  size: z.number().int().min(L.minAvatarSize).max(L.maxAvatarSize),
  shape: z.enum(['circle', 'rounded', 'square']),
});

const ZQrBox = z.object({
  x: coord(L.maxWidth),
  y: coord(L.maxHeight),
  size: z.number().int().min(L.minQrSize).max(L.maxQrSize),
  color: ZHexColor,
  background: ZHexColor,
});

const ZBackground = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('color'), color: ZHexColor }),
    z.object({
      kind: z.literal('gradient'),
      from: ZHexColor,
      to: ZHexColor,
      // Degrees: 0 runs top to bottom, 90 left to right.
      angle: z.number().int().min(0).max(359),
    }),
    z.object({
      kind: z.literal('image'),
      // An image uploaded with POST /api/poster-images; it covers the canvas (cropped to fit).
      imageId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
      // Shown while the image loads or if it is gone.
      color: ZHexColor,
    }),
  ])
  .openapi('PosterBackground');

const ZPosterLayoutBase = z.object({
  width: z.number().int().min(L.minWidth).max(L.maxWidth),
  height: z.number().int().min(L.minHeight).max(L.maxHeight),
  background: ZBackground,
  avatar: ZAvatarBox,
  name: ZTextBoxBase,
  title: ZTextBox,
  subtitle: ZTextBox,
  qr: ZQrBox,
});

/** Canvas size and where everything goes; every visible box must lie inside the canvas. */
export const ZPosterLayout = ZPosterLayoutBase.superRefine((layout, ctx) => {
  for (const p of layoutProblems(layout)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
}).openapi('PosterLayout');
export type TPosterLayout = z.infer<typeof ZPosterLayoutBase>;
export type TPosterBackground = TPosterLayout['background'];
export type TTextBox = TPosterLayout['name'];

const ZUses = z
  .array(ZPosterUse)
  .min(1)
  .max(POSTER_USES.length)
  .refine((u) => new Set(u).size === u.length, 'List each use once.');

export const ZCreatePosterTemplate = z
  .object({
    name: z.string().trim().min(1).max(60),
    uses: ZUses,
    layout: ZPosterLayout,
  })
  .openapi('CreatePosterTemplate');
export type TCreatePosterTemplate = z.infer<typeof ZCreatePosterTemplate>;

export const ZUpdatePosterTemplate = z
  .object({
    name: z.string().trim().min(1).max(60).optional(),
    uses: ZUses.optional(),
    layout: ZPosterLayout.optional(),
  })
  .openapi('UpdatePosterTemplate');
export type TUpdatePosterTemplate = z.infer<typeof ZUpdatePosterTemplate>;

export const ZPosterTemplate = z
  .object({
    id: z.number().int(),
    name: z.string(),
    uses: z.array(ZPosterUse),
    layout: ZPosterLayoutBase,
    version: z.number().int(),
    // The uses this template is the default of (see PUT /api/poster-defaults).
    defaultFor: z.array(ZPosterUse),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PosterTemplate');
export type TPosterTemplate = z.infer<typeof ZPosterTemplate>;

export const ZListPosterTemplatesQuery = ZPageQuery.extend({
  use: ZPosterUse.optional(),
  q: z.string().trim().max(60).optional(),
});
export type TListPosterTemplatesQuery = z.infer<typeof ZListPosterTemplatesQuery>;

/** Sample texts for a preview; empty ones show the template's own texts. */
const ZPreviewTexts = z.object({
  name: z.string().trim().max(L.maxTextLength).optional(),
  title: z.string().trim().max(L.maxTextLength).optional(),
  subtitle: z.string().trim().max(L.maxTextLength).optional(),
});

export const ZPreviewPosterRequest = ZPreviewTexts.extend({ layout: ZPosterLayout }).openapi('PreviewPosterRequest');
export type TPreviewPosterRequest = z.infer<typeof ZPreviewPosterRequest>;

export const ZPreviewQuery = ZPreviewTexts.extend({
  // Scales the preview down to this width (thumbnails); the full size without it.
  width: z.coerce.number().int().min(60).max(L.maxWidth).optional(),
});
export type TPreviewQuery = z.infer<typeof ZPreviewQuery>;

export const ZPosterImage = z
  .object({
    id: z.number().int(),
    contentType: z.enum(['image/png', 'image/jpeg']),
    width: z.number().int(),
    height: z.number().int(),
    byteSize: z.number().int(),
    url: z.string(),
    createdAt: z.string(),
  })
  .openapi('PosterImage');
export type TPosterImage = z.infer<typeof ZPosterImage>;

export const ZPosterDefaults = z
  .object(
    Object.fromEntries(POSTER_USES.map((u) => [u, z.number().int().nullable()])) as Record<
      TPosterUse,
      z.ZodNullable<z.ZodNumber>
    >,
  )
  .openapi('PosterDefaults');
export type TPosterDefaults = Record<TPosterUse, number | null>;

export const ZSetPosterDefault = z
  .object({
    use: ZPosterUse,
    // null: back to the built-in template.
    templateId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
  })
  .openapi('SetPosterDefault');
export type TSetPosterDefault = z.infer<typeof ZSetPosterDefault>;

export const ZStaffCard = z
  .object({
    staffId: z.number().int(),
    staffName: z.string(),
    state: z.string(),
    configId: z.string(),
    // What the card's QR code encodes (the contact way's QR URL).
    qrCode: z.string(),
    adds: z.number().int(),
    lastAddAt: z.string().nullable(),
    // The template the card renders with (null: the built-in one).
    templateId: z.number().int().nullable(),
    // The card for logged-in users, and a public URL of the same image for sharing.
    imageUrl: z.string(),
    shareImageUrl: z.string(),
  })
  .openapi('StaffCard');
export type TStaffCard = z.infer<typeof ZStaffCard>;

export const ZStaffCardQuery = z.object({
  templateId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  // download=1 answers with Content-Disposition: attachment.
  download: z.enum(['1']).optional(),
});

export const ZQrQuery = z.object({
  text: z.string().min(1).max(1024),
  size: z.coerce.number().int().min(64).max(1024).default(360),
  // Quiet zone in modules (the QR standard asks for 4; 2 is enough for phone scanners).
  margin: z.coerce.number().int().min(0).max(8).default(2),
});
