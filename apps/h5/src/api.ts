// The H5 pages talk to `/api/public/…`. A customer is known by the signed token their chat link
// carried (`?t=`): kept for the tab, sent as `x-pond-customer`.

const TOKEN_KEY = 'pond.h5.token';

/** Reads `?t=` once and remembers it for this tab, so in-app navigation keeps the customer. */
export function customerToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('t');
  try {
    if (fromUrl) window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl ?? window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** JSON request to the public API; errors carry the server's message (already in plain words). */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = customerToken();
  if (token) headers['x-pond-customer'] = token;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/public${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = data?.error ?? {};
    throw new ApiError(res.status, err.code ?? 'ERROR', err.message ?? `请求失败（${res.status}）`);
  }
  return data as T;
}
