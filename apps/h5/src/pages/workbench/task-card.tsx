import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { newRequestId, shortTime, staffApi } from './workbench-api.ts';
import { useWorkbench } from './workbench-context.ts';
import { type TText, tr } from './workbench-i18n.ts';
import type { TTask } from './workbench-types.ts';

const STATUS: Record<TTask['status'], TText> = { open: '待完成', done: '已完成', skipped: '已跳过', expired: '已过期' };

/** What a task's content will send, in one line (variables the page knows filled in). */
export const contentPreview = (task: TTask, staffName: string): string | null => {
  const c = task.content;
  if (!c) return null;
  const parts: string[] = [];
  if (c.text) parts.push(fillVariables(c.text, task, staffName, true));
  if (c.scriptId) parts.push(tr('[话术 #{id}]', { id: c.scriptId }));
  if (c.materialIds?.length) parts.push(tr('[素材 ×{n}]', { n: c.materialIds.length }));
  return parts.length ? parts.join(' ') : null;
};

/**
 * The task's text with the variables the page knows filled in (customer, group, the guide's own
 * name); others stay as `{{name}}` in a preview and become empty in a copy, as the server does.
 */
function fillVariables(text: string, task: TTask, staffName: string, keepUnknown = false): string {
  const known: Record<string, string | null> = {
    customer_name: task.customerName,
    group_name: task.groupName,
    staff_name: staffName || null,
  };
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (m, name: string) => known[name] ?? (keepUnknown ? m : ''));
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** One task with its actions: send its content, complete, skip (with a reason), undo. */
export const TaskCard = ({ task, onChanged }: { task: TTask; onChanged: () => void }) => {
  const { readOnly, toast, staffName } = useWorkbench();
  const [busy, setBusy] = useState(false);
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One id per card: a double tap on 发送 sends once.
  const sendId = useRef(newRequestId());
  const preview = contentPreview(task, staffName);
  const open = task.status === 'open';

  const run = async (label: TText, fn: () => Promise<unknown>, conflict?: TText) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      toast(tr(label));
      onChanged();
    } catch (err) {
      setError(conflict && err instanceof ApiError && err.code === 'CONFLICT' ? tr(conflict) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const complete = () =>
    run(
      '已完成',
      () => staffApi(`/tasks/${task.id}/complete`, { body: {} }),
      '任务已跳过或已过期，不能完成；跳过的任务可先撤销。',
    );
  const skip = () => {
    if (!reason.trim()) {
      setError(tr('请填写跳过原因。'));
      return;
    }
    void run('已跳过', () => staffApi(`/tasks/${task.id}/skip`, { body: { reason: reason.trim() } }));
  };
  const reopen = () =>
    run(
      '已撤销',
      () => staffApi(`/tasks/${task.id}/reopen`, { method: 'POST' }),
      '已超过 10 分钟，不能撤销了。需要的话请店长重新派任务。',
    );
  const send = () =>
    run('已发送，任务完成', () =>
      staffApi('/workbench/send', {
        body: { customerId: task.customerId, content: task.content, requestId: sendId.current, taskId: task.id },
      }),
    );

  return (
    <div className={`card wb-task wb-task-${task.status}`} data-testid={`wb-task-${task.id}`} data-status={task.status}>
      <div className="wb-task-head">
        <strong className="wb-task-title">{task.title}</strong>
        <span className={task.overdue ? 'wb-badge wb-badge-danger' : 'wb-badge'}>
          {task.overdue ? (task.remindedAt ? tr('已逾期·已提醒') : tr('已逾期')) : tr(STATUS[task.status])}
        </span>
      </div>
      <div className="muted">
        {tr('截止 {time}', { time: shortTime(task.dueAt) })}
        {task.customerId ? (
          <>
            {' · '}
            <Link to={`/h5/workbench/customers/${task.customerId}${window.location.search}`}>
              {task.customerName ?? tr('客户')}
            </Link>
          </>
        ) : null}
        {task.groupName ? ` · ${tr('群：{name}', { name: task.groupName })}` : null}
      </div>
      {task.body ? <p className="wb-task-body">{task.body}</p> : null}
      {preview ? (
        <div className="wb-preview" data-testid={`wb-task-preview-${task.id}`}>
          {preview}
        </div>
      ) : null}
      {task.kind === 'broadcast_confirm' && open ? (
        <div className="muted">{tr('请在企业微信「客户联系 → 群发助手」里确认发送，然后点完成。')}</div>
      ) : null}
      {task.note ? <div className="muted">{tr('备注：{note}', { note: task.note })}</div> : null}
      {error ? (
        <p className="wb-error" role="alert">
          {error}
        </p>
      ) : null}
      {!readOnly && open && !skipping ? (
        <div className="wb-actions">
          {task.content && task.customerId ? (
            <button
              type="button"
              className="wb-btn"
              disabled={busy}
              onClick={() => void send()}
              data-testid={`wb-task-send-${task.id}`}
            >
              {tr('发送并完成')}
            </button>
          ) : null}
          <button
            type="button"
            className="wb-btn wb-btn-primary"
            disabled={busy}
            onClick={() => void complete()}
            data-testid={`wb-task-complete-${task.id}`}
          >
            {tr('完成')}
          </button>
          {task.content?.text ? (
            <button
              type="button"
              className="wb-btn"
              onClick={() =>
                void copy(fillVariables(task.content?.text ?? '', task, staffName)).then((ok) =>
                  toast(ok ? tr('已复制') : tr('复制失败，请长按文字复制')),
                )
              }
              data-testid={`wb-task-copy-${task.id}`}
            >
              {tr('复制')}
            </button>
          ) : null}
          <button
            type="button"
            className="wb-btn"
            disabled={busy}
            onClick={() => setSkipping(true)}
            data-testid={`wb-task-skip-${task.id}`}
          >
            {tr('跳过')}
          </button>
        </div>
      ) : null}
      {!readOnly && open && skipping ? (
        <div className="wb-skip">
          <input
            placeholder={tr('跳过原因（必填）')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid={`wb-task-skip-reason-${task.id}`}
          />
          <div className="wb-actions">
            <button
              type="button"
              className="wb-btn wb-btn-primary"
              disabled={busy}
              onClick={skip}
              data-testid={`wb-task-skip-confirm-${task.id}`}
            >
              {tr('确认跳过')}
            </button>
            <button type="button" className="wb-btn" onClick={() => setSkipping(false)}>
              {tr('取消')}
            </button>
          </div>
        </div>
      ) : null}
      {!readOnly && task.reopenUntil && new Date(task.reopenUntil) > new Date() ? (
        <div className="wb-actions">
          <button
            type="button"
            className="wb-btn"
            disabled={busy}
            onClick={() => void reopen()}
            data-testid={`wb-task-reopen-${task.id}`}
          >
            {tr('撤销（{time} 前）', { time: shortTime(task.reopenUntil) })}
          </button>
        </div>
      ) : null}
    </div>
  );
};
