// Shapes of the live-codes API (see packages/core/src/modules/live-codes/live-codes.schemas.ts).

export type TLiveCodeStatus = 'active' | 'paused' | 'archived';

export type TScheduleWindow = { start: string; end: string };
export type TSchedule = { weekdays: number[]; windows: TScheduleWindow[] };

export type TAttachment =
  | { type: 'image'; url: string }
  | { type: 'link'; title: string; url: string; description?: string; picUrl?: string }
  | { type: 'miniprogram'; title: string; appId: string; page: string; picUrl?: string }
  | { type: 'video'; url: string }
  | { type: 'file'; url: string; name?: string };
export type TAttachmentType = TAttachment['type'];
export type TMessageContent = { text?: string; attachments: TAttachment[] };

export type TStaffRef = { staffId: number; name: string; active: boolean };

export type TPoolMember = TStaffRef & {
  weight: number;
  dailyCap: number | null;
  schedule: TSchedule | null;
  todayAdds: number;
};

export type TLiveCode = {
  id: number;
  name: string;
  channelName: string;
  folderId: number | null;
  storeId: number | null;
  state: string | null;
  status: TLiveCodeStatus;
  pool: TPoolMember[];
  schedule: TSchedule | null;
  dailyCap: number | null;
  backupStaff: TStaffRef[];
  tagIds: number[];
  remarkTemplate: string | null;
  welcome: TMessageContent | null;
  skipVerify: boolean;
  configId: string | null;
  qrCode: string | null;
  appliedStaff: TStaffRef[];
  appliedMode: 'pool' | 'backup' | 'fallback' | null;
  appliedAt: string | null;
  syncError: string | null;
  todayAdds: number;
  createdAt: string;
  updatedAt: string;
};

export type TFolder = { id: number; name: string; sort: number; codeCount: number };

export type TGroupBy = 'day' | 'staff' | 'day_staff';

export type TStatsNumbers = {
  added: number;
  readds: number;
  deletedByCustomer: number;
  deletedByStaff: number;
  deleted: number;
  net: number;
  converted: number;
  conversionRate: number;
};

export type TStats = {
  codeId: number;
  from: string;
  to: string;
  groupBy: TGroupBy;
  rows: (TStatsNumbers & { day: string | null; staffId: number | null; staffName: string | null })[];
  totals: TStatsNumbers;
};

export type TLiveCodeAdd = {
  id: number;
  customerId: number;
  customerName: string;
  staffId: number;
  staffName: string;
  channelName: string;
  addedAt: string;
  readd: 'same_staff' | 'other_staff' | null;
  remark: string | null;
  deletedAt: string | null;
  deletedBy: 'customer' | 'staff' | null;
  firstOrderAt: string | null;
};

export type TApplyResult = {
  outcome: 'unchanged' | 'updated' | 'created' | 'deleted' | 'skipped' | 'busy' | 'failed';
  staffIds: number[];
  mode: 'pool' | 'backup' | 'fallback' | null;
  fallback: string | null;
  excluded: { staffId: number; reason: string }[];
  error: string | null;
};

export type TBatchResult = {
  created: number;
  skipped: number;
  failed: number;
  results: {
    storeId: number;
    storeName: string | null;
    outcome: 'created' | 'skipped' | 'failed';
    codeId: number | null;
    name: string | null;
    error: string | null;
  }[];
};

/** The PNG of a QR code for `text` (Pond's public QR endpoint). */
export { qrImageSrc } from '../../lib/qr.ts';

/** Variables a welcome message may use. */
export const WELCOME_VARIABLES = ['customer_name', 'staff_name', 'store_name'] as const;
/** Variables the auto-remark may use. */
export const REMARK_VARIABLES = ['channel', 'date', 'staff_name', 'customer_name', 'store_name'] as const;
