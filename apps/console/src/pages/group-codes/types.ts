// Shapes of the group-code API answers, as the console reads them.

export type TGroupCodeRule = 'fill_in_order' | 'least_full';
export type TGroupCodeStatus = 'active' | 'paused';

export type TGroupCode = {
  id: number;
  name: string;
  storeId: number | null;
  storeName: string | null;
  status: TGroupCodeStatus;
  rule: TGroupCodeRule;
  memberCap: number;
  autoOpen: boolean;
  groupNameTemplate: string;
  nextNumber: number;
  ownerStaffIds: number[];
  owners: { id: number; name: string }[];
  welcomeText: string;
  notice: string;
  url: string;
  slug: string;
  poolSize: number;
  groupsWithRoom: number;
  members: number;
  groupsOpened: number;
  waysError: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TPoolGroup = {
  groupId: number;
  name: string;
  position: number;
  cap: number;
  members: number;
  reserved: number;
  status: 'active' | 'dismissed';
  wayId: number | null;
  qrCode: string | null;
  openedNumber: number | null;
};

export type TGroupCodeDetail = TGroupCode & {
  pool: TPoolGroup[];
  ways: { id: number; configId: string; qrCode: string; groupIds: number[] }[];
};

export type TGroupCodeBody = {
  name: string;
  storeId: number | null;
  status: TGroupCodeStatus;
  rule: TGroupCodeRule;
  memberCap: number;
  autoOpen: boolean;
  groupNameTemplate: string;
  nextNumber?: number;
  ownerStaffIds: number[];
  welcomeText: string;
  notice: string;
  groupIds?: number[];
};

export type TGroupOpening = {
  id: number;
  number: number;
  name: string;
  ownerStaffId: number | null;
  ownerName: string | null;
  status: 'opening' | 'opened' | 'failed';
  groupId: number | null;
  error: string | null;
  startedAt: string;
  openedAt: string | null;
};

export type TGroupCodeStats = {
  days: { day: string; visits: number; joins: number; left: number; groupsOpened: number }[];
  totals: { visits: number; joins: number; left: number; groupsOpened: number; members: number };
  groups: TPoolGroup[];
};

export type TGroupCodePreview = {
  status: 'ok' | 'paused' | 'full';
  url: string;
  group: { id: number; name: string; memberCount: number; cap: number } | null;
  qrCode: string | null;
  opensNext: boolean;
};

/** A QR image of `text`, drawn by Pond's public QR endpoint. */
export { qrImageSrc as qrSrc } from '../../lib/qr.ts';
