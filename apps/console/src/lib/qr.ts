// WeCom hands out contact and join ways with `qr_code` = the URL of a QR *image* on its CDN; the
// simulator (and Pond's own short links) give a URL to encode. One place decides which is which.
const WECOM_QR_IMAGE = /^https:\/\/([a-z0-9-]+\.)*qpic\.cn\//;

/** An <img> src for a QR: WeCom's own image as it is, anything else rendered by Pond's QR endpoint. */
export const qrImageSrc = (text: string, size = 320) =>
  WECOM_QR_IMAGE.test(text) ? text : `/api/public/qr?text=${encodeURIComponent(text)}&size=${size}`;
