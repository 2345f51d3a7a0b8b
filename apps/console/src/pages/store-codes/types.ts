// Shapes of the store-code API answers, as the console reads them.

export type TParticipation = 'all' | 'stores' | 'regions';
export type TTargetKind = 'guides' | 'live_code' | 'group_code';
export type TReason = 'nearest' | 'fallback_out_of_range' | 'fallback_no_location' | 'chosen' | 'unavailable';

export type TStoreTarget = { storeId: number; kind: TTargetKind; refId: number | null };

export type TStoreCode = {
  id: number;
  name: string;
  headline: string | null;
  radiusMetres: number;
  fallbackStoreId: number;
  fallbackStoreName: string | null;
  fallbackStoreOpen: boolean;
  participation: TParticipation;
  unitIds: number[];
  url: string;
  slug: string;
  storeCount: number;
  routableStoreCount: number;
  scans7d: number;
  createdAt: string;
  updatedAt: string | null;
};

export type TStoreCodeDetail = TStoreCode & { targets: (TStoreTarget & { storeName: string | null })[] };

export type TStoreCodeBody = {
  name: string;
  headline: string | null;
  radiusMetres: number;
  fallbackStoreId: number;
  participation: TParticipation;
  unitIds: number[];
  targets: TStoreTarget[];
};

export type TRoutedStore = {
  id: number;
  name: string;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  distanceMetres: number | null;
};

export type TTargetView = { kind: TTargetKind; qrText: string | null; url: string | null; staffName: string | null };

export type TPreview = {
  reason: TReason;
  store: TRoutedStore | null;
  target: TTargetView | null;
  radiusMetres: number;
  nearest: (TRoutedStore & { inRadius: boolean })[];
  skipped: { closed: number; noCoordinates: number };
};

export type TStats = {
  from: string;
  to: string;
  totals: {
    scans: number;
    nearest: number;
    fallbackOutOfRange: number;
    fallbackNoLocation: number;
    chosen: number;
    unavailable: number;
    fallbackShare: number;
  };
  byStore: {
    storeId: number | null;
    storeName: string | null;
    scans: number;
    nearest: number;
    fallbacks: number;
    chosen: number;
    medianDistanceMetres: number | null;
  }[];
  byDay: { day: string; storeId: number | null; scans: number; fallbacks: number }[];
};

/** A live code or group code as offered for a store's target. */
export type TCodeOption = { id: number; name: string; storeId: number | null; status: string };

/** The QR image of a text, rendered by the server. */
export { qrImageSrc as qrSrc } from '../../lib/qr.ts';
