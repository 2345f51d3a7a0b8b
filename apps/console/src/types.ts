// Shapes of the API's JSON answers, as the console reads them.

export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

export type TRole = 'admin' | 'operator' | 'store_manager' | 'guide';

export type TAccount = {
  id: number;
  username: string;
  displayName: string;
  role: TRole;
  staffId: number | null;
  storeId: number | null;
  locale: string | null;
};

export type TTenant = { id: number; slug: string; name: string; timezone?: string };

export type TSession = { account: TAccount; tenant: TTenant };

export type TDashboardSummary = {
  customers: number;
  newCustomers7d: number;
  activeFollows: number;
  groups: number;
  groupMembers: number;
  staff: number;
  stores: number;
  orders30d: number;
  gmv30dCents: number;
  aov30dCents: number;
  repurchaseRate90d: number;
  purchaseFrequency90d: number;
};

export type TTagRef = { id: number; name: string; groupId: number };

export type TCustomer = {
  id: number;
  name: string;
  avatar: string | null;
  gender: 0 | 1 | 2;
  phone: string | null;
  storeId: number | null;
  storeName: string | null;
  tags: TTagRef[];
  staff: { id: number; name: string }[];
  orderCount: number;
  totalSpentCents: number;
  lastOrderAt: string | null;
  createdAt: string;
  deletedAt: string | null;
};

export type TFollow = {
  id: number;
  staffId: number;
  staffName: string;
  remark: string | null;
  state: string | null;
  addedAt: string;
  deletedAt: string | null;
  deletedBy: 'customer' | 'staff' | null;
};

export type TAttrValue = string | number | boolean | null;

export type TCustomerDetail = TCustomer & {
  externalUserId: string | null;
  unionId: string | null;
  attrs: Record<string, TAttrValue>;
  follows: TFollow[];
  groups: { groupId: number; name: string; joinedAt: string; leftAt: string | null }[];
};

export type TCustomerField = { id: number; key: string; label: string; type: string; options: string[] };

export type TTimelineEvent = {
  id: number;
  type: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  data: Record<string, unknown>;
};

export type TOrderItem = { sku: string; name: string; quantity: number; priceCents: number };

export type TOrder = {
  id: number;
  externalId: string | null;
  amountCents: number;
  status: 'paid' | 'refunded';
  items: TOrderItem[];
  storeName: string | null;
  staffName: string | null;
  paidAt: string | null;
  refundedAt: string | null;
  customerId?: number;
  customerName?: string;
};

export type TImportResult = {
  total: number;
  created: number;
  updated: number;
  failed: number;
  errors: { row: number; column: string | null; message: string }[];
};

export type TTag = { id: number; name: string; source: string; customerCount: number };

export type TTagGroup = { id: number; name: string; sort: number; tags: TTag[] };

export type TGroup = {
  id: number;
  externalChatId: string;
  name: string;
  ownerStaffId: number | null;
  ownerName: string | null;
  storeId: number | null;
  storeName: string | null;
  kind: string;
  memberCap: number;
  memberCount: number;
  status: 'active' | 'dismissed';
  notice: string | null;
  createdAt: string;
};

export type TGroupMember = {
  id: number;
  memberType: 'customer' | 'staff';
  customerId: number | null;
  staffId: number | null;
  name: string;
  joinedAt: string;
  leftAt: string | null;
  joinScene: number | string | null;
};

export type TGroupMessage = {
  id: number;
  senderType: 'customer' | 'staff' | 'pond';
  senderName: string;
  customerId: number | null;
  msgType: string;
  content: string;
  sentAt: string;
};

export type TUnitKind = 'hq' | 'region' | 'store';

export type TOrgUnit = {
  id: number;
  parentId: number | null;
  kind: TUnitKind;
  name: string;
  code: string;
  city: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  status: 'open' | 'closed';
};

export type TStaffRole = 'guide' | 'store_manager' | 'hq';

export type TStaff = {
  id: number;
  name: string;
  storeId: number | null;
  storeName: string | null;
  role: TStaffRole;
  status: 'active' | 'resigned';
  wecomUserId: string;
  customerCount: number;
  groupCount: number;
  createdAt: string;
};

export type THandoverKind = 'resigned' | 'in_service';

export type THandover = {
  id: number;
  fromStaffId: number;
  fromStaffName: string;
  toStaffId: number;
  toStaffName: string;
  kind: THandoverKind;
  customersMoved: number;
  groupsMoved: number;
  createdAt: string;
};

export type TAuditEntry = {
  id: number;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | number | null;
  details: unknown;
  ip: string | null;
  createdAt: string;
};

export type TSimStatus = { clock: string; speed: number; running: boolean };

export type TSimLogItem = {
  id: number;
  conversation: string;
  sender: string;
  senderName: string;
  msgType: string;
  content: string;
  at: string;
};
