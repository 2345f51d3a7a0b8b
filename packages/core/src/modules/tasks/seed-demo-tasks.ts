import { type Deps, systemActor, withActor } from '../../context.ts';
import { countActiveFollowsByStaff } from '../customers/follow-queries.ts';
import { searchStaffCustomers } from '../customers/staff-customers.ts';
import { listStaff } from '../org/manage-staff.ts';
import { createGuideTask } from './create-guide-task.ts';
import { localDayWindow } from './task-rules.ts';

const HOUR = 3_600_000;

/**
 * Demo data: today's tasks (Asia/Shanghai) for the five guides with the most customers — a
 * follow-up with a customer and a message to send, an SOP step, a broadcast to confirm and a
 * moments post — so the workbench has a day to show. Idempotent per guide and day.
 * @example
 * await seedDemoTasks(deps, tenantId);
 */
export async function seedDemoTasks(deps: Deps, tenantId: number): Promise<{ tasks: number }> {
  const ctx = withActor(deps, systemActor(tenantId));
  const staffPage = await listStaff(ctx, { page: 1, pageSize: 200, status: 'active' });
  const guides = staffPage.items.filter((s) => s.role === 'guide');
  const counts = await countActiveFollowsByStaff(
    ctx,
    guides.map((g) => g.id),
  );
  const busiest = [...guides].sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.id - b.id).slice(0, 5);
  const day = localDayWindow(deps.now());
  const date = new Date(day.from.getTime() + 8 * HOUR).toISOString().slice(0, 10);
  const at = (hour: number) => new Date(day.from.getTime() + hour * HOUR);
  let created = 0;
  for (const guide of busiest) {
    const customers = await searchStaffCustomers(ctx, { staffId: guide.id, page: 1, pageSize: 2 });
    const [first, second] = customers.items;
    const specs = [
      first && {
        kind: 'follow_up' as const,
        title: `回访 ${first.name}：上次购买的体验`,
        customerId: first.id,
        content: {
          text: '{{customer_name}}您好，我是{{staff_name}}～上次买的果茶喝着还习惯吗？有任何问题随时找我。',
          materialIds: [],
        },
        dueAt: at(10),
      },
      {
        kind: 'sop_step' as const,
        title: '每日好物：发送今日推荐到门店群',
        body: '把今天的每日好物发到你负责的门店群，附上门店地址。',
        content: { text: '【每日好物】今日推荐：鲜榨橙子果茶，第二杯半价，到店出示群消息即可～', materialIds: [] },
        dueAt: at(11),
      },
      {
        kind: 'broadcast_confirm' as const,
        title: '确认群发「会员日预告」',
        body: '总部已创建群发任务，请在企业微信「客户联系」中确认发送。',
        dueAt: at(15),
      },
      { kind: 'moment' as const, title: '发朋友圈：新品上市', body: '用素材库里的新品海报发一条朋友圈。', dueAt: at(18) },
      second && {
        kind: 'follow_up' as const,
        title: `生日关怀 ${second.name}`,
        customerId: second.id,
        content: { text: '{{customer_name}}，祝您生日快乐！到店出示此消息可领生日饮品一杯🎂', materialIds: [] },
        dueAt: at(20),
      },
    ];
    let n = 0;
    for (const spec of specs) {
      n++;
      if (!spec) continue;
      const r = await createGuideTask(ctx, { staffId: guide.id, ...spec, sourceKey: `demo:${date}:${guide.id}:${n}` });
      if (!r.duplicate) created++;
    }
  }
  return { tasks: created };
}
