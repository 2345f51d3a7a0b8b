import { Empty, ErrorState, Loading } from '../../ui.tsx';
import { TaskCard } from './task-card.tsx';
import { useStaffApi, withPreview } from './workbench-api.ts';
import { type TText, tr } from './workbench-i18n.ts';
import type { TSectionKey, TToday } from './workbench-types.ts';

const SECTION_NAMES: Record<TSectionKey, TText> = {
  sop: 'SOP 任务',
  follow_up: '客户跟进',
  broadcast: '待确认群发',
  moment: '朋友圈',
};

/** 今日任务: counts, then each section's tasks (overdue first, closed ones last). */
export const TasksTab = () => {
  const { data, error, loading, reload } = useStaffApi<TToday>(withPreview('/workbench/today'));
  if (loading && !data) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return null;
  const c = data.counts;
  return (
    <div data-testid="wb-today">
      <div className="wb-stats-row">
        <div className="wb-stat">
          <b data-testid="wb-count-open">{c.open}</b>
          <span>{tr('待完成')}</span>
        </div>
        <div className="wb-stat">
          <b className={c.overdue ? 'wb-danger' : undefined}>{c.overdue}</b>
          <span>{tr('已逾期')}</span>
        </div>
        <div className="wb-stat">
          <b data-testid="wb-count-done">{c.done}</b>
          <span>{tr('今日完成')}</span>
        </div>
      </div>
      {c.overdue > 0 ? (
        <div className="wb-alert" role="alert" data-testid="wb-overdue-alert">
          {tr('有 {n} 个任务已逾期，请尽快处理。', { n: c.overdue })}
        </div>
      ) : null}
      {c.total === 0 ? <Empty>{tr('今天没有任务，去看看客户吧～')}</Empty> : null}
      {data.sections
        .filter((s) => s.tasks.length > 0)
        .map((s) => (
          <section key={s.key} data-testid={`wb-section-${s.key}`}>
            <h2 className="wb-section-title">
              {tr(SECTION_NAMES[s.key])} <span className="muted">{tr('{n} 待完成', { n: s.open })}</span>
            </h2>
            {s.tasks.map((t) => (
              <TaskCard key={t.id} task={t} onChanged={reload} />
            ))}
          </section>
        ))}
    </div>
  );
};
