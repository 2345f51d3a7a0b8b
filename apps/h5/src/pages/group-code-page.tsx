import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { qrImageSrc } from '../qr.ts';
import { Empty, ErrorState, Loading, Page } from '../ui.tsx';
import { useApi } from '../use-api.ts';

// 群活码 landing (`/j/:slug`): Pond routes the visitor to a group with room now, holds a place
// there for a few minutes and shows that group's QR to long-press.

type TLanding = {
  status: 'ok' | 'paused' | 'full';
  codeName: string;
  group: { name: string; memberCount: number; cap: number } | null;
  qrCode: string | null;
  seatExpiresAt: string | null;
};

const VISITOR_KEY = 'pond.h5.visitor';

/** A random id kept on this phone, so opening the page again gets the same place back. */
function visitorId(): string {
  try {
    const known = window.localStorage.getItem(VISITOR_KEY);
    if (known && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
  } catch {
    // Storage disabled: a new id per visit still works (the place is simply not reused).
  }
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    window.localStorage.setItem(VISITOR_KEY, id);
  } catch {
    // See above.
  }
  return id;
}

const qrSrc = (text: string) => qrImageSrc(text, 480);

const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** The customer's words for what went wrong (the server's messages are written for operators). */
function friendlyError(error: Error): Error {
  if (error instanceof ApiError) {
    if (error.status === 404) return new Error('这个群二维码不存在或已失效，请向店员索取新的二维码。');
    if (error.status === 429) return new Error('现在进群的人很多，请稍等几秒再试。');
    if (error.status >= 500) return new Error('群二维码暂时无法显示，请稍后再试。');
  }
  return new Error('网络不太稳定，请检查网络后重试。');
}

export const GroupCodePage = () => {
  const { slug = '' } = useParams();
  const { data, error, loading, reload } = useApi<TLanding>(
    `/group-codes/${encodeURIComponent(slug)}?v=${encodeURIComponent(visitorId())}`,
  );

  if (loading && !data) {
    return (
      <Page title="加入群聊">
        <Loading />
      </Page>
    );
  }
  if (error) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <Page title="加入群聊">
        <ErrorState error={friendlyError(error)} onRetry={notFound ? undefined : reload} />
      </Page>
    );
  }
  if (!data) return null;
  if (data.status === 'paused') {
    return (
      <Page title={data.codeName || '加入群聊'}>
        <Empty>
          <p>活动已暂停，暂时不能通过这个二维码进群。</p>
          <p className="muted">如需进群，请联系门店店员。</p>
        </Empty>
      </Page>
    );
  }
  if (data.status === 'full' || !data.group) {
    return (
      <Page title={data.codeName || '加入群聊'}>
        <Empty>
          <p>群成员已满，新群正在准备中。</p>
          <button type="button" className="btn" onClick={reload}>
            稍后再试
          </button>
        </Empty>
      </Page>
    );
  }

  const { group } = data;
  const percent = Math.min(100, Math.round((group.memberCount / Math.max(1, group.cap)) * 100));
  return (
    <Page title={data.codeName}>
      <section className="card" aria-label="群聊">
        <div className="row">
          <strong>{group.name}</strong>
          <span className="muted">
            {group.memberCount}/{group.cap} 人
          </span>
        </div>
        <div className="progress" aria-hidden="true">
          <div style={{ width: `${percent}%` }} />
        </div>
        {data.qrCode ? (
          <>
            <img className="qr" src={qrSrc(data.qrCode)} alt={`${group.name}的群二维码`} />
            <p style={{ textAlign: 'center', margin: 0 }}>长按识别二维码，加入群聊</p>
          </>
        ) : (
          <Empty>
            <p>群二维码准备中…</p>
            <button type="button" className="btn btn-secondary" onClick={reload}>
              刷新
            </button>
          </Empty>
        )}
      </section>
      {data.seatExpiresAt ? (
        <p className="muted" style={{ textAlign: 'center' }}>
          已为你保留一个名额，请在 {timeOf(data.seatExpiresAt)} 前扫码进群。
        </p>
      ) : null}
    </Page>
  );
};
