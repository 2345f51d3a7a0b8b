import type { z } from '@hono/zod-openapi';
import type { Ctx } from '../../context.ts';
import { searchStaffCustomers } from '../customers/staff-customers.ts';
import type { ZWorkbenchCustomersQuery } from './workbench.schemas.ts';
import { workbenchActor } from './workbench-actor.ts';

/** 客户: the guide's customers, searched by name, remark, phone or its last 4 digits. */
export async function listWorkbenchCustomers(ctx: Ctx, query: z.infer<typeof ZWorkbenchCustomersQuery>) {
  const who = await workbenchActor(ctx, query.staffId);
  return searchStaffCustomers(who.ctx, { staffId: who.staff.id, q: query.q, page: query.page, pageSize: query.pageSize });
}
