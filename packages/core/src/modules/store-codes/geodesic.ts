import { createRequire } from 'node:module';

// GeographicLib ships a UMD bundle whose names Node's ESM loader cannot see: load it as CommonJS.
const { Geodesic } = createRequire(import.meta.url)('geographiclib-geodesic') as typeof import('geographiclib-geodesic');

// Distances on the WGS-84 ellipsoid — the datum of GPS and of the browser's Geolocation API.
// Coordinates from Chinese map apps are often GCJ-02 (offset by a few hundred metres inside China):
// store coordinates must be entered in WGS-84 for distances to be right at the scale of a radius.

/** WGS-84: semi-major axis (m) and flattening (NIMA TR8350.2). */
export const WGS84 = { a: 6_378_137, f: 1 / 298.257223563 } as const;

export type TLatLng = { lat: number; lng: number };

export type TGeodesicDistance = {
  metres: number;
  /** 'vincenty' normally; 'karney' when Vincenty's iteration did not converge (nearly antipodal points). */
  method: 'vincenty' | 'karney';
  /** Iterations Vincenty's method used (or gave up after). */
  iterations: number;
};

const MAX_ITERATIONS = 200;
// Change in λ (radians) at which the iteration has converged: ~0.006 mm on the ground.
const TOLERANCE = 1e-12;
const DEG = Math.PI / 180;

/**
 * The iteration of Vincenty's inverse formula (Survey Review XXIII/176, 1975), or null when it does
 * not converge — which happens only for nearly antipodal points, where λ oscillates or leaves [−π, π].
 */
export function vincentyInverse(p1: TLatLng, p2: TLatLng): { metres: number; iterations: number } | null {
  const { a, f } = WGS84;
  const b = (1 - f) * a;
  // Longitude difference reduced to (−π, π]: 179° E to 179° W is 2°, not 358°.
  let L = ((p2.lng - p1.lng) % 360) * DEG;
  if (L > Math.PI) L -= 2 * Math.PI;
  if (L <= -Math.PI) L += 2 * Math.PI;
  // Reduced latitudes on the auxiliary sphere.
  const tanU1 = (1 - f) * Math.tan(p1.lat * DEG);
  const tanU2 = (1 - f) * Math.tan(p2.lat * DEG);
  const cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1);
  const sinU1 = tanU1 * cosU1;
  const cosU2 = 1 / Math.sqrt(1 + tanU2 * tanU2);
  const sinU2 = tanU2 * cosU2;

  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 1;
  let sigma = 0;
  let cos2Alpha = 1;
  let cos2SigmaM = 0;
  let iterations = 0;
  for (;;) {
    iterations++;
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    // Coincident points (or exactly antipodal on the equator, which the caller's fallback handles).
    if (sinSigma === 0) return cosU1 * cosU2 * cosLambda + sinU1 * sinU2 > 0 ? { metres: 0, iterations } : null;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    // On an equatorial line cos²α = 0 and the term vanishes (Vincenty's note).
    cos2SigmaM = cos2Alpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda =
      L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (!Number.isFinite(lambda) || Math.abs(lambda) > Math.PI) return null;
    if (Math.abs(lambda - previous) <= TOLERANCE) break;
    if (iterations >= MAX_ITERATIONS) return null;
  }

  const uSq = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const deltaSigma =
    B *
    sinSigma *
    (cos2SigmaM +
      (B / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
          (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return { metres: b * A * (sigma - deltaSigma), iterations };
}

/**
 * The geodesic (shortest path on the WGS-84 ellipsoid) distance between two points, in metres:
 * Vincenty's inverse formula, and Karney's algorithm (GeographicLib) for the rare nearly antipodal
 * pairs where Vincenty does not converge. Pure; throws on coordinates out of range.
 * @example
 * geodesicDistance({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 }).metres; // ≈ 1,067,000
 */
export function geodesicDistance(p1: TLatLng, p2: TLatLng): TGeodesicDistance {
  assertLatLng(p1);
  assertLatLng(p2);
  const v = vincentyInverse(p1, p2);
  if (v) return { metres: v.metres, method: 'vincenty', iterations: v.iterations };
  const k = Geodesic.WGS84.Inverse(p1.lat, p1.lng, p2.lat, p2.lng, Geodesic.DISTANCE);
  const metres = k.s12;
  if (metres === undefined || !Number.isFinite(metres)) throw new Error('Geodesic distance could not be computed.');
  return { metres, method: 'karney', iterations: MAX_ITERATIONS };
}

/** Metres between two points on WGS-84 (see `geodesicDistance`). */
export const distanceMetres = (p1: TLatLng, p2: TLatLng): number => geodesicDistance(p1, p2).metres;

/** True for a latitude in [−90, 90] and a longitude in [−180, 180], both finite. */
export const isValidLatLng = (p: TLatLng): boolean =>
  Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;

function assertLatLng(p: TLatLng): void {
  if (!isValidLatLng(p)) throw new RangeError(`Coordinates out of range: ${p.lat}, ${p.lng}.`);
}
