import { WecomApiError } from './errors.ts';

/**
 * Size limits of media/upload (https://developer.work.weixin.qq.com/document/path/90253): image
 * 10 MB (JPG/PNG), video 10 MB (MP4), file 20 MB; upload_attachment (/95098) uses the same.
 */
export const MEDIA_MAX_BYTES = { image: 10 * 1024 * 1024, video: 10 * 1024 * 1024, file: 20 * 1024 * 1024 } as const;

export type TFetchedMedia = { bytes: Uint8Array; contentType: string; filename: string };

/**
 * Downloads an attachment's bytes for upload, refusing more than `maxBytes` (the body is read as a
 * stream and cut off, so a huge file is never held in memory). Only http(s) URLs.
 * @example
 * const media = await fetchMediaBytes('https://cdn.example.com/a.png', { maxBytes: MEDIA_MAX_BYTES.image });
 */
export async function fetchMediaBytes(
  url: string,
  options: { maxBytes: number; timeoutMs?: number; filename?: string },
): Promise<TFetchedMedia> {
  const path = 'media/upload';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WecomApiError('INVALID', `Attachment URL "${url.slice(0, 200)}" is not a URL; use an http(s) link.`, { path });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new WecomApiError('INVALID', `Attachment URL must be http(s), not ${parsed.protocol}`, { path });
  let res: Response;
  try {
    res = await fetch(parsed, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch {
    throw new WecomApiError('UNAVAILABLE', `Could not download the attachment from ${parsed.host}; check the link and retry.`, {
      path,
    });
  }
  if (!res.ok) {
    const code = res.status >= 500 ? 'UNAVAILABLE' : 'INVALID';
    throw new WecomApiError(code, `Downloading the attachment from ${parsed.host} answered HTTP ${res.status}; check the link.`, {
      path,
    });
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new WecomApiError(
      'INVALID',
      `The attachment is larger than WeCom's limit of ${Math.floor(options.maxBytes / 1024 / 1024)} MB.`,
      { path },
    );
  if (declared > options.maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  const last = decodeURIComponent(parsed.pathname.split('/').pop() ?? '') || 'attachment';
  return {
    bytes,
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    filename: options.filename ?? last,
  };
}
