import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Field-level encryption for personal data (phone numbers): AES-256-GCM with a key from POND_SECRET. */
export type Sealer = {
  seal: (plain: string) => string;
  open: (sealed: string) => string;
  /** A keyed hash to find equal values without decrypting. */
  blindIndex: (plain: string) => string;
  /** A short MAC (base64url, 16 bytes) proving Pond made `value`: signed links for customers' H5 pages. */
  sign: (value: string) => string;
  /** Whether `mac` is `sign(value)`, compared in constant time. */
  verify: (value: string, mac: string) => boolean;
};

export function createSealer(secret: string): Sealer {
  const key = createHash('sha256').update(`pond:enc:${secret}`).digest();
  const indexKey = createHash('sha256').update(`pond:idx:${secret}`).digest();
  const signKey = createHash('sha256').update(`pond:sig:${secret}`).digest();
  const sign = (value: string) => createHmac('sha256', signKey).update(value).digest().subarray(0, 16).toString('base64url');
  return {
    sign,
    verify: (value, mac) => {
      const expected = Buffer.from(sign(value));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
    seal: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open: (sealed) => {
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex: (plain) => createHmac('sha256', indexKey).update(plain).digest('hex').slice(0, 32),
  };
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
