import { Empty, ErrorState, Loading, Page } from '../ui.tsx';
import { useApi } from '../use-api.ts';

type TReward = {
  id: number;
  kind: 'points' | 'coupon' | 'gift';
  amount: number;
  name: string;
  source: string;
  status: 'granted' | 'flagged' | 'revoked' | 'fulfilled';
  createdAt: string;
};

const KIND = { points: '积分', coupon: '优惠券', gift: '礼品' } as const;
const STATUS = { granted: '已到账', flagged: '审核中', revoked: '已撤销', fulfilled: '已兑现' } as const;
const SOURCE: Record<string, string> = {
  fission: '邀请好友',
  checkin: '打卡',
  referral: '推荐',
  automation: '活动',
  manual: '门店赠送',
};

const amountText = (r: TReward) =>
  r.kind === 'coupon' ? `¥${(r.amount / 100).toFixed(2)}` : r.kind === 'points' ? `${r.amount} 积分` : '';

/** 我的奖励: what the customer won in campaigns, with each reward's status. */
export const RewardsPage = () => {
  const { data, error, loading, reload } = useApi<{ items: TReward[] }>('/me/rewards');
  return (
    <Page title="我的奖励">
      {loading && !data ? <Loading /> : null}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && data.items.length === 0 ? <Empty>还没有奖励，参加活动赢取吧～</Empty> : null}
      {data && data.items.length > 0 ? (
        <div className="card">
          {data.items.map((r) => (
            <div className="row" key={r.id} data-testid="reward-row">
              <div>
                <div>
                  {KIND[r.kind]} · {r.name}
                </div>
                <div className="muted">
                  {SOURCE[r.source] ?? r.source} · {new Date(r.createdAt).toLocaleDateString('zh-CN')}
                </div>
              </div>
              <div style={{ textAlign: 'right' }}>
                <div>{amountText(r)}</div>
                <div className="muted">{STATUS[r.status]}</div>
              </div>
            </div>
          ))}
        </div>
      ) : null}
    </Page>
  );
};
