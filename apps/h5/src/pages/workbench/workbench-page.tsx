import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { ApiError } from '../../api.ts';
import { ErrorState, Loading } from '../../ui.tsx';
import { ContentTab } from './content-tab.tsx';
import { CustomerView } from './customer-view.tsx';
import { CustomersTab } from './customers-tab.tsx';
import { StatsTab } from './stats-tab.tsx';
import { TasksTab } from './tasks-tab.tsx';
import { getCurExternalContact, inWecomSidebar, prepareWecomSidebar, type TSidebarSignatures } from './wecom-bridge.ts';
import { previewStaffId, staffApi, withPreview } from './workbench-api.ts';
import { WorkbenchContext } from './workbench-context.ts';
import { getLang, setLang, type TText, tr } from './workbench-i18n.ts';
import type { TCurrentCustomer, TMe } from './workbench-types.ts';
import './workbench.css';

// The guide workbench (导购工作台, /h5/workbench): a mobile page for the WeCom sidebar and plain
// browsers. A guide logs in with their console account; tabs: 今日任务, 客户, 话术/素材, 我的数据.

const TENANT_KEY = 'pond.workbench.tenant';

const LoginScreen = ({ onDone }: { onDone: () => void }) => {
  const [lang, setLangState] = useState(getLang);
  const [tenant, setTenant] = useState(() => {
    try {
      return window.localStorage.getItem(TENANT_KEY) ?? '';
    } catch {
      return '';
    }
  });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!tenant.trim() || !username.trim() || !password) {
      setError(tr('请填写品牌代码、账号和密码。'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await staffApi('/auth/login', { body: { tenant: tenant.trim(), username: username.trim(), password } });
      try {
        window.localStorage.setItem(TENANT_KEY, tenant.trim());
      } catch {
        // Private mode: the brand code is simply not remembered.
      }
      onDone();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? tr('账号或密码不正确，请重试。') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="page wb-login">
      <div className="wb-card-title">
        <h1 className="page-title">{tr('导购工作台')}</h1>
        <button
          type="button"
          className="wb-link"
          onClick={() => {
            setLang(lang === 'en' ? 'zh-CN' : 'en');
            setLangState(getLang());
          }}
        >
          {lang === 'en' ? '中文' : 'EN'}
        </button>
      </div>
      <p className="muted">{tr('用你的员工账号登录，查看今日任务、客户和话术。')}</p>
      <form className="card" onSubmit={submit} noValidate>
        <label className="wb-field">
          <span>{tr('品牌代码')}</span>
          <input data-testid="wb-login-tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} autoCapitalize="off" />
        </label>
        <label className="wb-field">
          <span>{tr('账号')}</span>
          <input
            data-testid="wb-login-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoCapitalize="off"
            autoComplete="username"
          />
        </label>
        <label className="wb-field">
          <span>{tr('密码')}</span>
          <input
            data-testid="wb-login-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
        </label>
        {error ? (
          <p className="wb-error" role="alert" data-testid="wb-login-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn" disabled={busy} data-testid="wb-login-submit">
          {busy ? tr('登录中…') : tr('登录')}
        </button>
      </form>
    </main>
  );
};

const TABS: { to: string; label: TText; id: string }[] = [
  { to: '', label: '今日任务', id: 'today' },
  { to: 'customers', label: '客户', id: 'customers' },
  { to: 'content', label: '话术素材', id: 'content' },
  { to: 'me', label: '我的数据', id: 'me' },
];

export const WorkbenchPage = () => {
  const [me, setMe] = useState<TMe | null>(null);
  const [state, setState] = useState<'loading' | 'login' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<Error | null>(null);
  const [current, setCurrent] = useState<TCurrentCustomer | null>(null);
  const [toastText, setToastText] = useState<string | null>(null);
  // The texts read the module's language; this state re-renders the page when it changes.
  const [lang, setLangState] = useState(getLang);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadMe = useCallback(() => {
    setState('loading');
    staffApi<TMe>('/me')
      .then((m) => {
        setMe(m);
        setState('ready');
      })
      .catch((err: Error) => {
        if (err instanceof ApiError && err.status === 401) setState('login');
        else {
          setError(err);
          setState('error');
        }
      });
  }, []);
  useEffect(loadMe, [loadMe]);

  // Inside WeCom: the customer of the chat the sidebar is open in becomes the current customer.
  // The JS-SDK is registered first (wx.config + wx.agentConfig with Pond's signatures); a page that
  // already has a working `wx` (a host that injected it) is used as it is.
  useEffect(() => {
    if (state !== 'ready') return;
    let live = true;
    const sign = (url: string) => staffApi<TSidebarSignatures>(`/wecom/sidebar-signature?url=${encodeURIComponent(url)}`);
    void prepareWecomSidebar(sign)
      .then((prepared) => (prepared || inWecomSidebar() ? getCurExternalContact() : null))
      .then(async (externalUserId) => {
        if (!externalUserId || !live) return;
        try {
          const c = await staffApi<{ customerId: number; name: string }>(
            withPreview(`/workbench/context?externalUserId=${encodeURIComponent(externalUserId)}`),
          );
          if (live) setCurrent({ id: c.customerId, name: c.name, source: 'wecom' });
        } catch {
          // Not one of this guide's customers: they pick one by hand.
        }
      });
    return () => {
      live = false;
    };
  }, [state]);

  const toast = useCallback((text: string) => {
    setToastText(text);
    if (toastTimer.current) clearTimeout(toastTimer.current);
    toastTimer.current = setTimeout(() => setToastText(null), 2500);
  }, []);

  const role = me?.account.role;
  const readOnly = role !== undefined && role !== 'guide';
  // A manager previewing is not the guide: their name is not filled in.
  const staffName = readOnly ? '' : (me?.account.displayName ?? '');
  const ctx = useMemo(() => ({ current, setCurrent, readOnly, toast, staffName }), [current, readOnly, toast, staffName]);

  if (state === 'loading') return <Loading />;
  if (state === 'login') return <LoginScreen onDone={loadMe} />;
  if (state === 'error' || !me) return <ErrorState error={error ?? new Error(tr('加载失败'))} onRetry={loadMe} />;
  if (readOnly && !previewStaffId()) {
    return (
      <main className="page">
        <h1 className="page-title">{tr('导购工作台')}</h1>
        <div className="state" data-testid="wb-not-guide">
          {tr('工作台是导购用的。店长和总部可以在链接后加上 ?staffId=导购编号 预览某位导购的工作台。')}
        </div>
      </main>
    );
  }

  const logout = async () => {
    try {
      await staffApi('/auth/logout', { method: 'POST' });
    } finally {
      setMe(null);
      setCurrent(null);
      setState('login');
    }
  };

  return (
    <WorkbenchContext.Provider value={ctx}>
      <div className="wb">
        <header className="wb-header">
          <div>
            <strong data-testid="wb-account-name">{me.account.displayName}</strong>
            <span className="muted"> · {me.tenant.name}</span>
            {readOnly ? <span className="wb-badge">{tr('预览')}</span> : null}
          </div>
          <span>
            <button
              type="button"
              className="wb-link"
              onClick={() => {
                setLang(lang === 'en' ? 'zh-CN' : 'en');
                setLangState(getLang());
              }}
              data-testid="wb-lang"
            >
              {lang === 'en' ? '中文' : 'EN'}
            </button>
            <button type="button" className="wb-link" onClick={() => void logout()} data-testid="wb-logout">
              {tr('退出')}
            </button>
          </span>
        </header>
        <div className="wb-current" data-testid="wb-current-customer">
          {current ? (
            <>
              {tr('当前客户：')}
              <strong>{current.name}</strong>
              <span className="muted">{current.source === 'wecom' ? tr('（当前聊天）') : tr('（手动选择）')}</span>
              <button type="button" className="wb-link" onClick={() => setCurrent(null)}>
                {tr('清除')}
              </button>
            </>
          ) : (
            <span className="muted">
              {inWecomSidebar() ? tr('未识别到当前聊天客户，可在「客户」里选择。') : tr('浏览器模式：在「客户」里选择当前客户。')}
            </span>
          )}
        </div>
        <main className="wb-body">
          <Routes>
            <Route index element={<TasksTab />} />
            <Route path="customers" element={<CustomersTab />} />
            <Route path="customers/:id" element={<CustomerView />} />
            <Route path="content" element={<ContentTab />} />
            <Route path="me" element={<StatsTab />} />
            <Route path="*" element={<TasksTab />} />
          </Routes>
        </main>
        <nav className="wb-tabs">
          {TABS.map((t) => (
            <NavLink
              key={t.id}
              to={`/h5/workbench${t.to ? `/${t.to}` : ''}${window.location.search}`}
              end={t.to === ''}
              className={({ isActive }) => (isActive ? 'wb-tab wb-tab-active' : 'wb-tab')}
              data-testid={`wb-tab-${t.id}`}
            >
              {tr(t.label)}
            </NavLink>
          ))}
        </nav>
        {toastText ? (
          <div className="wb-toast" role="status" data-testid="wb-toast">
            {toastText}
          </div>
        ) : null}
      </div>
    </WorkbenchContext.Provider>
  );
};
