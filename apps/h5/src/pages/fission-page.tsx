import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, customerToken } from '../api.ts';
import { Empty, ErrorState, Loading, Page } from '../ui.tsx';
import { useApi } from '../use-api.ts';

// The fission campaign page (任务宝, /f/:slug): the campaign's intro and rules, the inviter's
// poster when a friend opens someone's personal link, and — for a participant — their own poster
// (long-press to save), progress to the next tier, rewards and the friends who counted.

type TReward = { kind: 'points' | 'coupon' | 'gift'; amount: number; name: string };
type TInviteStatus = 'counted' | 'revoked' | 'not_new' | 'duplicate' | 'self' | 'outside_window';
type TProgress = {
  participantId: number;
  invitedCount: number;
  url: string;
  posterUrl: string;
  tiersReached: number[];
  next: { tier: number; missing: number } | null;
  friends: { name: string; addedAt: string; status: TInviteStatus }[];
  rewards: { tier: number; name: string; status: 'granted' | 'flagged' | 'revoked' | 'fulfilled' }[];
};
type TFission = {
  campaign: {
    name: string;
    description: string;
    rules: string;
    startsAt: string;
    endsAt: string;
    phase: 'draft' | 'upcoming' | 'running' | 'ended';
    goal: number;
    tiers: { tier: number; invites: number; reward: TReward }[];
    deleteWindowHours: number;
    url: string;
  };
  inviter: { name: string; posterUrl: string } | null;
  me: TProgress | null;
  leaderboard: { rank: number; name: string; invitedCount: number }[];
};

const FRIEND_STATUS: Record<TInviteStatus, string> = {
  counted: '助力成功',
  revoked: '已删除，不计入',
  not_new: '老朋友，不计入',
  duplicate: '已为他人助力',
  self: '不计入',
  outside_window: '不在活动时间内',
};
const REWARD_STATUS: Record<TProgress['rewards'][number]['status'], string> = {
  granted: '已发放',
  fulfilled: '已领取',
  flagged: '审核中',
  revoked: '已撤销',
};

const pad = (n: number) => String(n).padStart(2, '0');
// Shown in the customer's own time zone (the phone's), which for Pond's customers is China time.
const formatTime = (iso: string) => {
  const d = new Date(iso);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

// The operator names each reward as customers should read it ("满50减10券", "500 积分").
const rewardText = (r: TReward) => r.name;

/** Plain words for what went wrong (the server's messages are for operators). */
function errorMessage(error: Error): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return '活动不存在或链接已失效，请向导购索取新的活动链接。';
    if (error.status === 401) return '请从微信聊天中的活动链接重新打开本页面。';
    if (error.code === 'CONFLICT' && /not started/i.test(error.message)) return '活动还没开始，请稍后再来。';
    if (error.code === 'CONFLICT' && /ended/i.test(error.message)) return '活动已结束，敬请期待下一期。';
    if (error.status === 409) return '暂时无法参与，请稍后再试或联系导购。';
  }
  return '网络开小差了，请稍后重试。';
}

const Tiers = ({ data }: { data: TFission }) => {
  const reached = new Set(data.me?.tiersReached ?? []);
  return (
    <section className="card">
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>活动奖励</h2>
      {data.campaign.tiers.map((t) => (
        <div className="row" key={t.tier}>
          <span>
            邀请 {t.invites} 位好友{t.invites === data.campaign.goal ? '（完成任务）' : ''}
          </span>
          <span style={{ color: reached.has(t.tier) ? 'var(--brand)' : undefined }}>
            {reached.has(t.tier) ? '✓ ' : ''}
            {rewardText(t.reward)}
          </span>
        </div>
      ))}
    </section>
  );
};

const Progress = ({ data, me }: { data: TFission; me: TProgress }) => {
  const tiers = data.campaign.tiers;
  const next = me.next ? tiers[me.next.tier - 1] : null;
  const target = next?.invites ?? tiers.at(-1)?.invites ?? data.campaign.goal;
  const percent = Math.min(100, Math.round((me.invitedCount / Math.max(1, target)) * 100));
  return (
    <section className="card" data-testid="fission-progress">
      <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>我的助力进度</h2>
      <p style={{ margin: '0 0 8px' }}>
        已邀请 <strong style={{ fontSize: 22, color: 'var(--brand)' }}>{me.invitedCount}</strong> 位好友
      </p>
      <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
        <div style={{ width: `${percent}%` }} />
      </div>
      <p className="muted" style={{ marginTop: 8 }}>
        {me.next && next ? `再邀请 ${me.next.missing} 位好友即可获得「${next.reward.name}」` : '太棒了！你已达成全部奖励档位'}
      </p>
      {me.rewards.length > 0 ? (
        <div style={{ marginTop: 8 }}>
          {me.rewards.map((r) => (
            <div className="row" key={r.tier}>
              <span>🎁 {r.name}</span>
              <span className="muted">{REWARD_STATUS[r.status]}</span>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
};

const Friends = ({ me, deleteWindowHours }: { me: TProgress; deleteWindowHours: number }) => (
  <section className="card">
    <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>为我助力的好友</h2>
    {me.friends.length === 0 ? (
      <p className="muted">还没有好友助力，快把海报分享给好友吧～</p>
    ) : (
      me.friends.map((f) => (
        <div className="row" key={`${f.addedAt}-${f.name}-${f.status}`}>
          <span>{f.name}</span>
          <span className="muted" style={{ color: f.status === 'counted' ? 'var(--brand)' : undefined }}>
            {FRIEND_STATUS[f.status]} · {formatTime(f.addedAt)}
          </span>
        </div>
      ))
    )}
    {deleteWindowHours > 0 ? (
      <p className="muted" style={{ marginTop: 8 }}>
        好友需为首次添加的新朋友；添加后 {deleteWindowHours} 小时内删除的不计入。
      </p>
    ) : null}
  </section>
);

export const FissionPage = () => {
  const { slug = '' } = useParams();
  const { data, error, loading, reload } = useApi<TFission>(`/fission/${encodeURIComponent(slug)}`);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const hasToken = customerToken() !== null;

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="邀请好友领奖励">
        <ErrorState
          error={new Error(errorMessage(error))}
          onRetry={error instanceof ApiError && error.status < 500 ? undefined : reload}
        />
      </Page>
    );
  }
  if (!data) return <Empty>活动不存在</Empty>;
  const { campaign, inviter, me } = data;

  const join = async () => {
    setJoining(true);
    setJoinError(null);
    try {
      await api(`/fission/${encodeURIComponent(slug)}/join`, { method: 'POST' });
      reload();
    } catch (e) {
      setJoinError(errorMessage(e as Error));
    } finally {
      setJoining(false);
    }
  };

  return (
    <Page title={campaign.name}>
      {campaign.phase === 'ended' ? (
        <div className="card state-error" role="status" style={{ textAlign: 'center' }}>
          活动已结束，感谢参与！
        </div>
      ) : null}
      {campaign.phase === 'upcoming' ? (
        <div className="card" role="status" style={{ textAlign: 'center' }}>
          活动将于 {formatTime(campaign.startsAt)} 开始
        </div>
      ) : null}

      {campaign.description ? (
        <section className="card">
          <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{campaign.description}</p>
          <p className="muted" style={{ margin: '8px 0 0' }}>
            活动时间：{formatTime(campaign.startsAt)} — {formatTime(campaign.endsAt)}
          </p>
        </section>
      ) : null}

      {inviter && !me ? (
        <section className="card" style={{ textAlign: 'center' }}>
          <p style={{ margin: '0 0 8px' }}>你的好友 {inviter.name} 邀请你为 TA 助力</p>
          <img src={inviter.posterUrl} alt={`${inviter.name} 的邀请海报`} style={{ width: '100%', borderRadius: 8 }} />
          <p className="muted">长按识别图中二维码，添加后即为 TA 助力成功</p>
        </section>
      ) : null}

      {me ? (
        <>
          <Progress data={data} me={me} />
          <section className="card" style={{ textAlign: 'center' }}>
            <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>我的专属海报</h2>
            <img
              src={me.posterUrl}
              alt="我的专属邀请海报"
              style={{ width: '100%', borderRadius: 8 }}
              data-testid="fission-poster"
            />
            <p className="muted">长按图片保存或发送给好友，好友扫码添加即为你助力</p>
          </section>
          <Friends me={me} deleteWindowHours={campaign.deleteWindowHours} />
        </>
      ) : campaign.phase === 'running' ? (
        <section className="card">
          {hasToken ? (
            <button type="button" className="btn" onClick={() => void join()} disabled={joining} data-testid="fission-join">
              {joining ? '正在生成专属海报…' : '参与活动'}
            </button>
          ) : (
            <p className="muted" style={{ textAlign: 'center', margin: 0 }}>
              想参与活动？请从导购发给你的微信消息中打开活动链接。
            </p>
          )}
          {joinError ? (
            <p className="state-error" role="alert" style={{ marginBottom: 0 }}>
              {joinError}
            </p>
          ) : null}
        </section>
      ) : null}

      <Tiers data={data} />

      {data.leaderboard.length > 0 ? (
        <section className="card">
          <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>邀请排行榜</h2>
          {data.leaderboard.map((r) => (
            <div className="row" key={r.rank}>
              <span>
                {r.rank}. {r.name}
              </span>
              <span>{r.invitedCount} 人</span>
            </div>
          ))}
        </section>
      ) : null}

      {campaign.rules ? (
        <section className="card">
          <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>活动规则</h2>
          <p style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 14 }}>{campaign.rules}</p>
        </section>
      ) : null}
    </Page>
  );
};
