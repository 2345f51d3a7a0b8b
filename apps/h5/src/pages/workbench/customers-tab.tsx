import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Empty, ErrorState, Loading } from '../../ui.tsx';
import { staffApi, withPreview, yuan } from './workbench-api.ts';
import { tr } from './workbench-i18n.ts';
import type { TCustomerItem, TPage } from './workbench-types.ts';

const PAGE_SIZE = 20;

/** 客户: the guide's customers, searched by name, remark, phone or its last 4 digits. */
export const CustomersTab = () => {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<TCustomerItem[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);

  // Search as the guide types, after a short pause.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(q.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` re-runs the load on retry.
  useEffect(() => {
    let live = true;
    setLoading(true);
    const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (query) params.set('q', query);
    staffApi<TPage<TCustomerItem>>(withPreview(`/workbench/customers?${params}`))
      .then((r) => {
        if (!live) return;
        setItems((prev) => (page === 1 ? r.items : [...prev, ...r.items]));
        setTotal(r.total);
        setError(null);
      })
      .catch((e: Error) => {
        if (live) setError(e);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [query, page, tick]);

  return (
    <div>
      <input
        className="wb-search"
        type="search"
        placeholder={tr('搜索姓名、备注、手机号或后4位')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="wb-customer-search"
      />
      {error ? <ErrorState error={error} onRetry={() => setTick((t) => t + 1)} /> : null}
      {!error && !loading && items.length === 0 ? <Empty>{query ? tr('没有找到匹配的客户') : tr('还没有客户')}</Empty> : null}
      {items.length > 0 ? (
        <div className="card wb-list">
          {items.map((c) => (
            <button
              type="button"
              key={c.id}
              className="wb-list-item"
              onClick={() => navigate(`/h5/workbench/customers/${c.id}${window.location.search}`)}
              data-testid={`wb-customer-${c.id}`}
            >
              <div>
                <div>
                  <strong>{c.name}</strong>
                  {c.remark ? <span className="muted"> · {c.remark}</span> : null}
                </div>
                <div className="wb-chips">
                  {c.tags.slice(0, 4).map((t) => (
                    <span key={t.id} className="wb-chip wb-chip-static">
                      {t.name}
                    </span>
                  ))}
                  {c.tags.length > 4 ? <span className="muted">+{c.tags.length - 4}</span> : null}
                </div>
              </div>
              <div className="wb-right muted">
                <div>{c.phone ?? ''}</div>
                <div>{tr('{n} 单 · {amount}', { n: c.orderCount, amount: yuan(c.totalSpentCents) })}</div>
              </div>
            </button>
          ))}
        </div>
      ) : null}
      {loading ? <Loading /> : null}
      {!loading && items.length < total ? (
        <button type="button" className="btn btn-secondary" onClick={() => setPage((p) => p + 1)} data-testid="wb-customers-more">
          {tr('加载更多（{shown}/{total}）', { shown: items.length, total })}
        </button>
      ) : null}
    </div>
  );
};
