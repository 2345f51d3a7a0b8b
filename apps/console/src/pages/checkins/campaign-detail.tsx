import { ArrowLeftOutlined, CopyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Image,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatPercent } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { PHASE_COLOR, rewardLabel, type TCheckinCampaign, type TCheckinParticipant, type TCheckinStats } from './types.ts';

type TSort = 'streak' | 'total' | 'joined';

/** Check-in rate per day as columns (height = rate), with the count on hover. */
const DayChart = ({ stats }: { stats: TCheckinStats }) => {
  const { t } = useTranslation();
  return (
    <Flex align="flex-end" gap={4} style={{ height: 140, padding: '8px 0', overflowX: 'auto' }} data-testid="checkin-day-chart">
      {stats.days.map((d) => (
        <Tooltip
          key={d.day}
          title={`${d.day} · ${t('checkins.detail.checkins')} ${d.checkins}/${d.participants} · ${formatPercent(d.rate)}`}
        >
          <Flex vertical align="center" justify="flex-end" style={{ height: '100%', minWidth: 22, flex: '1 0 22px' }}>
            <div style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }}>{Math.round(d.rate * 100)}</div>
            <div
              style={{
                width: '70%',
                maxWidth: 32,
                height: `${Math.max(d.rate * 100, d.checkins > 0 ? 2 : 0)}px`,
                background: d.day === stats.today ? '#52c41a' : '#1677ff',
                borderRadius: '3px 3px 0 0',
              }}
            />
            <div style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }}>{d.number}</div>
          </Flex>
        </Tooltip>
      ))}
    </Flex>
  );
};

const StreakBars = ({ stats }: { stats: TCheckinStats }) => {
  const { t } = useTranslation();
  const max = Math.max(1, ...stats.streakDistribution.map((b) => b.participants));
  return (
    <Flex vertical gap={8} data-testid="checkin-streaks">
      {stats.streakDistribution.map((b) => (
        <Flex key={b.bucket} align="center" gap={12}>
          <div style={{ width: 72, flex: 'none' }}>{t('checkins.detail.streakBucket', { bucket: b.bucket })}</div>
          <div style={{ flex: 1, background: '#f5f5f5', borderRadius: 4, height: 18 }}>
            <div
              style={{
                width: `${(b.participants / max) * 100}%`,
                minWidth: b.participants > 0 ? 4 : 0,
                height: '100%',
                borderRadius: 4,
                background: '#722ed1',
              }}
            />
          </div>
          <div style={{ width: 48, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{b.participants}</div>
        </Flex>
      ))}
    </Flex>
  );
};

const Ranking = ({ campaignId }: { campaignId: number }) => {
  const { t } = useTranslation();
  const [sort, setSort] = useState<TSort>('streak');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: ['checkin-campaign', campaignId, 'participants', sort, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TCheckinParticipant>>(`/api/checkins/${campaignId}/participants`, { signal, query: { sort, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={t('checkins.detail.ranking')}
      extra={
        <Segmented<TSort>
          value={sort}
          onChange={(v) => {
            setSort(v);
            setPage(1);
          }}
          options={(['streak', 'total', 'joined'] as const).map((s) => ({ value: s, label: t(`checkins.detail.sort.${s}`) }))}
        />
      }
      style={{ marginBottom: 16 }}
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TCheckinParticipant>
        size="small"
        rowKey="id"
        data-testid="checkin-participants"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: q.isPending ? ' ' : t('checkins.detail.noParticipants') }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('checkins.detail.rank'), dataIndex: 'rank', width: 64 },
          {
            title: t('checkins.detail.customer'),
            key: 'customer',
            render: (_, p) => <Link to={`/customers?customer=${p.customerId}`}>{p.customerName ?? `#${p.customerId}`}</Link>,
          },
          { title: t('checkins.detail.currentStreak'), dataIndex: 'currentStreak', align: 'right' },
          { title: t('checkins.detail.longestStreak'), dataIndex: 'longestStreak', align: 'right' },
          { title: t('checkins.detail.totalDays'), dataIndex: 'totalDays', align: 'right' },
          { title: t('checkins.detail.makeupUsed'), dataIndex: 'makeupsUsed', align: 'right' },
          { title: t('checkins.detail.milestonesReached'), dataIndex: 'milestonesReached', align: 'right' },
          {
            title: t('checkins.detail.source'),
            dataIndex: 'source',
            render: (s: TCheckinParticipant['source']) => t(`checkins.detail.sources.${s}`),
          },
          { title: t('checkins.detail.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('checkins.detail.lastCheckin'),
            dataIndex: 'lastCheckinAt',
            render: (v: string | null) => formatDateTime(v),
          },
        ]}
      />
    </Card>
  );
};

/** One campaign: its settings and link, actions, per-day results, streaks, milestones and the ranking. */
export const CampaignDetail = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const campaign = useQuery({
    queryKey: ['checkin-campaign', id],
    queryFn: ({ signal }) => api<TCheckinCampaign>(`/api/checkins/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const stats = useQuery({
    queryKey: ['checkin-campaign', id, 'stats'],
    queryFn: ({ signal }) => api<TCheckinStats>(`/api/checkins/${id}/stats`, { signal }),
    enabled: campaign.isSuccess,
  });
  const refresh = (saved?: TCheckinCampaign) => {
    if (saved) qc.setQueryData(['checkin-campaign', id], saved);
    void qc.invalidateQueries({ queryKey: ['checkin-campaigns'] });
    void qc.invalidateQueries({ queryKey: ['checkin-campaign', id] });
  };
  const start = useMutation({
    mutationFn: () => api<TCheckinCampaign>(`/api/checkins/${id}/start`, { method: 'POST' }),
    onSuccess: (saved) => {
      void message.success(t('checkins.detail.started'));
      refresh(saved);
    },
  });
  const end = useMutation({
    mutationFn: () => api<TCheckinCampaign>(`/api/checkins/${id}/end`, { method: 'POST' }),
    onSuccess: (saved) => {
      void message.success(t('checkins.detail.ended'));
      refresh(saved);
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/checkins/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('checkins.detail.deletedOk'));
      void qc.invalidateQueries({ queryKey: ['checkin-campaigns'] });
      navigate('/checkins');
    },
  });

  if (campaign.isPending && campaign.fetchStatus !== 'idle') return <Skeleton active />;
  if (campaign.isError) {
    if (campaign.error instanceof ApiError && campaign.error.status === 404)
      return <Result status="404" subTitle={t('common.notFound')} />;
    return <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  }
  const c = campaign.data;
  if (!c) return <Result status="404" subTitle={t('common.notFound')} />;
  const canManage = canManageTenant(account.role);
  const s = stats.data;
  const posterUrl = `/api/public/checkins/${c.slug}/poster`;

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/checkins')}
              aria-label={t('checkins.detail.back')}
            />
            {c.name}
            <Tag color={PHASE_COLOR[c.phase]}>{t(`checkins.phase.${c.phase}`)}</Tag>
            {c.todayNumber ? (
              <Typography.Text type="secondary">{t('checkins.dayN', { n: c.todayNumber })}</Typography.Text>
            ) : null}
          </Flex>
        }
        extra={
          canManage ? (
            <>
              <Button onClick={() => navigate(`/checkins/${c.id}/edit`)} data-testid="checkin-edit">
                {t('checkins.detail.edit')}
              </Button>
              {c.status === 'draft' ? (
                <>
                  <Popconfirm
                    title={t('checkins.detail.startConfirm')}
                    onConfirm={() => start.mutate()}
                    styles={{ root: { maxWidth: 360 } }}
                  >
                    <Button type="primary" loading={start.isPending} data-testid="checkin-start">
                      {t('checkins.detail.start')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('checkins.detail.deleteConfirm')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutate()}
                  >
                    <Button danger loading={remove.isPending}>
                      {t('checkins.detail.delete')}
                    </Button>
                  </Popconfirm>
                </>
              ) : null}
              {c.status === 'active' ? (
                <Popconfirm
                  title={t('checkins.detail.endConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => end.mutate()}
                  styles={{ root: { maxWidth: 360 } }}
                >
                  <Button danger loading={end.isPending} data-testid="checkin-end">
                    {t('checkins.detail.end')}
                  </Button>
                </Popconfirm>
              ) : null}
            </>
          ) : null
        }
      />
      {c.description ? <Typography.Paragraph type="secondary">{c.description}</Typography.Paragraph> : null}

      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('checkins.detail.settings')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('checkins.detail.dates')}>
                {c.startDate} ~ {c.endDate}（{t('checkins.daysText', { count: c.days })}）
              </Descriptions.Item>
              <Descriptions.Item label={t('checkins.col.rule')}>
                <Tooltip title={t(`checkins.ruleHelp.${c.missedDayRule}`)}>
                  <span>{t(`checkins.rule.${c.missedDayRule}`)}</span>
                </Tooltip>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkins.detail.groups')}>
                <Flex vertical gap={2}>
                  <span>{c.groups.length ? c.groups.map((g) => g.name).join(t('common.listSep')) : '—'}</span>
                  <Typography.Text type="secondary">
                    {c.openToAll ? t('checkins.detail.openToAll') : t('checkins.detail.groupsOnly')}
                  </Typography.Text>
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkins.detail.keywords')}>
                {c.keywords.length ? c.keywords.map((k) => <Tag key={k}>{k}</Tag>) : '—'}
                <Typography.Text type="secondary">{t(`checkins.form.match.${c.keywordMatch}`)}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('checkins.detail.reminder')}>
                {c.reminderEnabled
                  ? t('checkins.detail.reminderOn', {
                      time: c.reminderTime,
                      where: [
                        c.remindInGroups ? t('checkins.detail.remindGroups') : null,
                        c.remindPrivately ? t('checkins.detail.remindPrivate') : null,
                      ]
                        .filter(Boolean)
                        .join(t('common.listSep')),
                    })
                  : t('checkins.detail.reminderOff')}
                {c.remindedDay ? (
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {t('checkins.detail.lastReminded', { day: c.remindedDay })}
                  </Typography.Text>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('checkins.detail.reply')}>
                {c.replyInGroup ? `${t('checkins.detail.on')} · ${c.replyText}` : t('checkins.detail.off')}
              </Descriptions.Item>
              <Descriptions.Item label={t('checkins.detail.link')}>
                <Flex vertical gap={2}>
                  <Flex align="center" gap={4}>
                    <Typography.Link href={c.url} target="_blank" rel="noreferrer" data-testid="checkin-link">
                      {c.url}
                    </Typography.Link>
                    <Button
                      size="small"
                      type="text"
                      icon={<CopyOutlined />}
                      aria-label={t('checkins.detail.copy')}
                      onClick={() => {
                        void navigator.clipboard?.writeText(c.url).then(() => message.success(t('checkins.detail.copied')));
                      }}
                    />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('checkins.detail.linkHelp')}
                  </Typography.Text>
                </Flex>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('checkins.detail.poster')} style={{ marginBottom: 16 }}>
            <Image src={posterUrl} alt={t('checkins.detail.poster')} style={{ maxHeight: 320, objectFit: 'contain' }} />
          </Card>
        </Col>
      </Row>

      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.isPending && stats.fetchStatus !== 'idle' ? <Skeleton active /> : null}
      {s ? (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={12} md={4}>
                <Statistic title={t('checkins.detail.participants')} value={s.participants} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('checkins.detail.checkedInToday')} value={s.checkedInToday} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('checkins.detail.todayRate')} value={s.todayNumber ? formatPercent(s.todayRate) : '—'} />
              </Col>
              <Col xs={12} md={4}>
                <Tooltip title={t('checkins.detail.perfectHelp')}>
                  <div>
                    <Statistic title={t('checkins.detail.perfect')} value={s.perfect} />
                  </div>
                </Tooltip>
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('checkins.detail.milestonesReached')} value={s.milestonesReached} />
                {s.milestonesReached > 0 ? (
                  <Link to={`/rewards?source=checkin&sourceId=${c.id}`}>{t('checkins.detail.rewards')}</Link>
                ) : null}
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('checkins.detail.makeups')} value={s.makeups} />
              </Col>
            </Row>
          </Card>

          <Card title={t('checkins.detail.daily')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('checkins.detail.dailyHelp')}
            </Typography.Paragraph>
            {s.days.length === 0 ? (
              <Typography.Text type="secondary">{t('checkins.detail.noDays')}</Typography.Text>
            ) : (
              <>
                <DayChart stats={s} />
                <Table
                  size="small"
                  rowKey="day"
                  data-testid="checkin-days"
                  dataSource={[...s.days].reverse()}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    {
                      title: t('checkins.detail.dayNumber'),
                      dataIndex: 'number',
                      render: (n: number) => t('checkins.dayN', { n }),
                    },
                    { title: t('checkins.detail.day'), dataIndex: 'day' },
                    { title: t('checkins.detail.dayParticipants'), dataIndex: 'participants', align: 'right' },
                    { title: t('checkins.detail.checkins'), dataIndex: 'checkins', align: 'right' },
                    {
                      title: t('checkins.detail.rate'),
                      dataIndex: 'rate',
                      align: 'right',
                      render: (v: number) => formatPercent(v),
                    },
                    { title: t('checkins.detail.makeups'), dataIndex: 'makeups', align: 'right' },
                    { title: t('checkins.detail.dayMilestones'), dataIndex: 'milestonesReached', align: 'right' },
                  ]}
                />
              </>
            )}
          </Card>

          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('checkins.detail.streaks')} style={{ marginBottom: 16 }}>
                <StreakBars stats={s} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('checkins.detail.milestones')} style={{ marginBottom: 16 }}>
                <Table
                  size="small"
                  rowKey="index"
                  dataSource={s.milestones}
                  pagination={false}
                  locale={{ emptyText: t('checkins.detail.noMilestones') }}
                  columns={[
                    {
                      title: t('checkins.detail.milestone'),
                      key: 'm',
                      render: (_, m) => `${t(`checkins.form.milestoneKinds.${m.kind}`)} ${m.days}`,
                    },
                    {
                      title: t('checkins.detail.reward'),
                      key: 'r',
                      render: (_, m) => {
                        const spec = c.milestones[m.index]?.reward;
                        return spec ? rewardLabel(spec) : m.rewardName;
                      },
                    },
                    { title: t('checkins.detail.reached'), dataIndex: 'reached', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}

      <Ranking campaignId={c.id} />
    </>
  );
};
