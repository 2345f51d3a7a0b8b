import { useState } from 'react';
import { useParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../../ui.tsx';
import { TaskCard } from './task-card.tsx';
import { newRequestId, shortTime, staffApi, useStaffApi, withPreview, yuan } from './workbench-api.ts';
import { useWorkbench } from './workbench-context.ts';
import { type TText, tr } from './workbench-i18n.ts';
import type { TCustomerDetail, TPage, TTagGroup } from './workbench-types.ts';

// Timeline events in the guide's words; unknown types show their code.
const EVENT_NAMES: Record<string, TText> = {
  'follow.added': '添加好友',
  'follow.deleted': '删除好友',
  'tag.added': '打标签',
  'tag.removed': '移除标签',
  'group.joined': '入群',
  'group.left': '退群',
  message: '消息',
  'order.paid': '下单',
  'order.refunded': '退款',
  'customer.created': '建档',
  'customer.updated': '资料更新',
  handover: '客户交接',
  note: '跟进记录',
  'live_code.added': '扫码添加',
};

const eventText = (e: TCustomerDetail['timeline'][number]): string => {
  const d = e.data;
  const pick = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  return pick('text') || pick('tagName') || pick('groupName') || pick('content') || pick('staffName');
};

/** Tags: the customer's chips (tap to remove) and, opened, every tag to add. */
const TagEditor = ({ detail, onChanged }: { detail: TCustomerDetail; onChanged: () => void }) => {
  const { readOnly, toast } = useWorkbench();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const groups = useStaffApi<TPage<TTagGroup>>(adding ? '/tag-groups?pageSize=200' : null);
  const has = new Set(detail.customer.tags.map((t) => t.id));
  const change = async (body: { add?: number[]; remove?: number[] }, label: string) => {
    setBusy(true);
    setError(null);
    try {
      await staffApi(`/workbench/customers/${detail.customer.id}/tags`, { body: { ...body, requestId: newRequestId() } });
      toast(label);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <div className="wb-card-title">
        {tr('标签')}
        {!readOnly ? (
          <button type="button" className="wb-link" onClick={() => setAdding((a) => !a)} data-testid="wb-tags-toggle">
            {adding ? tr('收起') : tr('＋ 添加')}
          </button>
        ) : null}
      </div>
      <div className="wb-chips" data-testid="wb-customer-tags">
        {detail.customer.tags.length === 0 ? <span className="muted">{tr('还没有标签')}</span> : null}
        {detail.customer.tags.map((t) => (
          <button
            type="button"
            key={t.id}
            className="wb-chip wb-chip-on"
            disabled={busy || readOnly}
            onClick={() => void change({ remove: [t.id] }, tr('已移除「{name}」', { name: t.name }))}
            data-testid={`wb-tag-remove-${t.id}`}
          >
            {t.name}
            {readOnly ? '' : ' ×'}
          </button>
        ))}
      </div>
      {error ? (
        <p className="wb-error" role="alert">
          {error}
        </p>
      ) : null}
      {adding ? (
        <div className="wb-tag-picker">
          {groups.loading ? <Loading /> : null}
          {groups.error ? <ErrorState error={groups.error} onRetry={groups.reload} /> : null}
          {groups.data?.items.map((g) => (
            <div key={g.id}>
              <div className="muted">{g.name}</div>
              <div className="wb-chips">
                {g.tags.map((t) => (
                  <button
                    type="button"
                    key={t.id}
                    className={has.has(t.id) ? 'wb-chip wb-chip-on' : 'wb-chip'}
                    disabled={busy || has.has(t.id)}
                    onClick={() => void change({ add: [t.id] }, tr('已添加「{name}」', { name: t.name }))}
                    data-testid={`wb-tag-add-${t.id}`}
                  >
                    {t.name}
                  </button>
                ))}
              </div>
            </div>
          ))}
          {groups.data && groups.data.items.length === 0 ? <Empty>{tr('还没有标签，请让运营在后台创建。')}</Empty> : null}
        </div>
      ) : null}
    </div>
  );
};

const NoteBox = ({ customerId, onSaved }: { customerId: number; onSaved: () => void }) => {
  const { toast } = useWorkbench();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!text.trim()) {
      setError(tr('请先写点内容。'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await staffApi(`/workbench/customers/${customerId}/notes`, { body: { text: text.trim() } });
      setText('');
      toast(tr('已记录'));
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <div className="wb-card-title">{tr('跟进记录')}</div>
      <textarea
        className="wb-textarea"
        rows={3}
        maxLength={1000}
        placeholder={tr('例如：喜欢少糖，周末常来店里')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="wb-note-text"
      />
      {error ? (
        <p className="wb-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="wb-btn wb-btn-primary"
        disabled={busy}
        onClick={() => void save()}
        data-testid="wb-note-save"
      >
        {tr('保存记录')}
      </button>
    </div>
  );
};

/** A customer of the guide: tags (quick add/remove), groups, orders, open tasks, timeline, notes. */
export const CustomerView = () => {
  const { id } = useParams();
  const { current, setCurrent, readOnly } = useWorkbench();
  const { data, error, loading, reload } = useStaffApi<TCustomerDetail>(id ? withPreview(`/workbench/customers/${id}`) : null);
  if (loading && !data) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return null;
  const c = data.customer;
  const isCurrent = current?.id === c.id;
  return (
    <div data-testid="wb-customer-view">
      <div className="card">
        <div className="wb-card-title">
          <span>
            <strong className="wb-customer-name">{c.name}</strong>
            {data.remark ? <span className="muted"> · {data.remark}</span> : null}
          </span>
          <button
            type="button"
            className={isCurrent ? 'wb-btn' : 'wb-btn wb-btn-primary'}
            disabled={isCurrent}
            onClick={() => setCurrent({ id: c.id, name: c.name, source: 'picked' })}
            data-testid="wb-set-current"
          >
            {isCurrent ? tr('当前客户') : tr('设为当前客户')}
          </button>
        </div>
        <div className="muted">
          {c.phone ?? tr('无手机号')}
          {c.storeName ? ` · ${c.storeName}` : ''}
        </div>
        <div className="muted">
          {tr('添加的员工：')}
          {c.follows
            .filter((f) => !f.deletedAt)
            .map((f) => f.staffName)
            .join('、') || tr('无')}
        </div>
      </div>
      <TagEditor detail={data} onChanged={reload} />
      {data.openTasks.length > 0 ? (
        <section>
          <h2 className="wb-section-title">{tr('待办任务')}</h2>
          {data.openTasks.map((t) => (
            <TaskCard key={t.id} task={t} onChanged={reload} />
          ))}
        </section>
      ) : null}
      <div className="card">
        <div className="wb-card-title">{tr('所在群')}</div>
        {c.groups.length === 0 ? <span className="muted">{tr('不在任何群里')}</span> : null}
        {c.groups.map((g) => (
          <div className="row" key={g.groupId}>
            <span>{g.name}</span>
            <span className="muted">{g.leftAt ? tr('已退群') : tr('在群')}</span>
          </div>
        ))}
      </div>
      <div className="card" data-testid="wb-customer-orders">
        <div className="wb-card-title">
          {tr('订单')}
          <span className="muted">
            {tr('共 {n} 单 · {amount}', { n: data.orders.count, amount: yuan(data.orders.totalSpentCents) })}
          </span>
        </div>
        {data.orders.recent.length === 0 ? <span className="muted">{tr('还没有订单')}</span> : null}
        {data.orders.recent.map((o) => (
          <div className="row" key={o.id}>
            <span>
              {shortTime(o.paidAt)} <span className="muted">{o.items.map((i) => i.name).join('、')}</span>
            </span>
            <span className={o.status === 'refunded' ? 'muted' : undefined}>
              {yuan(o.amountCents)}
              {o.status === 'refunded' ? ` ${tr('已退款')}` : ''}
            </span>
          </div>
        ))}
      </div>
      {!readOnly ? <NoteBox customerId={c.id} onSaved={reload} /> : null}
      <div className="card" data-testid="wb-customer-timeline">
        <div className="wb-card-title">{tr('动态')}</div>
        {data.timeline.length === 0 ? <span className="muted">{tr('暂无动态')}</span> : null}
        {data.timeline.map((e) => (
          <div className="wb-timeline-item" key={e.id}>
            <span className="muted">{shortTime(e.occurredAt)}</span>{' '}
            <strong>{EVENT_NAMES[e.type] ? tr(EVENT_NAMES[e.type] as TText) : e.type}</strong> <span>{eventText(e)}</span>
          </div>
        ))}
      </div>
    </div>
  );
};
