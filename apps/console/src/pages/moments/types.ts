import type { TContentRefValue } from '../../components/content-editor.tsx';

// Shapes of the moments API (packages/core/src/modules/moments/moments.schemas.ts).
export type TMomentStatus = 'sending' | 'running' | 'done' | 'failed';
export type TMomentTask = {
  id: number;
  title: string;
  content: TContentRefValue;
  targetKind: 'all' | 'stores' | 'staff';
  storeIds: number[];
  staffIds: number[];
  status: TMomentStatus;
  momentId: string | null;
  staffCount: number;
  publishedCount: number;
  error: string | null;
  createdBy: string | null;
  createdAt: string;
  lastSyncedAt: string | null;
  finishedAt: string | null;
};
export type TMomentTaskStaff = {
  staffId: number;
  name: string | null;
  storeId: number | null;
  storeName: string | null;
  published: boolean;
  publishedAt: string | null;
  guideTaskId: number | null;
};
export type TMomentTaskDetail = TMomentTask & { staff: TMomentTaskStaff[] };

export const MOMENT_STATUS_COLOR: Record<TMomentStatus, string> = {
  sending: 'processing',
  running: 'blue',
  done: 'green',
  failed: 'red',
};
