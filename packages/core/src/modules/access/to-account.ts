import type { TAccount } from './access.schemas.ts';
import type { accounts } from './access.tables.ts';

export const toAccount = (a: typeof accounts.$inferSelect): TAccount => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  role: a.role as TAccount['role'],
  staffId: a.staffId,
  storeId: a.storeId,
  locale: a.locale,
  status: a.status as TAccount['status'],
  lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
});
