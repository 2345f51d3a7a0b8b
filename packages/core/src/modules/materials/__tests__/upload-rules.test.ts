import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
import { checkUpload, extensionOf } from '../upload-rules.ts';

const MiB = 1024 * 1024;
const bytes = (head: number[] | string, size = 64) => {
  const b = new Uint8Array(size);
  const h = typeof head === 'string' ? [...head].map((c) => c.charCodeAt(0)) : head;
  b.set(h.slice(0, size));
  return b;
};
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const MP4 = [0, 0, 0, 0x20, ...[...'ftypisom'].map((c) => c.charCodeAt(0))];
const WEBP = [...'RIFF']
  .map((c) => c.charCodeAt(0))
  .concat(
    [0, 0, 0, 0],
    [...'WEBP'].map((c) => c.charCodeAt(0)),
  );

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return e instanceof AppError ? e.code : 'THROWN';
  }
};

describe('checkUpload', () => {
  const cases: [string, string, Uint8Array, string, string?][] = [
    ['png', 'a.png', bytes(PNG), 'OK', 'image'],
    ['upper-case extension', 'A.PNG', bytes(PNG), 'OK', 'image'],
    ['jpeg as .jpg', 'a.jpg', bytes(JPEG), 'OK', 'image'],
    ['jpeg as .jpeg', 'a.jpeg', bytes(JPEG), 'OK', 'image'],
    ['gif', 'a.gif', bytes('GIF89a'), 'OK', 'image'],
    ['webp', 'a.webp', bytes(WEBP), 'OK', 'image'],
    ['mp4', 'v.mp4', bytes(MP4), 'OK', 'video'],
    ['pdf', '手册.pdf', bytes('%PDF-1.7'), 'OK', 'file'],
    ['docx', 'a.docx', bytes(ZIP), 'OK', 'file'],
    ['xlsx', 'a.xlsx', bytes(ZIP), 'OK', 'file'],
    ['pptx', 'a.pptx', bytes(ZIP), 'OK', 'file'],
    ['zip', 'a.zip', bytes(ZIP), 'OK', 'file'],
    ['jpeg named .png', 'a.png', bytes(JPEG), 'UNSUPPORTED_MEDIA_TYPE'],
    ['text named .pdf', 'a.pdf', bytes('hello'), 'UNSUPPORTED_MEDIA_TYPE'],
    ['exe named .docx', 'a.docx', bytes('MZ'), 'UNSUPPORTED_MEDIA_TYPE'],
    ['not an allowed extension', 'a.exe', bytes('MZ'), 'UNSUPPORTED_MEDIA_TYPE'],
    ['no extension', 'README', bytes(PNG), 'UNSUPPORTED_MEDIA_TYPE'],
    ['svg is not taken', 'a.svg', bytes('<svg'), 'UNSUPPORTED_MEDIA_TYPE'],
    ['empty file', 'a.png', new Uint8Array(0), 'VALIDATION'],
    ['image at exactly 10 MB', 'a.png', bytes(PNG, 10 * MiB), 'OK', 'image'],
    ['image over 10 MB', 'a.png', bytes(PNG, 10 * MiB + 1), 'PAYLOAD_TOO_LARGE'],
    ['video over 10 MB', 'v.mp4', bytes(MP4, 10 * MiB + 1), 'PAYLOAD_TOO_LARGE'],
    ['pdf of 15 MB', 'a.pdf', bytes('%PDF-1.4', 15 * MiB), 'OK', 'file'],
    ['pdf over 20 MB', 'a.pdf', bytes('%PDF-1.4', 20 * MiB + 1), 'PAYLOAD_TOO_LARGE'],
  ];
  it.each(cases)('%s', (_label, name, b, code, type) => {
    expect(codeOf(() => checkUpload(name, b))).toBe(code);
    if (type) expect(checkUpload(name, b).type).toBe(type);
  });

  it('names the allowed types when refusing an extension', () => {
    expect(() => checkUpload('x.bmp', bytes('BM'))).toThrow(/png, jpg, jpeg, gif, webp, mp4, pdf, docx, xlsx, pptx, zip/);
  });
});

describe('extensionOf', () => {
  it.each([
    ['a.PNG', 'png'],
    ['archive.tar.gz', 'gz'],
    ['noext', ''],
    ['trailing.', ''],
    ['中文名.pdf', 'pdf'],
  ])('%s → %s', (name, ext) => expect(extensionOf(name)).toBe(ext));
});
