import { type CSSProperties, type ReactElement, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, customerToken } from '../api.ts';
import { ErrorState, Loading, Page } from '../ui.tsx';
import { useApi } from '../use-api.ts';

// The check-in page (打卡, /c/:slug): the campaign's intro, a big 打卡 button, the calendar of its
// N days (checked / make-up / missed / today / future), the customer's streak and total, the
// milestones with their rewards, and the make-up card when the campaign allows one.

type TReward = { kind: 'points' | 'coupon' | 'gift'; amount: number; name: string };
type TMilestone = { kind: 'streak' | 'total'; days: number; reward: TReward };
type TDayState = 'checked' | 'makeup' | 'missed' | 'pending' | 'future';
type TView = {
  campaign: {
    name: string;
    description: string;
    days: number;
    startDate: string;
    endDate: string;
    phase: 'draft' | 'upcoming' | 'running' | 'ended';
    keywords: string[];
    hasGroups: boolean;
    openToAll: boolean;
    missedDayRule: 'reset' | 'makeup';
    milestones: TMilestone[];
    today: string;
    todayNumber: number | null;
  };
  me: {
    name: string;
    joined: boolean;
    eligible: boolean;
    checkedInToday: boolean;
    currentStreak: number;
    longestStreak: number;
    totalDays: number;
    makeupCardsLeft: number;
    makeupDays: string[];
    calendar: { day: string; number: number; state: TDayState }[];
    milestonesReached: number[];
  } | null;
};
type TResult = {
  outcome: 'checked_in' | 'already' | 'made_up' | 'joined';
  day: string;
  number: number;
  currentStreak: number;
  totalDays: number;
  newMilestones: { index: number; kind: 'streak' | 'total'; days: number; rewardName: string }[];
};

// The server refuses with a reason; customers read these words.
const REFUSALS: Record<string, string> = {
  NOT_ACTIVE: '活动还没有发布，请稍后再来。',
  NOT_STARTED: '活动还没开始，开始当天再来打卡吧。',
  ENDED: '活动已结束，感谢参与！',
  NOT_ELIGIBLE: '这个活动仅限活动群成员参加，请先加入活动群。',
  NOT_JOINED: '你还没有参加活动，先打一次卡吧。',
  RULE_RESET: '本活动断签即清零，没有补签卡。',
  OUT_OF_RANGE: '这一天不在活动日期内。',
  NOT_PAST: '补签卡只能补之前漏掉的日子，今天请直接打卡。',
  ALREADY_FILLED: '这一天已经打过卡了。',
  NO_CARD: '你的补签卡已经用过了。',
};

class ActionError extends Error {}

/** POSTs an action and turns a refusal into the customer's words (the server's `details.reason`). */
async function act(path: string, body?: unknown): Promise<TResult> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = customerToken();
  if (token) headers['x-pond-customer'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/public/checkins${path}`, {
      method: 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ActionError('网络开小差了，请稍后重试。');
  }
  const data = await res.json().catch(() => null);
  if (res.ok) return data as TResult;
  const reason = data?.error?.details?.reason as string | undefined;
  if (reason && REFUSALS[reason]) throw new ActionError(REFUSALS[reason]);
  if (res.status === 401) throw new ActionError('请从微信聊天中的活动链接重新打开本页面。');
  if (res.status === 404) throw new ActionError('活动不存在或链接已失效。');
  throw new ActionError('暂时无法打卡，请稍后重试。');
}

function loadError(error: Error): Error {
  if (error instanceof ApiError && error.status === 404) return new Error('活动不存在或链接已失效，请向导购索取新的活动链接。');
  if (error instanceof ApiError && error.status === 401) return new Error('请从微信聊天中的活动链接重新打开本页面。');
  return new Error('网络开小差了，请稍后重试。');
}

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const milestoneText = (m: TMilestone) => (m.kind === 'streak' ? `连续打卡 ${m.days} 天` : `累计打卡 ${m.days} 天`);

const CELL: Record<TDayState, CSSProperties> = {
  checked: { background: 'var(--brand)', color: '#fff' },
  makeup: { background: '#fa8c16', color: '#fff' },
  missed: { background: '#f0f0f0', color: '#bfbfbf' },
  pending: { background: '#fff', color: 'var(--brand)', boxShadow: 'inset 0 0 0 2px var(--brand)' },
  future: { background: '#fafafa', color: '#8a8f99' },
};
const MARK: Record<TDayState, string> = { checked: '✓', makeup: '补', missed: '✕', pending: '今', future: '' };

const styles = {
  hero: { textAlign: 'center', padding: '20px 16px' } as CSSProperties,
  bigButton: {
    width: 148,
    height: 148,
    borderRadius: '50%',
    border: 0,
    background: 'var(--brand)',
    color: '#fff',
    fontSize: 30,
    fontWeight: 600,
    boxShadow: '0 8px 24px rgba(7, 193, 96, 0.35)',
    margin: '8px auto 12px',
    display: 'block',
  } as CSSProperties,
  doneButton: { background: '#e8f8ef', color: 'var(--brand)', boxShadow: 'none', fontSize: 22 } as CSSProperties,
  numbers: { display: 'flex', justifyContent: 'space-around', textAlign: 'center' } as CSSProperties,
  number: { fontSize: 26, fontWeight: 600 } as CSSProperties,
  grid: { display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 6 } as CSSProperties,
  cell: {
    borderRadius: 8,
    padding: '6px 0',
    textAlign: 'center',
    fontSize: 12,
    lineHeight: 1.3,
    border: 0,
    width: '100%',
  } as CSSProperties,
  legend: { display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 10, fontSize: 12, color: 'var(--muted)' } as CSSProperties,
  dot: { display: 'inline-block', width: 10, height: 10, borderRadius: 3, marginRight: 4, verticalAlign: -1 } as CSSProperties,
  notice: { background: '#fffbe6', borderRadius: 8, padding: '10px 12px', fontSize: 14, marginTop: 8 } as CSSProperties,
  success: { background: '#f6ffed', borderRadius: 8, padding: '10px 12px', fontSize: 14, marginTop: 8 } as CSSProperties,
  badge: { display: 'inline-block', fontSize: 12, padding: '2px 8px', borderRadius: 10, marginLeft: 8 } as CSSProperties,
  poster: { display: 'block', width: '100%', borderRadius: 8, marginTop: 12 } as CSSProperties,
};

const PHASE: Record<TView['campaign']['phase'], { text: string; color: string; bg: string }> = {
  draft: { text: '未发布', color: '#8a8f99', bg: '#f0f0f0' },
  upcoming: { text: '未开始', color: '#1677ff', bg: '#e6f4ff' },
  running: { text: '进行中', color: '#07c160', bg: '#e8f8ef' },
  ended: { text: '已结束', color: '#8a8f99', bg: '#f0f0f0' },
};

export const CheckinPage = () => {
  const { slug = '' } = useParams();
  const { data, error, loading, reload } = useApi<TView>(`/checkins/${encodeURIComponent(slug)}`);
  const [busy, setBusy] = useState(false);
  const [flash, setFlash] = useState<{ ok: boolean; text: string } | null>(null);
  const [makeupDay, setMakeupDay] = useState<string | null>(null);
  const [showPoster, setShowPoster] = useState(false);

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="打卡">
        <ErrorState error={loadError(error)} onRetry={reload} />
      </Page>
    );
  }
  if (!data) return <Loading />;
  const { campaign, me } = data;

  const run = async (path: string, body?: unknown) => {
    setBusy(true);
    setFlash(null);
    try {
      const r = await act(`/${encodeURIComponent(slug)}${path}`, body);
      const lines: string[] = [];
      if (r.outcome === 'checked_in') lines.push(`打卡成功！第 ${r.number} 天，已连续打卡 ${r.currentStreak} 天`);
      else if (r.outcome === 'already') lines.push(`今天已经打过卡啦，已连续打卡 ${r.currentStreak} 天`);
      else if (r.outcome === 'made_up') lines.push(`补签成功！${md(r.day)} 已补上，当前连续 ${r.currentStreak} 天`);
      else lines.push('报名成功！活动开始后记得每天来打卡。');
      for (const m of r.newMilestones)
        lines.push(`🎉 达成「${m.kind === 'streak' ? '连续' : '累计'}打卡 ${m.days} 天」，获得 ${m.rewardName}`);
      setFlash({ ok: true, text: lines.join('\n') });
      setMakeupDay(null);
      reload();
    } catch (e) {
      setFlash({ ok: false, text: e instanceof Error ? e.message : '暂时无法打卡，请稍后重试。' });
    } finally {
      setBusy(false);
    }
  };

  const phase = PHASE[campaign.phase];
  const reached = new Set(me?.milestonesReached ?? []);
  const canMakeUp = new Set(me?.makeupDays ?? []);
  const keyword = campaign.keywords[0];
  const token = customerToken();

  let action: ReactElement;
  if (!me) {
    action = (
      <p style={styles.notice}>
        请从导购发给你的活动链接打开本页面，就可以在这里打卡
        {campaign.hasGroups && keyword ? `，也可以在活动群里发送「${keyword}」打卡` : ''}。
      </p>
    );
  } else if (campaign.phase === 'ended' || campaign.phase === 'draft') {
    action = (
      <button type="button" style={{ ...styles.bigButton, ...styles.doneButton }} disabled>
        {campaign.phase === 'ended' ? '已结束' : '未发布'}
      </button>
    );
  } else if (!me.eligible && !me.joined) {
    action = <p style={styles.notice}>{REFUSALS.NOT_ELIGIBLE}</p>;
  } else if (campaign.phase === 'upcoming') {
    action = me.joined ? (
      <p style={styles.success}>已报名，{md(campaign.startDate)} 开始，记得每天来打卡！</p>
    ) : (
      <button type="button" className="btn" disabled={busy} onClick={() => void run('/join')}>
        报名参加，开始时提醒我
      </button>
    );
  } else if (me.checkedInToday) {
    action = (
      <button type="button" style={{ ...styles.bigButton, ...styles.doneButton }} disabled aria-label="今日已打卡">
        今日已打卡 ✓
      </button>
    );
  } else {
    action = (
      <button
        type="button"
        style={styles.bigButton}
        disabled={busy}
        onClick={() => void run('/check-in')}
        data-testid="checkin-button"
      >
        {busy ? '…' : '打卡'}
      </button>
    );
  }

  return (
    <Page title={campaign.name}>
      <section className="card">
        <div>
          <span className="muted">
            {md(campaign.startDate)} – {md(campaign.endDate)} · 共 {campaign.days} 天
          </span>
          <span style={{ ...styles.badge, color: phase.color, background: phase.bg }}>{phase.text}</span>
        </div>
        {campaign.description ? <p style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{campaign.description}</p> : null}
      </section>

      <section className="card" style={styles.hero}>
        {campaign.todayNumber ? <div className="muted">今天是第 {campaign.todayNumber} 天</div> : null}
        {action}
        {flash ? (
          <p style={{ ...(flash.ok ? styles.success : styles.notice), whiteSpace: 'pre-line', textAlign: 'left' }} role="status">
            {flash.text}
          </p>
        ) : null}
        {me && campaign.hasGroups && keyword && campaign.phase === 'running' ? (
          <p className="muted">也可以在活动群里发送「{keyword}」打卡</p>
        ) : null}
        {me ? (
          <div style={styles.numbers}>
            <div>
              <div style={styles.number}>{me.currentStreak}</div>
              <div className="muted">连续天数</div>
            </div>
            <div>
              <div style={styles.number}>{me.longestStreak}</div>
              <div className="muted">最长连续</div>
            </div>
            <div>
              <div style={styles.number}>{me.totalDays}</div>
              <div className="muted">累计天数</div>
            </div>
          </div>
        ) : null}
      </section>

      {me ? (
        <section className="card">
          <div className="row" style={{ borderBottom: 0, paddingTop: 0 }}>
            <strong>打卡日历</strong>
            {campaign.missedDayRule === 'makeup' ? <span className="muted">补签卡 {me.makeupCardsLeft} 张</span> : null}
          </div>
          <div style={styles.grid}>
            {me.calendar.map((d) => {
              const selectable = canMakeUp.has(d.day);
              return (
                <button
                  type="button"
                  key={d.day}
                  disabled={!selectable || busy}
                  onClick={() => setMakeupDay(d.day === makeupDay ? null : d.day)}
                  style={{
                    ...styles.cell,
                    ...CELL[d.state],
                    ...(d.day === makeupDay ? { boxShadow: 'inset 0 0 0 2px #fa8c16' } : {}),
                    cursor: selectable ? 'pointer' : 'default',
                  }}
                  aria-label={`第 ${d.number} 天 ${md(d.day)}`}
                >
                  <div style={{ fontWeight: 600 }}>{d.number}</div>
                  <div>{MARK[d.state] || `${Number(d.day.slice(8, 10))}日`}</div>
                </button>
              );
            })}
          </div>
          <div style={styles.legend}>
            <span>
              <i style={{ ...styles.dot, background: 'var(--brand)' }} />
              已打卡
            </span>
            <span>
              <i style={{ ...styles.dot, background: '#fa8c16' }} />
              补签
            </span>
            <span>
              <i style={{ ...styles.dot, background: '#f0f0f0' }} />
              漏打
            </span>
            <span>
              <i style={{ ...styles.dot, boxShadow: 'inset 0 0 0 2px var(--brand)' }} />
              今天
            </span>
          </div>
          {me.makeupDays.length > 0 ? (
            makeupDay ? (
              <>
                <button type="button" className="btn" disabled={busy} onClick={() => void run('/make-up', { day: makeupDay })}>
                  用补签卡补上 {md(makeupDay)}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setMakeupDay(null)}>
                  取消
                </button>
              </>
            ) : (
              <p className="muted">漏打了？点日历上灰色的日子，可以用补签卡补上一天（每期活动仅 1 张）。</p>
            )
          ) : null}
        </section>
      ) : null}

      {campaign.milestones.length ? (
        <section className="card">
          <strong>打卡奖励</strong>
          {campaign.milestones.map((m, i) => {
            const got = reached.has(i);
            const progress = m.kind === 'streak' ? (me?.longestStreak ?? 0) : (me?.totalDays ?? 0);
            return (
              <div className="row" key={`${m.kind}-${m.days}`}>
                <div>
                  <div>{milestoneText(m)}</div>
                  <div className="muted">{m.reward.name}</div>
                </div>
                <span className="muted" style={got ? { color: 'var(--brand)' } : undefined}>
                  {got ? '已获得 ✓' : me ? `还差 ${Math.max(0, m.days - progress)} 天` : ''}
                </span>
              </div>
            );
          })}
          {me && reached.size > 0 ? (
            <a href={`/h5/rewards${token ? `?t=${encodeURIComponent(token)}` : ''}`} className="muted">
              查看我的奖励 ›
            </a>
          ) : null}
        </section>
      ) : null}

      <section className="card">
        <strong>活动规则</strong>
        <ul className="muted" style={{ paddingLeft: 18, marginBottom: 0 }}>
          <li>每天（北京时间 0 点到 24 点）打卡一次，重复打卡只算一次。</li>
          {campaign.hasGroups && keyword ? (
            <li>
              在活动群里发送{campaign.keywords.map((k) => `「${k}」`).join('或')}即可打卡
              {campaign.openToAll ? '，也可以在本页面打卡' : ''}。
            </li>
          ) : null}
          {campaign.missedDayRule === 'reset' ? (
            <li>漏打一天，连续天数从 0 重新开始。</li>
          ) : (
            <li>漏打一天会中断连续天数；每人有 1 张补签卡，可以补之前漏掉的一天，补上后连续天数接上。</li>
          )}
          <li>达到奖励条件后自动发放，每项奖励只发一次。</li>
        </ul>
      </section>

      {me?.joined ? (
        <section className="card">
          {showPoster ? (
            <>
              <p className="muted" style={{ margin: 0 }}>
                长按图片保存，分享给朋友一起打卡
              </p>
              <img
                src={`/api/public/checkins/${encodeURIComponent(slug)}/poster${token ? `?t=${encodeURIComponent(token)}` : ''}`}
                alt="打卡海报"
                style={styles.poster}
              />
            </>
          ) : (
            <button type="button" className="btn btn-secondary" style={{ marginTop: 0 }} onClick={() => setShowPoster(true)}>
              生成打卡海报，邀请朋友一起
            </button>
          )}
        </section>
      ) : null}
    </Page>
  );
};
