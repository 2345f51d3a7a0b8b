import { ArrowLeftOutlined, CopyOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
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
import { CustomerSelect } from '../../components/customer-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import {
  rewardLabel,
  STATUS_COLOR,
  type TFissionCampaign,
  type TFissionInvite,
  type TFissionParticipant,
  type TFissionStats,
  type TLeaderboardEntry,
} from './types.ts';

const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—');

/** The funnel as numbers and bars, each bar relative to the largest stage, with the step's conversion. */
const Funnel = ({ stats, campaignId }: { stats: TFissionStats; campaignId: number }) => {
  const { t } = useTranslation();
  const f = stats.funnel;
  const stages = [
    { key: 'participants', value: f.participants },
    { key: 'postersShared', value: f.postersShared },
    { key: 'friendsAdded', value: f.friendsAdded },
    { key: 'counted', value: f.counted },
    { key: 'rewardsGranted', value: f.rewardsGranted },
  ];
  const max = Math.max(1, ...stages.map((s) => s.value));
  return (
    <Card
      title={
        <Tooltip title={t('fission.detail.funnelHelp')}>
          <span>{t('fission.detail.funnel')}</span>
        </Tooltip>
      }
      style={{ marginBottom: 16 }}
      data-testid="fission-funnel"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('fission.detail.funnelHelp')}
      </Typography.Paragraph>
      <Flex vertical gap={10}>
        {stages.map((s, i) => (
          <Flex key={s.key} align="center" gap={12}>
            <div style={{ width: 96, flex: 'none' }}>{t(`fission.detail.${s.key}`)}</div>
            <div style={{ flex: 1, background: '#f5f5f5', borderRadius: 4, height: 22 }}>
              <div
                style={{
                  width: `${(s.value / max) * 100}%`,
                  minWidth: s.value > 0 ? 4 : 0,
                  height: '100%',
                  borderRadius: 4,
                  background: ['#1677ff', '#4096ff', '#69b1ff', '#52c41a', '#faad14'][i],
                }}
              />
            </div>
            <div style={{ width: 64, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-testid={`funnel-${s.key}`}>
              {s.value}
            </div>
            <div style={{ width: 48, textAlign: 'right', color: 'rgba(0,0,0,0.45)' }}>
              {i === 0 ? '' : pct(s.value, stages[i - 1]?.value ?? 0)}
            </div>
          </Flex>
        ))}
      </Flex>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('fission.detail.completed')} value={f.completed} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('fission.detail.revoked')} value={f.revoked} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('fission.detail.rewardsFlagged')} value={f.rewardsFlagged} />
          {f.rewardsFlagged > 0 ? (
            <Link to={`/rewards?status=flagged&source=fission&sourceId=${campaignId}`}>{t('fission.detail.reviewFlagged')}</Link>
          ) : null}
        </Col>
        <Col xs={12} md={6}>
          <Typography.Text type="secondary">{t('fission.detail.notCounted')}</Typography.Text>
          <div style={{ fontSize: 12 }}>
            {t('fission.detail.notNew')} {f.notCounted.notNew} · {t('fission.detail.duplicate')} {f.notCounted.duplicate} ·{' '}
            {t('fission.detail.self')} {f.notCounted.self} · {t('fission.detail.outsideWindow')} {f.notCounted.outsideWindow}
          </div>
        </Col>
      </Row>
    </Card>
  );
};

const Daily = ({ stats }: { stats: TFissionStats }) => {
  const { t } = useTranslation();
  const rows = [...stats.days].reverse();
  return (
    <Card title={t('fission.detail.daily')} style={{ marginBottom: 16 }}>
      <Table
        size="small"
        rowKey="day"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('fission.detail.day'), dataIndex: 'day' },
          { title: t('fission.detail.participants'), dataIndex: 'participants', align: 'right' },
          { title: t('fission.detail.postersShared'), dataIndex: 'postersShared', align: 'right' },
          { title: t('fission.detail.friendsAdded'), dataIndex: 'friendsAdded', align: 'right' },
          { title: t('fission.detail.counted'), dataIndex: 'counted', align: 'right' },
          { title: t('fission.detail.revoked'), dataIndex: 'revoked', align: 'right' },
          { title: t('fission.detail.rewardsGranted'), dataIndex: 'rewardsGranted', align: 'right' },
        ]}
      />
    </Card>
  );
};

const Leaderboard = ({ campaignId }: { campaignId: number }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['fission-campaign', campaignId, 'leaderboard'],
    queryFn: ({ signal }) =>
      api<{ items: TLeaderboardEntry[] }>(`/api/fission/campaigns/${campaignId}/leaderboard`, { signal, query: { limit: 20 } }),
  });
  return (
    <Card title={t('fission.detail.leaderboard')} style={{ marginBottom: 16 }}>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TLeaderboardEntry>
        size="small"
        rowKey="participantId"
        data-testid="fission-leaderboard"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: q.isPending ? ' ' : t('fission.detail.noLeaderboard') }}
        columns={[
          { title: t('fission.detail.rank'), dataIndex: 'rank', width: 64 },
          { title: t('fission.detail.customer'), dataIndex: 'customerName' },
          { title: t('fission.detail.invited'), dataIndex: 'invitedCount', align: 'right' },
        ]}
      />
    </Card>
  );
};

const Invites = ({ participant, onClose }: { participant: TFissionParticipant | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['fission-invites', participant?.id, page],
    queryFn: ({ signal }) =>
      api<TPage<TFissionInvite>>(`/api/fission/participants/${participant?.id}/invites`, {
        signal,
        query: { page, pageSize: 20 },
      }),
    enabled: participant !== null,
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer
      open={participant !== null}
      onClose={onClose}
      size="large"
      title={`${t('fission.detail.invites')} · ${participant?.customerName ?? ''}`}
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TFissionInvite>
        size="small"
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: q.isPending ? ' ' : t('fission.detail.noInvites') }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('fission.detail.friend'), dataIndex: 'friendName' },
          { title: t('fission.detail.staffMember'), dataIndex: 'staffName' },
          {
            title: t('fission.detail.inviteStatus'),
            dataIndex: 'status',
            render: (s: TFissionInvite['status']) => (
              <Tag color={s === 'counted' ? 'green' : s === 'revoked' ? 'red' : 'default'}>
                {t(`fission.detail.inviteStatuses.${s}`)}
              </Tag>
            ),
          },
          { title: t('fission.detail.addedAt'), dataIndex: 'addedAt', render: (v: string) => formatDateTime(v) },
          { title: t('fission.detail.revokedAt'), dataIndex: 'revokedAt', render: (v: string | null) => formatDateTime(v) },
        ]}
      />
    </Drawer>
  );
};

const Participants = ({ campaign }: { campaign: TFissionCampaign }) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<'invites' | 'joined'>('invites');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<TFissionParticipant | null>(null);
  const list = useQuery({
    queryKey: ['fission-campaign', campaign.id, 'participants', page, pageSize, sort, q],
    queryFn: ({ signal }) =>
      api<TPage<TFissionParticipant>>(`/api/fission/campaigns/${campaign.id}/participants`, {
        signal,
        query: { page, pageSize, sort, q: q || undefined },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={t('fission.detail.participantList')}
      extra={
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('fission.detail.searchCustomerId')}
            style={{ width: 180 }}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
          <Segmented
            value={sort}
            onChange={(v) => setSort(v as 'invites' | 'joined')}
            options={[
              { value: 'invites', label: t('fission.detail.sortInvites') },
              { value: 'joined', label: t('fission.detail.sortJoined') },
            ]}
          />
        </Flex>
      }
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TFissionParticipant>
        size="small"
        rowKey="id"
        data-testid="fission-participants"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : t('fission.detail.noParticipants') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('fission.detail.customer'), dataIndex: 'customerName', render: (n: string, p) => `${n} · #${p.customerId}` },
          { title: t('fission.detail.invited'), dataIndex: 'invitedCount', align: 'right' },
          {
            title: t('fission.detail.tiersReached'),
            key: 'tiers',
            render: (_, p) => (
              <span>
                {p.tiersReached}/{campaign.tiers.length}
                {p.rewardsFlagged > 0 ? (
                  <Tag color="orange" style={{ marginLeft: 8 }}>
                    {t('fission.detail.rewardsFlagged')} {p.rewardsFlagged}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          {
            title: t('fission.detail.joinedVia'),
            dataIndex: 'joinedVia',
            render: (v: TFissionParticipant['joinedVia']) => t(`fission.detail.via.${v}`),
          },
          { title: t('fission.detail.joinedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, p) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setOpen(p)}>
                  {t('fission.detail.invites')}
                </Button>
                {p.posterUrl ? (
                  <Button size="small" href={new URL(p.posterUrl).pathname} target="_blank" rel="noreferrer">
                    {t('fission.detail.viewPoster')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      <Invites participant={open} onClose={() => setOpen(null)} />
    </Card>
  );
};

const SendLink = ({ campaign, open, onClose }: { campaign: TFissionCampaign; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ customerId: number }>();
  const send = useMutation({
    mutationFn: (v: { customerId: number }) =>
      api<{ duplicate: boolean }>(`/api/fission/campaigns/${campaign.id}/send-link`, { method: 'POST', body: v }),
    onSuccess: (r) => {
      void message.success(r.duplicate ? t('fission.detail.alreadySent') : t('fission.detail.sent'));
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('fission.detail.sendLinkTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('fission.detail.sendLinkHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item
          name="customerId"
          label={t('fission.detail.sendLinkCustomer')}
          rules={[{ required: true, message: t('fission.form.required', { field: t('fission.detail.sendLinkCustomer') }) }]}
        >
          <CustomerSelect style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** One campaign: settings, actions, funnel, daily numbers, leaderboard and participants. */
export const CampaignDetail = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [sending, setSending] = useState(false);
  const campaign = useQuery({
    queryKey: ['fission-campaign', id],
    queryFn: ({ signal }) => api<TFissionCampaign>(`/api/fission/campaigns/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const stats = useQuery({
    queryKey: ['fission-campaign', id, 'stats'],
    queryFn: ({ signal }) => api<TFissionStats>(`/api/fission/campaigns/${id}/stats`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const act = useMutation({
    mutationFn: (action: 'start' | 'end' | 'delete') =>
      action === 'delete'
        ? api(`/api/fission/campaigns/${id}`, { method: 'DELETE' })
        : api<TFissionCampaign>(`/api/fission/campaigns/${id}/${action}`, { method: 'POST' }),
    onSuccess: (_, action) => {
      void qc.invalidateQueries({ queryKey: ['fission-campaigns'] });
      if (action === 'delete') {
        void message.success(t('fission.actions.deleted'));
        navigate('/fission');
        return;
      }
      void message.success(action === 'start' ? t('fission.actions.started') : t('fission.actions.ended'));
      void qc.invalidateQueries({ queryKey: ['fission-campaign', id] });
    },
  });

  if (campaign.isPending && campaign.fetchStatus !== 'idle') return <Skeleton active />;
  if (campaign.error instanceof ApiError && campaign.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('common.notFound')}
        extra={
          <Link to="/fission">
            <Button>{t('fission.detail.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (campaign.isError || !campaign.data) return <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  const manage = canManageTenant(account.role);

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8}>
            <Link to="/fission" aria-label={t('fission.detail.back')}>
              <ArrowLeftOutlined />
            </Link>
            {c.name}
            <Tag color={STATUS_COLOR[c.phase]}>{t(`fission.phase.${c.phase}`)}</Tag>
          </Flex>
        }
        extra={
          <>
            {c.status === 'active' ? (
              <Button icon={<SendOutlined />} onClick={() => setSending(true)}>
                {t('fission.actions.sendLink')}
              </Button>
            ) : null}
            {manage && c.status !== 'ended' ? (
              <Button onClick={() => navigate(`/fission/${c.id}/edit`)}>{t('fission.actions.edit')}</Button>
            ) : null}
            {manage && c.status === 'draft' ? (
              <>
                <Popconfirm title={t('fission.actions.deleteConfirm')} onConfirm={() => act.mutate('delete')}>
                  <Button danger>{t('fission.actions.delete')}</Button>
                </Popconfirm>
                <Popconfirm title={t('fission.actions.startConfirm')} onConfirm={() => act.mutate('start')}>
                  <Button type="primary" loading={act.isPending} data-testid="fission-start">
                    {t('fission.actions.start')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            {manage && c.status === 'active' ? (
              <Popconfirm title={t('fission.actions.endConfirm')} onConfirm={() => act.mutate('end')}>
                <Button danger loading={act.isPending}>
                  {t('fission.actions.end')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('fission.col.window')}>
            {formatDateTime(c.startsAt)} ~ {formatDateTime(c.endsAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('fission.col.goal')}>{t('fission.goalText', { count: c.goal })}</Descriptions.Item>
          <Descriptions.Item label={t('fission.col.tiers')} span={2}>
            <Flex vertical gap={2}>
              {c.tiers.map((tier) => (
                <span key={tier.invites}>
                  {t('fission.tierText', { invites: tier.invites, reward: rewardLabel(tier.reward) })}
                </span>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('fission.detail.staff')}>
            <Flex wrap gap={4}>
              {c.staff.map((s) => (
                <Tag key={s.id} color={s.active ? undefined : 'red'}>
                  {s.name}
                  {s.active ? '' : ` (${t('fission.detail.resigned')})`}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('fission.detail.deleteWindow')}>
            {t('fission.detail.hours', { count: c.deleteWindowHours })}
          </Descriptions.Item>
          <Descriptions.Item label={t('fission.detail.keyword')}>{c.keyword ?? t('fission.detail.none')}</Descriptions.Item>
          <Descriptions.Item label={t('fission.detail.link')}>
            <Typography.Text
              copyable={{
                text: c.url,
                icon: [<CopyOutlined key="copy" />, <CopyOutlined key="done" />],
                tooltips: [t('fission.actions.copyLink'), t('fission.actions.copied')],
              }}
            >
              {c.url}
            </Typography.Text>
          </Descriptions.Item>
          {c.description ? (
            <Descriptions.Item label={t('fission.form.description')} span={2}>
              {c.description}
            </Descriptions.Item>
          ) : null}
          {c.rules ? (
            <Descriptions.Item label={t('fission.form.rules')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.rules}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.data ? (
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Funnel stats={stats.data} campaignId={c.id} />
            <Daily stats={stats.data} />
          </Col>
          <Col xs={24} xl={10}>
            <Leaderboard campaignId={c.id} />
          </Col>
        </Row>
      ) : stats.isPending ? (
        <Skeleton active />
      ) : null}
      <Participants campaign={c} />
      <SendLink campaign={c} open={sending} onClose={() => setSending(false)} />
    </>
  );
};
