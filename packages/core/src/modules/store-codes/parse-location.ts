import { AppError } from '../../lib/errors.ts';
import type { TLatLng } from './geodesic.ts';

// A decimal number as a customer's browser or a hand-written URL gives it: no exponent, no hex.
const DECIMAL = /^[+-]?(\d{1,3}(\.\d{0,15})?|\.\d{1,15})$/;

/**
 * The customer's location from the `lat`/`lng` query strings: both empty or absent → null; both
 * decimal degrees in range → the point; anything else (one of them only, text, 91°, NaN) → a
 * VALIDATION error, so a bad link never routes (or counts) as "no location".
 * @example
 * parseLocation('31.2304', '121.4737'); // { lat: 31.2304, lng: 121.4737 }
 * parseLocation(undefined, ''); // null
 */
export function parseLocation(lat: string | undefined, lng: string | undefined): TLatLng | null {
  const hasLat = lat !== undefined && lat.trim() !== '';
  const hasLng = lng !== undefined && lng.trim() !== '';
  if (!hasLat && !hasLng) return null;
  if (!hasLat || !hasLng) throw new AppError('VALIDATION', 'lat, lng: give both coordinates, or neither.');
  const read = (name: 'lat' | 'lng', raw: string, limit: number) => {
    const text = raw.trim();
    const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || Math.abs(value) > limit) {
      throw new AppError('VALIDATION', `${name}: give decimal degrees between −${limit} and ${limit} (WGS-84).`);
    }
    return value;
  };
  return { lat: read('lat', lat, 90), lng: read('lng', lng, 180) };
}
