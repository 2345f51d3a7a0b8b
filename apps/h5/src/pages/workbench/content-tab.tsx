import { useEffect, useRef, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../ui.tsx';
import { inWecomSidebar, sendChatText } from './wecom-bridge.ts';
import { newRequestId, staffApi, useStaffApi } from './workbench-api.ts';
import { useWorkbench } from './workbench-context.ts';
import { type TText, tr } from './workbench-i18n.ts';
import type { TContentRef, TMaterial, TPage, TScript, TScriptCategory } from './workbench-types.ts';

const MATERIAL_TYPES: Record<string, TText> = {
  image: '图片',
  video: '视频',
  file: '文件',
  link: '链接',
  miniprogram: '小程序',
  poster: '海报',
};

/** Inside WeCom the text goes to the current chat (sent by the guide's own client); in a browser it is copied. */
async function copyOrInsert(text: string): Promise<string> {
  if (inWecomSidebar()) return tr((await sendChatText(text)) ? '已发到当前聊天' : '发到聊天失败，请重试');
  return tr((await copyText(text)) ? '已复制' : '复制失败，请长按文字手动复制');
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Old WebViews: a hidden textarea and execCommand.
    const el = document.createElement('textarea');
    el.value = text;
    document.body.append(el);
    el.select();
    const ok = document.execCommand('copy');
    el.remove();
    return ok;
  }
}

/** 发送 to the current customer: the first tap asks, the second sends (once per request id). */
const SendButton = ({ content, testId }: { content: TContentRef; testId: string }) => {
  const { current, readOnly, toast } = useWorkbench();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());
  if (readOnly) return null;
  const send = async () => {
    if (!current) return;
    setBusy(true);
    try {
      await staffApi('/workbench/send', { body: { customerId: current.id, content, requestId: requestId.current } });
      toast(tr('已发送给 {name}', { name: current.name }));
      requestId.current = newRequestId();
      setConfirming(false);
    } catch (err) {
      toast((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={confirming ? 'wb-btn wb-btn-primary' : 'wb-btn'}
      disabled={!current || busy}
      title={current ? undefined : tr('先在「客户」里选择当前客户')}
      onClick={() => (confirming ? void send() : setConfirming(true))}
      data-testid={testId}
    >
      {confirming && current ? tr('确认发给{name}', { name: current.name }) : tr('发送')}
    </button>
  );
};

const useDebounced = (value: string, ms = 300) => {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
};

const ScriptList = ({ q }: { q: string }) => {
  const { current, toast } = useWorkbench();
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const categories = useStaffApi<TPage<TScriptCategory> | TScriptCategory[]>('/script-categories?pageSize=200');
  const params = new URLSearchParams({ pageSize: '50' });
  if (q) params.set('q', q);
  if (categoryId) params.set('categoryId', String(categoryId));
  const scripts = useStaffApi<TPage<TScript>>(`/workbench/scripts?${params}`);
  const cats = Array.isArray(categories.data) ? categories.data : (categories.data?.items ?? []);
  const copy = async (s: TScript) => {
    // Rendered for the current customer, so {{customer_name}} is their name.
    let text = s.body;
    try {
      const r = await staffApi<{ text: string }>(`/scripts/${s.id}/render`, { body: current ? { customerId: current.id } : {} });
      text = r.text;
    } catch {
      // Copy the raw text rather than nothing.
    }
    toast(await copyOrInsert(text));
  };
  return (
    <div>
      <div className="wb-chips wb-scroll">
        <button
          type="button"
          className={categoryId === null ? 'wb-chip wb-chip-on' : 'wb-chip'}
          onClick={() => setCategoryId(null)}
        >
          {tr('全部')}
        </button>
        {cats.map((c) => (
          <button
            type="button"
            key={c.id}
            className={categoryId === c.id ? 'wb-chip wb-chip-on' : 'wb-chip'}
            onClick={() => setCategoryId(c.id)}
            data-testid={`wb-script-category-${c.id}`}
          >
            {c.name}
          </button>
        ))}
      </div>
      {scripts.loading && !scripts.data ? <Loading /> : null}
      {scripts.error ? <ErrorState error={scripts.error} onRetry={scripts.reload} /> : null}
      {scripts.data && scripts.data.items.length === 0 ? <Empty>{tr('没有找到话术')}</Empty> : null}
      {scripts.data?.items.map((s) => (
        <div className="card" key={s.id} data-testid={`wb-script-${s.id}`}>
          <div className="wb-card-title">
            <strong>{s.title}</strong>
            <span className="muted">{tr('用过 {n} 次', { n: s.usageCount })}</span>
          </div>
          <p className="wb-script-body">{s.body}</p>
          {s.materialIds.length ? <div className="muted">{tr('附带素材 ×{n}', { n: s.materialIds.length })}</div> : null}
          <div className="wb-actions">
            <SendButton content={{ scriptId: s.id, materialIds: [] }} testId={`wb-script-send-${s.id}`} />
            <button type="button" className="wb-btn" onClick={() => void copy(s)} data-testid={`wb-script-copy-${s.id}`}>
              {inWecomSidebar() ? tr('发到聊天') : tr('复制')}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
};

const MaterialList = ({ q }: { q: string }) => {
  const { toast } = useWorkbench();
  const params = new URLSearchParams({ pageSize: '50' });
  if (q) params.set('q', q);
  const materials = useStaffApi<TPage<TMaterial>>(`/workbench/materials?${params}`);
  return (
    <div>
      {materials.loading && !materials.data ? <Loading /> : null}
      {materials.error ? <ErrorState error={materials.error} onRetry={materials.reload} /> : null}
      {materials.data && materials.data.items.length === 0 ? <Empty>{tr('没有找到素材')}</Empty> : null}
      {materials.data?.items.map((m) => (
        <div className="card wb-material" key={m.id} data-testid={`wb-material-${m.id}`}>
          {m.type === 'image' && m.fileUrl ? <img src={m.fileUrl} alt={m.title} className="wb-thumb" loading="lazy" /> : null}
          <div className="wb-material-main">
            <div>
              <span className="wb-badge">{MATERIAL_TYPES[m.type] ? tr(MATERIAL_TYPES[m.type] as TText) : m.type}</span>{' '}
              <strong>{m.title}</strong>
            </div>
            {m.description ? <div className="muted">{m.description}</div> : null}
            <div className="wb-actions">
              <SendButton content={{ materialIds: [m.id] }} testId={`wb-material-send-${m.id}`} />
              {m.linkUrl ? (
                <button
                  type="button"
                  className="wb-btn"
                  onClick={() => void copyText(m.linkUrl ?? '').then((ok) => toast(ok ? tr('链接已复制') : tr('复制失败')))}
                >
                  {tr('复制链接')}
                </button>
              ) : null}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
};

/** 话术/素材: search the script library and the materials; send to the current customer or copy. */
export const ContentTab = () => {
  const { current } = useWorkbench();
  const [kind, setKind] = useState<'scripts' | 'materials'>('scripts');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  return (
    <div>
      <div className="wb-segment">
        <button
          type="button"
          className={kind === 'scripts' ? 'wb-segment-on' : undefined}
          onClick={() => setKind('scripts')}
          data-testid="wb-content-scripts"
        >
          {tr('话术')}
        </button>
        <button
          type="button"
          className={kind === 'materials' ? 'wb-segment-on' : undefined}
          onClick={() => setKind('materials')}
          data-testid="wb-content-materials"
        >
          {tr('素材')}
        </button>
      </div>
      <input
        className="wb-search"
        type="search"
        placeholder={kind === 'scripts' ? tr('搜索话术标题、内容') : tr('搜索素材标题、描述、标签')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="wb-content-search"
      />
      {!current ? <p className="muted">{tr('发送前请先在「客户」里选择当前客户；也可以复制后在聊天里粘贴。')}</p> : null}
      {kind === 'scripts' ? <ScriptList q={query} /> : <MaterialList q={query} />}
    </div>
  );
};
