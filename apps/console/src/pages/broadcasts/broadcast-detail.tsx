import { ArrowLeftOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Popconfirm,
  Result,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { TPage } from '../../types.ts';
import {
  RECIPIENT_COLOR,
  RECIPIENT_STATUSES,
  STATUS_COLOR,
  type TBroadcast,
  type TBroadcastRecipient,
  type TBroadcastStats,
  type TBroadcastTask,
  type TRecipientStatus,
} from './types.ts';

const LIVE = ['scheduled', 'planning', 'sending'];

/** Counts by recipient status as columns, for the store and staff tables. */
const useCountColumns = () => {
  const { t } = useTranslation();
  return RECIPIENT_STATUSES.map((s) => ({
    title: t(`broadcasts.recipientStatus.${s}`),
    key: s,
    align: 'right' as const,
    render: (_: unknown, r: { counts: Partial<Record<TRecipientStatus, number>> }) => r.counts[s] ?? 0,
  }));
};

/** One broadcast: its settings, results per store and staff member, and every recipient. */
export const BroadcastDetail = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const [status, setStatus] = useState<TRecipientStatus | undefined>();
  const [storeId, setStoreId] = useState<number | undefined>();
  const [staffId, setStaffId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const countColumns = useCountColumns();

  const broadcast = useQuery({
    queryKey: ['broadcast', id],
    queryFn: ({ signal }) => api<TBroadcast>(`/api/broadcasts/${id}`, { signal, silent: true }),
    refetchInterval: (q) => (q.state.data && LIVE.includes(q.state.data.status) ? 3000 : false),
  });
  const live = broadcast.data ? LIVE.includes(broadcast.data.status) : false;
  const stats = useQuery({
    queryKey: ['broadcast-stats', id],
    enabled: broadcast.data !== undefined && broadcast.data.status !== 'draft',
    queryFn: ({ signal }) => api<TBroadcastStats>(`/api/broadcasts/${id}/stats`, { signal }),
    refetchInterval: live ? 3000 : false,
  });
  const recipients = useQuery({
    queryKey: ['broadcast-recipients', id, status, storeId, staffId, page, pageSize],
    enabled: broadcast.data !== undefined && broadcast.data.status !== 'draft',
    queryFn: ({ signal }) =>
      api<TPage<TBroadcastRecipient>>(`/api/broadcasts/${id}/recipients`, {
        signal,
        query: { status, storeId, staffId, page, pageSize },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 3000 : false,
  });

  const [taskPage, setTaskPage] = useState(1);
  const tasks = useQuery({
    queryKey: ['broadcast-tasks', id, taskPage],
    enabled: broadcast.data !== undefined && broadcast.data.status !== 'draft',
    queryFn: ({ signal }) =>
      api<TPage<TBroadcastTask>>(`/api/broadcasts/${id}/tasks`, { signal, query: { page: taskPage, pageSize: 10 } }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 3000 : false,
  });
  const collect = useMutation({
    mutationFn: () => api<{ queued: boolean }>(`/api/broadcasts/${id}/results`, { method: 'POST' }),
    onSuccess: () => void message.success(t('broadcasts.detail.refreshQueued')),
  });

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['broadcasts'] });
    await queryClient.invalidateQueries({ queryKey: ['broadcast', id] });
  };
  const send = useMutation({
    mutationFn: () =>
      api<TBroadcast>(`/api/broadcasts/${id}/send`, {
        method: 'POST',
        body: { when: broadcast.data?.sendAt ? 'schedule' : 'now' },
      }),
    onSuccess: async () => {
      void message.success(t('broadcasts.form.scheduled'));
      await refresh();
    },
  });
  const cancel = useMutation({
    mutationFn: () => api<TBroadcast>(`/api/broadcasts/${id}/cancel`, { method: 'POST' }),
    onSuccess: async () => {
      void message.success(t('broadcasts.detail.cancelled'));
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/broadcasts/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      void message.success(t('broadcasts.detail.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['broadcasts'] });
      navigate('/broadcasts');
    },
  });

  if (broadcast.isError) {
    if (broadcast.error instanceof ApiError && broadcast.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('broadcasts.detail.notFound')}
          extra={<Button onClick={() => navigate('/broadcasts')}>{t('broadcasts.detail.back')}</Button>}
        />
      );
    }
    return <QueryError error={broadcast.error} onRetry={() => void broadcast.refetch()} />;
  }
  const b = broadcast.data;
  if (!b) return <Skeleton active />;
  const total = stats.data?.total ?? b.counts;

  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={8}>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/broadcasts')}
              aria-label={t('broadcasts.detail.back')}
            />
            {b.name}
            <Tag color={STATUS_COLOR[b.status]} data-testid="broadcast-detail-status">
              {t(`broadcasts.status.${b.status}`)}
            </Tag>
          </Flex>
        }
        extra={
          <Flex gap={8}>
            {b.status === 'draft' ? (
              <>
                <Popconfirm title={t('broadcasts.detail.deleteConfirm')} onConfirm={() => remove.mutate()}>
                  <Button danger loading={remove.isPending} data-testid="broadcast-delete">
                    {t('broadcasts.detail.delete')}
                  </Button>
                </Popconfirm>
                <Button onClick={() => navigate(`/broadcasts/${id}/edit`)} data-testid="broadcast-edit">
                  {t('broadcasts.detail.edit')}
                </Button>
                <Popconfirm title={t('broadcasts.form.sendConfirm')} onConfirm={() => send.mutate()}>
                  <Button type="primary" loading={send.isPending} data-testid="broadcast-detail-send">
                    {t('broadcasts.detail.send')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            {b.status === 'sending' ? (
              <Button loading={collect.isPending} onClick={() => collect.mutate()} data-testid="broadcast-refresh-results">
                {t('broadcasts.detail.refreshResults')}
              </Button>
            ) : null}
            {b.status === 'scheduled' ? (
              <Popconfirm title={t('broadcasts.detail.cancelConfirm')} onConfirm={() => cancel.mutate()}>
                <Button danger loading={cancel.isPending} data-testid="broadcast-cancel">
                  {t('broadcasts.detail.cancel')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('broadcasts.detail.summary')}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'target', label: t('broadcasts.col.target'), children: t(`broadcasts.target.${b.target}`) },
              {
                key: 'schedule',
                label: t('broadcasts.col.schedule'),
                children: b.sendAt ? formatDateTime(b.sendAt) : t('broadcasts.col.now'),
              },
              { key: 'audience', label: t('broadcasts.detail.audience'), children: b.audienceCount },
              {
                key: 'caps',
                label: t('broadcasts.form.caps'),
                children: t('broadcasts.detail.capsValue', { day: b.capPerDay, week: b.capPerWeek }),
              },
              {
                key: 'quiet',
                label: t('broadcasts.form.quiet'),
                children: t('broadcasts.detail.quietValue', { start: b.quietStart, end: b.quietEnd, tz: b.timeZone }),
              },
              {
                key: 'holdout',
                label: t('broadcasts.form.holdout'),
                children: t('broadcasts.detail.holdoutValue', { n: b.holdoutPercent }),
              },
              { key: 'planned', label: t('broadcasts.detail.plannedAt'), children: formatDateTime(b.plannedAt) },
              {
                key: 'tasks',
                label: t('broadcasts.detail.tasks'),
                children: stats.data
                  ? t('broadcasts.detail.tasksValue', { done: stats.data.tasks.done, total: stats.data.tasks.total })
                  : '—',
              },
              { key: 'content', label: t('broadcasts.detail.contentLabel'), children: b.content.text ?? '—', span: 3 },
            ]}
          />
          {b.status !== 'draft' ? (
            <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="broadcast-stats">
              {RECIPIENT_STATUSES.map((s) => (
                <Col key={s} xs={12} md={6} xl={3}>
                  <Statistic
                    title={t(`broadcasts.recipientStatus.${s}`)}
                    value={total[s] ?? 0}
                    data-testid={`broadcast-stat-${s}`}
                  />
                </Col>
              ))}
            </Row>
          ) : null}
        </Card>
        {b.status !== 'draft' ? (
          <>
            {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
            <Card title={t('broadcasts.detail.byStore')}>
              <Table
                size="small"
                rowKey={(r) => String(r.storeId)}
                loading={stats.isPending}
                dataSource={stats.data?.byStore ?? []}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  {
                    title: t('broadcasts.detail.store'),
                    render: (_: unknown, r) => r.storeName ?? t('broadcasts.preview.noStore'),
                  },
                  ...countColumns,
                ]}
              />
            </Card>
            <Card title={t('broadcasts.detail.byStaff')}>
              <Table
                size="small"
                rowKey={(r) => String(r.staffId)}
                loading={stats.isPending}
                dataSource={stats.data?.byStaff ?? []}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: t('broadcasts.detail.staff'), render: (_: unknown, r) => r.staffName ?? '—' },
                  ...countColumns,
                ]}
              />
            </Card>
            <Card title={t('broadcasts.detail.taskList')}>
              <Table<TBroadcastTask>
                size="small"
                rowKey="id"
                data-testid="broadcast-tasks"
                loading={tasks.isPending}
                dataSource={tasks.data?.items ?? []}
                scroll={{ x: 'max-content' }}
                pagination={{
                  current: taskPage,
                  pageSize: 10,
                  total: tasks.data?.total ?? 0,
                  hideOnSinglePage: true,
                  onChange: (p) => setTaskPage(p),
                }}
                columns={[
                  { title: t('broadcasts.detail.staff'), render: (_: unknown, r) => r.staffName ?? `#${r.staffId}` },
                  { title: t('broadcasts.detail.chunk'), dataIndex: 'chunk', align: 'right', render: (v: number) => v + 1 },
                  { title: t('broadcasts.detail.targets'), dataIndex: 'targets', align: 'right' },
                  {
                    title: t('broadcasts.col.status'),
                    dataIndex: 'status',
                    render: (v: TBroadcastTask['status']) => t(`broadcasts.detail.taskStatus.${v}`),
                  },
                  { title: t('broadcasts.detail.msgId'), dataIndex: 'msgId', render: (v: string | null) => v ?? '—' },
                ]}
              />
            </Card>
            <Card title={t('broadcasts.detail.recipients')}>
              <Flex wrap gap={12} style={{ marginBottom: 16 }}>
                <Select
                  allowClear
                  placeholder={t('broadcasts.allStatuses')}
                  style={{ width: 180 }}
                  value={status}
                  onChange={(v) => {
                    setStatus(v);
                    setPage(1);
                  }}
                  options={RECIPIENT_STATUSES.map((s) => ({ value: s, label: t(`broadcasts.recipientStatus.${s}`) }))}
                  data-testid="broadcast-recipient-status"
                />
                <Select
                  allowClear
                  placeholder={t('broadcasts.detail.allStores')}
                  style={{ width: 180 }}
                  value={storeId}
                  onChange={(v) => {
                    setStoreId(v);
                    setPage(1);
                  }}
                  options={(stats.data?.byStore ?? [])
                    .filter((s) => s.storeId !== null)
                    .map((s) => ({ value: s.storeId as number, label: s.storeName ?? String(s.storeId) }))}
                />
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('broadcasts.detail.allStaff')}
                  style={{ width: 180 }}
                  value={staffId}
                  onChange={(v) => {
                    setStaffId(v);
                    setPage(1);
                  }}
                  options={(stats.data?.byStaff ?? [])
                    .filter((s) => s.staffId !== null)
                    .map((s) => ({ value: s.staffId as number, label: s.staffName ?? String(s.staffId) }))}
                />
              </Flex>
              {recipients.isError ? <QueryError error={recipients.error} onRetry={() => void recipients.refetch()} /> : null}
              <Table<TBroadcastRecipient>
                rowKey="recipientId"
                size="small"
                data-testid="broadcast-recipients"
                loading={recipients.isFetching && !recipients.data}
                dataSource={recipients.data?.items ?? []}
                scroll={{ x: 'max-content' }}
                pagination={{
                  current: page,
                  pageSize,
                  total: recipients.data?.total ?? 0,
                  showSizeChanger: true,
                  showTotal: (n) => t('common.total', { total: n }),
                  onChange: (p, s) => {
                    setPage(p);
                    setPageSize(s);
                  },
                }}
                columns={[
                  { title: t('broadcasts.detail.customer'), render: (_: unknown, r) => r.name ?? `#${r.recipientId}` },
                  {
                    title: t('broadcasts.col.status'),
                    dataIndex: 'status',
                    render: (s: TRecipientStatus) => <Tag color={RECIPIENT_COLOR[s]}>{t(`broadcasts.recipientStatus.${s}`)}</Tag>,
                  },
                  { title: t('broadcasts.detail.staff'), render: (_: unknown, r) => r.staffName ?? '—' },
                  { title: t('broadcasts.detail.plannedAt'), dataIndex: 'plannedAt', render: (v: string) => formatDateTime(v) },
                  {
                    title: t('broadcasts.detail.resultAt'),
                    dataIndex: 'resultAt',
                    render: (v: string | null) => formatDateTime(v),
                  },
                ]}
              />
            </Card>
          </>
        ) : null}
      </Flex>
    </>
  );
};
