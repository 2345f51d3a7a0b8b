import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { type TText, tr } from './workbench-i18n.ts';

// The workbench is for logged-in staff: it calls the session API (`/api/…`, the `pond_session`
// cookie from `/api/auth/login`), not the customers' `/api/public/…`.

/** The guide being previewed (`?staffId=` on the page URL), for managers and HQ; null for guides. */
export const previewStaffId = (): string | null => new URLSearchParams(window.location.search).get('staffId');

// Guides read Chinese: the server's (English) message is replaced by one per error code; a
// validation message is kept after the lead-in, since it names the field to fix.
const ERROR_TEXT: Record<string, TText> = {
  UNAUTHENTICATED: '登录已过期，请重新登录。',
  INVALID_CREDENTIALS: '品牌代码、账号或密码不正确，请检查后重试。',
  FORBIDDEN: '你没有权限执行这个操作。',
  NOT_FOUND: '没有找到：可能已被删除，或不是你的客户/任务。请刷新后重试。',
  CONFLICT: '操作与当前状态冲突，请刷新后重试。',
  RATE_LIMITED: '操作太频繁，请稍等一分钟再试。',
  CHANNEL_ERROR: '企业微信接口暂时不可用，请稍后重试。',
  INTERNAL: '服务器出错了，请稍后重试；如果一直出现，请联系管理员。',
};

/** JSON request to the staff API; errors carry a message in the guide's words. */
export async function staffApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', tr('网络连接失败，请检查网络后重试。'));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: { error?: { code?: string; message?: string } } | null = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's error page: fall through to the generic message.
  }
  if (!res.ok) {
    const err = data?.error ?? {};
    const code = err.code ?? 'ERROR';
    const known = ERROR_TEXT[code];
    const text =
      code === 'VALIDATION'
        ? tr('输入有误：{detail}', { detail: err.message ?? '' })
        : known
          ? tr(known)
          : (err.message ?? tr('请求失败（{status}）', { status: res.status }));
    throw new ApiError(res.status, code, text);
  }
  return data as T;
}

/** `path` with the preview guide appended, for GETs of the workbench API. */
export const withPreview = (path: string): string => {
  const staffId = previewStaffId();
  if (!staffId) return path;
  return `${path}${path.includes('?') ? '&' : '?'}staffId=${encodeURIComponent(staffId)}`;
};

/** A fresh id for one tap: the server does a send (or tag change) once per id. */
export const newRequestId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID().replace(/-/g, '')
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/** Loads `path` from the staff API on mount and on `reload()`; null path waits. */
export function useStaffApi<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` re-runs the load on reload().
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    staffApi<T>(path)
      .then((d) => {
        if (live) {
          setData(d);
          setError(null);
        }
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
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

export const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;
export const percent = (rate: number) => `${Math.round(rate * 100)}%`;
export const shortTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
