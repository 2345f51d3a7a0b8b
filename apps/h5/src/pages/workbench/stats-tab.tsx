import { ErrorState, Loading } from '../../ui.tsx';
import { percent, useStaffApi, withPreview, yuan } from './workbench-api.ts';
import { type TText, tr } from './workbench-i18n.ts';
import type { TStats } from './workbench-types.ts';

const Stat = ({ label, value, id }: { label: TText; value: string | number; id: string }) => (
  <div className="wb-stat">
    <b data-testid={`wb-stat-${id}`}>{value}</b>
    <span>{tr(label)}</span>
  </div>
);

/** 我的数据: the guide's own numbers (this week: Monday–Sunday; this month: the calendar month). */
export const StatsTab = () => {
  const { data, error, loading, reload } = useStaffApi<TStats>(withPreview('/workbench/stats'));
  if (loading && !data) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return null;
  const o = data.ordersThisMonth;
  return (
    <div data-testid="wb-stats">
      <h2 className="wb-section-title">{tr('客户')}</h2>
      <div className="wb-stats-row">
        <Stat id="customers" label="我的客户" value={data.customers} />
        <Stat id="new" label="本周新增" value={data.newThisWeek} />
        <Stat id="deleted" label="本周流失" value={data.deletedThisWeek} />
      </div>
      <h2 className="wb-section-title">{tr('本周任务')}</h2>
      <div className="wb-stats-row">
        <Stat id="tasks" label="任务数" value={data.tasksThisWeek.total} />
        <Stat id="done" label="已完成" value={data.tasksThisWeek.done} />
        <Stat id="rate" label="完成率" value={percent(data.tasksThisWeek.completionRate)} />
      </div>
      <h2 className="wb-section-title">{tr('本月业绩（我的客户）')}</h2>
      <div className="wb-stats-row">
        <Stat id="gmv" label="本月 GMV" value={yuan(o.gmvCents)} />
        <Stat id="orders" label="订单数" value={o.paidOrders} />
        <Stat id="aov" label="客单价" value={yuan(o.aovCents)} />
      </div>
      <p className="muted">
        {tr('GMV = 已支付金额减去退款；客单价 = GMV ÷ 订单数；下单客户 {n} 人。完成率 = 已完成 ÷ 已到期任务。', {
          n: o.purchasingCustomers,
        })}
      </p>
    </div>
  );
};
