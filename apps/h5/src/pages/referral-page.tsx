import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, customerToken } from '../api.ts';
import { Empty, ErrorState, Loading, Page } from '../ui.tsx';
import { useApi } from '../use-api.ts';

type TState = 'pending' | 'settled' | 'paid' | 'reversed';
type TTotals = { pendingCents: number; settledCents: number; paidCents: number; reversedCents: number };
type TReferrerPage = {
  referrer: { kind: 'customer' | 'staff'; name: string };
  programme: { enabled: boolean; attributionDays: number };
  link: { slug: string; url: string; qrImageUrl: string };
  way: { qrCode: string; qrImageUrl: string } | null;
  viewer: { isReferrer: boolean; boundToThis: boolean; canBind: boolean; bindBlockedReason: string | null } | null;
  mine: {
    totals: TTotals;
    referrals: { id: number; name: string; boundAt: string; source: string; commissionCents: number }[];
    entries: {
      id: number;
      level: number;
      kind: 'commission' | 'clawback';
      amountCents: number;
      state: TState;
      customerName: string;
      occurredAt: string;
    }[];
  } | null;
};

const STATE: Record<TState, string> = { pending: '待结算', settled: '已结算', paid: '已到账', reversed: '已退款冲销' };
const SOURCE: Record<string, string> = { contact_way: '扫码添加', link: '链接绑定' };
// Why binding is not possible, in the customer's words.
const BLOCKED: Record<string, string> = {
  already_bound: '你已经有推荐人了，每位顾客只能绑定一位推荐人。',
  self: '这是你自己的推荐页，分享给好友吧～',
  cycle: '你是 TA 的推荐人，不能再绑定 TA 为你的推荐人。',
  programme_off: '品牌暂未开放推荐活动。',
  referrer_disabled: '该推荐链接已失效。',
  customer_not_found: '请先添加品牌的顾问为好友，再回来绑定。',
};

const yuan = (cents: number) => `${cents < 0 ? '-' : ''}¥${(Math.abs(cents) / 100).toFixed(2)}`;
const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN');

/** The message for a failed load, by what went wrong. */
function loadError(error: Error): Error {
  if (error instanceof ApiError && error.status === 404) return new Error('这个推荐链接不存在或已失效，请向好友索取新的链接。');
  if (error instanceof ApiError && error.status === 401) return new Error('链接已过期，请从微信聊天中重新打开。');
  return error;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Some in-app browsers refuse the clipboard API: fall back to a selected text field.
    const el = document.createElement('textarea');
    el.value = text;
    document.body.append(el);
    el.select();
    const ok = document.execCommand('copy');
    el.remove();
    return ok;
  }
}

const Totals = ({ totals }: { totals: TTotals }) => (
  <div className="card">
    <div className="row">
      <span>待结算</span>
      <strong>{yuan(totals.pendingCents)}</strong>
    </div>
    <div className="row">
      <span>已结算（待发放）</span>
      <strong>{yuan(totals.settledCents)}</strong>
    </div>
    <div className="row">
      <span>已到账</span>
      <strong>{yuan(totals.paidCents)}</strong>
    </div>
    {totals.reversedCents ? (
      <div className="row muted">
        <span>退款冲销</span>
        <span>{yuan(totals.reversedCents)}</span>
      </div>
    ) : null}
    <p className="muted" style={{ margin: '8px 0 0' }}>
      好友下单后佣金先“待结算”，过了退款期自动结算，品牌发放后“已到账”。
    </p>
  </div>
);

/** 推荐页 `/r/:slug`: the referrer's link and QR; for a visitor, the way to add and bind; for the referrer, their referrals and commissions. */
export const ReferralPage = () => {
  const { slug = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useApi<TReferrerPage>(`/referral/${encodeURIComponent(slug)}`);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const hasToken = Boolean(customerToken());

  const bind = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const r = await api<{ status: string; referrerName: string }>(`/referral/${encodeURIComponent(slug)}/bind`, {
        method: 'POST',
      });
      setNotice(r.status === 'bound' ? '绑定成功！之后你的消费将为推荐人带来奖励。' : '你已绑定该推荐人。');
      reload();
    } catch (e) {
      // The page reloads to show why (in the viewer's state) rather than the server's wording.
      if (e instanceof ApiError && e.status === 409) {
        setActionError('绑定未成功，请查看下方说明。');
        reload();
      } else if (e instanceof ApiError && e.status === 401) setActionError('链接已过期，请从微信聊天中重新打开。');
      else if (e instanceof ApiError && e.status === 404) setActionError('这个推荐链接已失效，请向好友索取新的链接。');
      else setActionError('绑定失败，请检查网络后重试。');
    } finally {
      setBusy(false);
    }
  };

  const becomeReferrer = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const mine = await api<TReferrerPage>('/me/referral');
      navigate(`/r/${mine.link.slug}`);
    } catch (e) {
      setActionError(
        e instanceof ApiError && e.status === 409
          ? '品牌暂未开放推荐活动，或你的推荐资格已停用，请联系门店顾问。'
          : '暂时无法生成你的推荐链接，请稍后重试。',
      );
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!data) return;
    setNotice((await copyText(data.link.url)) ? '链接已复制，发给好友吧～' : '复制失败，请长按链接手动复制。');
  };

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="推荐有礼">
        <ErrorState error={loadError(error)} onRetry={error instanceof ApiError && error.status < 500 ? undefined : reload} />
      </Page>
    );
  }
  if (!data) return null;

  const mine = data.mine;
  const viewer = data.viewer;
  return (
    <Page title={mine ? '我的推荐' : `${data.referrer.name} 邀请你`}>
      {!data.programme.enabled ? <div className="card muted">品牌暂未开放推荐活动，敬请期待。</div> : null}
      {notice ? (
        <div className="card" role="status">
          {notice}
        </div>
      ) : null}
      {actionError ? (
        <div className="card state-error" role="alert">
          {actionError}
        </div>
      ) : null}

      {mine ? (
        <>
          <div className="card" style={{ textAlign: 'center' }}>
            <div>把下面的二维码或链接分享给好友，好友添加顾问后即成为你推荐的客户。</div>
            <img className="qr" src={data.link.qrImageUrl} alt="我的推荐链接二维码" />
            <div className="muted" style={{ wordBreak: 'break-all' }} data-testid="referral-link">
              {data.link.url}
            </div>
            <button type="button" className="btn" onClick={() => void copy()} data-testid="referral-copy">
              复制链接
            </button>
          </div>
          <Totals totals={mine.totals} />
          <div className="card">
            <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>我推荐的好友（{mine.referrals.length}）</h2>
            {mine.referrals.length === 0 ? (
              <Empty>还没有好友通过你加入，快去分享吧～</Empty>
            ) : (
              mine.referrals.map((r) => (
                <div className="row" key={r.id} data-testid="referral-friend">
                  <div>
                    <div>{r.name}</div>
                    <div className="muted">
                      {day(r.boundAt)} · {SOURCE[r.source] ?? r.source}
                    </div>
                  </div>
                  <div>{yuan(r.commissionCents)}</div>
                </div>
              ))
            )}
          </div>
          <div className="card">
            <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>佣金明细</h2>
            {mine.entries.length === 0 ? (
              <Empty>好友下单后，佣金会出现在这里。</Empty>
            ) : (
              mine.entries.map((e) => (
                <div className="row" key={e.id} data-testid="referral-entry">
                  <div>
                    <div>
                      {e.customerName} · {e.kind === 'clawback' ? '退款扣回' : e.level === 2 ? '二级佣金' : '佣金'}
                    </div>
                    <div className="muted">{day(e.occurredAt)}</div>
                  </div>
                  <div style={{ textAlign: 'right' }}>
                    <div style={e.state === 'reversed' ? { textDecoration: 'line-through' } : undefined}>
                      {yuan(e.amountCents)}
                    </div>
                    <div className="muted">{STATE[e.state]}</div>
                  </div>
                </div>
              ))
            )}
          </div>
        </>
      ) : (
        <>
          <div className="card" style={{ textAlign: 'center' }}>
            {data.way ? (
              <>
                <div>长按识别二维码，添加专属顾问</div>
                <img className="qr" src={data.way.qrImageUrl} alt="添加顾问的二维码" data-testid="referral-way-qr" />
                <div className="muted">新朋友添加后自动成为 {data.referrer.name} 推荐的好友</div>
              </>
            ) : (
              <div className="muted">二维码暂不可用，请稍后再来。</div>
            )}
          </div>
          {viewer ? (
            <div className="card">
              {viewer.boundToThis ? (
                <div>你已绑定 {data.referrer.name} 为推荐人。</div>
              ) : viewer.canBind ? (
                <>
                  <div>已经是我们的顾客？确认 {data.referrer.name} 是你的推荐人：</div>
                  <button type="button" className="btn" disabled={busy} onClick={() => void bind()} data-testid="referral-bind">
                    绑定
                  </button>
                </>
              ) : (
                <div className="muted">{BLOCKED[viewer.bindBlockedReason ?? ''] ?? '暂时无法绑定。'}</div>
              )}
              {data.programme.enabled ? (
                <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void becomeReferrer()}>
                  我也要推荐好友
                </button>
              ) : null}
            </div>
          ) : hasToken ? null : (
            <p className="muted" style={{ textAlign: 'center' }}>
              已是顾客？请从微信聊天中打开此链接以绑定推荐人。
            </p>
          )}
        </>
      )}
    </Page>
  );
};
