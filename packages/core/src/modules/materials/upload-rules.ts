import { AppError } from '../../lib/errors.ts';

const MiB = 1024 * 1024;

type TUploadRule = {
  type: 'image' | 'video' | 'file';
  mime: string;
  maxBytes: number;
  /** Whether the first bytes are this format's signature. */
  magic: (b: Uint8Array) => boolean;
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const isGif = (b: Uint8Array) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'));
const isWebp = (b: Uint8Array) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8);
// ISO base media (MP4): a box size, then `ftyp`.
const isMp4 = (b: Uint8Array) => startsWith(b, ascii('ftyp'), 4);
const isPdf = (b: Uint8Array) => startsWith(b, ascii('%PDF-'));
// Office Open XML documents are ZIP archives: a local file header (or the end record of an empty archive).
const isZip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);

/**
 * What may be uploaded, by extension: WeCom's media limits (image and video ≤ 10 MB, file ≤ 20 MB;
 * shared/wecom/README.md, 上传临时素材), checked on the bytes' signature as well as the name.
 */
export const UPLOAD_RULES: Readonly<Record<string, TUploadRule>> = {
  png: { type: 'image', mime: 'image/png', maxBytes: 10 * MiB, magic: (b) => startsWith(b, PNG) },
  jpg: { type: 'image', mime: 'image/jpeg', maxBytes: 10 * MiB, magic: (b) => startsWith(b, JPEG) },
  jpeg: { type: 'image', mime: 'image/jpeg', maxBytes: 10 * MiB, magic: (b) => startsWith(b, JPEG) },
  gif: { type: 'image', mime: 'image/gif', maxBytes: 10 * MiB, magic: isGif },
  webp: { type: 'image', mime: 'image/webp', maxBytes: 10 * MiB, magic: isWebp },
  mp4: { type: 'video', mime: 'video/mp4', maxBytes: 10 * MiB, magic: isMp4 },
  pdf: { type: 'file', mime: 'application/pdf', maxBytes: 20 * MiB, magic: isPdf },
  docx: {
    type: 'file',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    maxBytes: 20 * MiB,
    magic: isZip,
  },
  xlsx: {
    type: 'file',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    maxBytes: 20 * MiB,
    magic: isZip,
  },
  pptx: {
    type: 'file',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    maxBytes: 20 * MiB,
    magic: isZip,
  },
  zip: { type: 'file', mime: 'application/zip', maxBytes: 20 * MiB, magic: isZip },
};

export const ALLOWED_EXTENSIONS = Object.keys(UPLOAD_RULES);

export type TCheckedUpload = { type: 'image' | 'video' | 'file'; mime: string; ext: string };

/** The lower-case extension of a file name ('' when none). */
export const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m?.[1]?.toLowerCase() ?? '';
};

/**
 * Checks an upload by name and bytes: an allowed extension (else 415), within that type's size
 * (else 413), and bytes that really are that format (else 415 — a renamed .exe stays out).
 */
export function checkUpload(name: string, bytes: Uint8Array): TCheckedUpload {
  const ext = extensionOf(name);
  const rule = UPLOAD_RULES[ext];
  if (!rule)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `“${name.slice(0, 80)}” is not a type the library takes. Upload ${ALLOWED_EXTENSIONS.join(', ')}.`,
    );
  if (bytes.length === 0) throw new AppError('VALIDATION', `“${name.slice(0, 80)}” is empty. Choose the file again.`);
  if (bytes.length > rule.maxBytes)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `“${name.slice(0, 80)}” is ${(bytes.length / MiB).toFixed(1)} MB; WeCom sends ${rule.type === 'file' ? 'files' : `${rule.type}s`} of at most ${rule.maxBytes / MiB} MB. Compress it and upload again.`,
    );
  if (!rule.magic(bytes))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `“${name.slice(0, 80)}” is named .${ext} but its content is not ${ext.toUpperCase()}. Export it again in that format and upload it.`,
    );
  return { type: rule.type, mime: rule.mime, ext };
}
