// Shapes of the staff API answers the workbench reads (see /api/docs for the full schemas).

export type TMe = {
  account: { id: number; username: string; displayName: string; role: string; staffId: number | null };
  tenant: { id: number; slug: string; name: string };
};

export type TContentRef = { text?: string; materialIds?: number[]; scriptId?: number };

export type TTask = {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  customerId: number | null;
  customerName: string | null;
  groupName: string | null;
  content: TContentRef | null;
  dueAt: string;
  status: 'open' | 'done' | 'skipped' | 'expired';
  overdue: boolean;
  note: string | null;
  reopenUntil: string | null;
  remindedAt: string | null;
};

export type TSectionKey = 'sop' | 'follow_up' | 'broadcast' | 'moment';
export type TToday = {
  staff: { id: number; name: string };
  preview: boolean;
  date: string;
  counts: { total: number; open: number; overdue: number; done: number; skipped: number };
  sections: { key: TSectionKey; open: number; tasks: TTask[] }[];
};

export type TTagRef = { id: number; name: string; groupId: number };
export type TCustomerItem = {
  id: number;
  name: string;
  phone: string | null;
  remark: string | null;
  tags: TTagRef[];
  orderCount: number;
  totalSpentCents: number;
  addedAt: string;
};
export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

export type TCustomerDetail = {
  customer: {
    id: number;
    name: string;
    phone: string | null;
    storeName: string | null;
    tags: TTagRef[];
    follows: { staffName: string; remark: string | null; addedAt: string; deletedAt: string | null }[];
    groups: { groupId: number; name: string; leftAt: string | null }[];
  };
  remark: string | null;
  orders: {
    recent: { id: number; externalId: string; amountCents: number; status: string; paidAt: string; items: { name: string }[] }[];
    count: number;
    totalSpentCents: number;
    lastOrderAt: string | null;
  };
  timeline: { id: number; type: string; occurredAt: string; data: Record<string, unknown> }[];
  openTasks: TTask[];
};

export type TTagGroup = { id: number; name: string; tags: { id: number; name: string }[] };

export type TStats = {
  staff: { id: number; name: string };
  customers: number;
  newThisWeek: number;
  deletedThisWeek: number;
  tasksThisWeek: { total: number; done: number; overdue: number; completionRate: number };
  ordersThisMonth: { gmvCents: number; paidOrders: number; purchasingCustomers: number; aovCents: number };
};

export type TScript = { id: number; categoryId: number; title: string; body: string; materialIds: number[]; usageCount: number };
export type TScriptCategory = { id: number; name: string };
export type TMaterial = {
  id: number;
  type: string;
  title: string;
  description: string | null;
  linkUrl: string | null;
  fileUrl: string | null;
};

/** The customer the guide is talking to (from the WeCom chat, or picked by hand in a browser). */
export type TCurrentCustomer = { id: number; name: string; source: 'wecom' | 'picked' };
