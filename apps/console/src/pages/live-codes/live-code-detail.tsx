import {
  ArrowLeftOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  InboxOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Image,
  Popconfirm,
  Row,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useTagGroups } from '../../lib/queries.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { LiveCodeForm } from './live-code-form.tsx';
import { LiveCodeStats } from './live-code-stats.tsx';
import { useScheduleSummary } from './schedule-editor.tsx';
import { StatusTag } from './status-tag.tsx';
import { qrImageSrc, type TApplyResult, type TFolder, type TLiveCode, type TLiveCodeAdd, type TPoolMember } from './types.ts';

const AddsTable = ({ codeId }: { codeId: number }) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const adds = useQuery({
    queryKey: ['live-code-adds', codeId, page],
    queryFn: ({ signal }) =>
      api<TPage<TLiveCodeAdd>>(`/api/live-codes/${codeId}/adds`, { signal, query: { page, pageSize: 20 } }),
    placeholderData: keepPreviousData,
  });
  if (adds.isError) return <QueryError error={adds.error} onRetry={() => void adds.refetch()} />;
  return (
    <Table<TLiveCodeAdd>
      size="small"
      rowKey="id"
      loading={adds.isFetching}
      dataSource={adds.data?.items ?? []}
      locale={{ emptyText: <Empty description={t('liveCodes.adds.empty')} /> }}
      pagination={{
        current: page,
        pageSize: 20,
        total: adds.data?.total ?? 0,
        onChange: setPage,
        showTotal: (total) => t('common.total', { total }),
      }}
      columns={[
        { title: t('common.time'), dataIndex: 'addedAt', key: 'addedAt', render: (v: string) => formatDateTime(v) },
        { title: t('common.customer'), dataIndex: 'customerName', key: 'customer' },
        { title: t('common.staff'), dataIndex: 'staffName', key: 'staff' },
        { title: t('liveCodes.fields.remark'), dataIndex: 'remark', key: 'remark', render: (v: string | null) => v ?? '—' },
        {
          title: t('liveCodes.adds.kind'),
          key: 'readd',
          render: (_, r) =>
            r.readd ? (
              <Tag color="orange">{t(`liveCodes.adds.readd.${r.readd}`)}</Tag>
            ) : (
              <Tag color="green">{t('liveCodes.adds.new')}</Tag>
            ),
        },
        {
          title: t('liveCodes.adds.state'),
          key: 'state',
          render: (_, r) =>
            r.deletedBy ? (
              <Tooltip title={formatDateTime(r.deletedAt)}>
                <Tag color="red">{t(`liveCodes.adds.deletedBy.${r.deletedBy}`)}</Tag>
              </Tooltip>
            ) : r.firstOrderAt ? (
              <Tooltip title={formatDateTime(r.firstOrderAt)}>
                <Tag color="gold">{t('liveCodes.adds.converted')}</Tag>
              </Tooltip>
            ) : (
              <Tag>{t('liveCodes.adds.inRelation')}</Tag>
            ),
        },
      ]}
    />
  );
};

/** One code: QR, who the way holds now and why, the pool today, its set-up, statistics and adds. */
export const LiveCodeDetail = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const summary = useScheduleSummary();
  const tagGroups = useTagGroups();
  const tagNames = new Map((tagGroups.data?.items ?? []).flatMap((g) => g.tags.map((tag) => [tag.id, tag.name] as const)));
  const code = useQuery({
    queryKey: ['live-code', id],
    queryFn: ({ signal }) => api<TLiveCode>(`/api/live-codes/${id}`, { signal }),
    enabled: Number.isSafeInteger(id) && id > 0,
    refetchInterval: 30_000,
  });
  const folders = useQuery({
    queryKey: ['live-code-folders'],
    queryFn: ({ signal }) => api<{ items: TFolder[] }>('/api/live-code-folders', { signal }),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['live-code', id] });
    void qc.invalidateQueries({ queryKey: ['live-codes'] });
    void qc.invalidateQueries({ queryKey: ['live-code-folders'] });
  };
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<TLiveCode>(`/api/live-codes/${id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
    },
  });
  const apply = useMutation({
    mutationFn: () => api<TApplyResult>(`/api/live-codes/${id}/sweep`, { method: 'POST' }),
    onSuccess: (r) => {
      if (r.outcome === 'failed') void message.error(t('liveCodes.apply.failed', { error: r.error ?? '' }));
      else void message.success(t(`liveCodes.apply.outcomes.${r.outcome}`));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/api/live-codes/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void qc.invalidateQueries({ queryKey: ['live-codes'] });
      navigate('/live-codes');
    },
  });

  if (code.isError) {
    return (
      <>
        <PageHeader title={t('liveCodes.title')} />
        <QueryError error={code.error} onRetry={() => void code.refetch()} />
        <Link to="/live-codes">{t('liveCodes.backToList')}</Link>
      </>
    );
  }
  if (!code.data) return <Skeleton active />;
  const c = code.data;
  const capOf = (m: TPoolMember) => m.dailyCap ?? c.dailyCap;

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <Link to="/live-codes" aria-label={t('liveCodes.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {c.name}
            <StatusTag status={c.status} />
          </Flex>
        }
        extra={
          canEdit ? (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="live-code-edit">
                {t('common.edit')}
              </Button>
              {c.status !== 'archived' ? (
                <Tooltip title={t('liveCodes.apply.hint')}>
                  <Button
                    icon={<SyncOutlined />}
                    loading={apply.isPending}
                    onClick={() => apply.mutate()}
                    data-testid="live-code-apply"
                  >
                    {t('liveCodes.apply.button')}
                  </Button>
                </Tooltip>
              ) : null}
              {c.status === 'active' ? (
                <Button
                  icon={<PauseCircleOutlined />}
                  loading={patch.isPending}
                  onClick={() => patch.mutate({ status: 'paused' })}
                >
                  {t('liveCodes.actions.pause')}
                </Button>
              ) : (
                <Popconfirm
                  title={c.status === 'archived' ? t('liveCodes.actions.restoreConfirm') : t('liveCodes.actions.resumeConfirm')}
                  onConfirm={() => patch.mutate({ status: 'active' })}
                >
                  <Button icon={<PlayCircleOutlined />} loading={patch.isPending}>
                    {c.status === 'archived' ? t('liveCodes.actions.restore') : t('liveCodes.actions.resume')}
                  </Button>
                </Popconfirm>
              )}
              {c.status !== 'archived' ? (
                <Popconfirm
                  title={t('liveCodes.actions.archiveConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => patch.mutate({ status: 'archived' })}
                >
                  <Button icon={<InboxOutlined />}>{t('liveCodes.actions.archive')}</Button>
                </Popconfirm>
              ) : null}
              <Popconfirm
                title={t('liveCodes.actions.deleteConfirm', { name: c.name })}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          ) : null
        }
      />
      {c.syncError ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('liveCodes.syncError')} description={c.syncError} />
      ) : null}
      {c.appliedMode === 'fallback' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('liveCodes.fallbackWarning')} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card title={t('liveCodes.qr.title')} size="small">
            {c.qrCode ? (
              <Flex vertical align="center" gap={8}>
                <Image src={qrImageSrc(c.qrCode, 480)} width={200} height={200} alt={c.name} data-testid="live-code-qr" />
                <Button size="small" icon={<DownloadOutlined />} href={qrImageSrc(c.qrCode, 1024)} download={`${c.name}.png`}>
                  {t('liveCodes.qr.download')}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('liveCodes.qr.hint')}
                </Typography.Text>
              </Flex>
            ) : (
              <Empty description={c.status === 'archived' ? t('liveCodes.qr.archived') : t('liveCodes.qr.pending')} />
            )}
            <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('liveCodes.fields.state')}>
                <Typography.Text code>{c.state}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('liveCodes.fields.channel')}>{c.channelName}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card
            size="small"
            title={t('liveCodes.routing.title')}
            extra={
              <Typography.Text type="secondary">
                {t('liveCodes.routing.appliedAt', { time: formatDateTime(c.appliedAt) })}
              </Typography.Text>
            }
          >
            <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
              {c.appliedMode ? (
                <Tag color={c.appliedMode === 'pool' ? 'blue' : c.appliedMode === 'backup' ? 'orange' : 'red'}>
                  {t(`liveCodes.routing.mode.${c.appliedMode}`)}
                </Tag>
              ) : null}
              {c.appliedStaff.length ? (
                c.appliedStaff.map((s) => (
                  <Tag key={s.staffId} color={s.active ? 'geekblue' : 'default'}>
                    {s.name}
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">{t('liveCodes.routing.nobody')}</Typography.Text>
              )}
            </Flex>
            <Table<TPoolMember>
              size="small"
              rowKey="staffId"
              pagination={false}
              dataSource={c.pool}
              columns={[
                {
                  title: t('common.staff'),
                  key: 'name',
                  render: (_, m) => (
                    <Flex gap={4}>
                      {m.name}
                      {!m.active ? <Tag color="red">{t('liveCodes.pool.resigned')}</Tag> : null}
                    </Flex>
                  ),
                },
                { title: t('liveCodes.fields.weight'), dataIndex: 'weight', key: 'weight', align: 'right' },
                {
                  title: t('liveCodes.pool.today'),
                  key: 'today',
                  align: 'right',
                  render: (_, m) => {
                    const cap = capOf(m);
                    const full = cap !== null && m.todayAdds >= cap;
                    return (
                      <Typography.Text type={full ? 'danger' : undefined}>
                        {cap === null ? formatNumber(m.todayAdds) : `${formatNumber(m.todayAdds)} / ${formatNumber(cap)}`}
                      </Typography.Text>
                    );
                  },
                },
                {
                  title: t('liveCodes.fields.schedule'),
                  key: 'schedule',
                  render: (_, m) => summary(m.schedule ?? c.schedule),
                },
                {
                  title: t('liveCodes.pool.now'),
                  key: 'now',
                  render: (_, m) =>
                    c.appliedStaff.some((s) => s.staffId === m.staffId) ? (
                      <Tag color="green">{t('liveCodes.pool.onWay')}</Tag>
                    ) : (
                      <Tag>{t('liveCodes.pool.offWay')}</Tag>
                    ),
                },
              ]}
            />
            <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('liveCodes.fields.backups')}>
                {c.backupStaff.length ? c.backupStaff.map((s) => s.name).join(t('common.listSep')) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('liveCodes.fields.dailyCap')}>
                {c.dailyCap === null ? t('liveCodes.form.noCap') : formatNumber(c.dailyCap)}
              </Descriptions.Item>
              <Descriptions.Item label={t('liveCodes.fields.tags')}>
                {c.tagIds.length ? c.tagIds.map((tagId) => <Tag key={tagId}>{tagNames.get(tagId) ?? `#${tagId}`}</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('liveCodes.fields.remark')}>{c.remarkTemplate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('liveCodes.fields.welcome')} span={2}>
                {c.welcome ? (
                  <Flex vertical gap={2}>
                    {c.welcome.text ? (
                      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.welcome.text}</Typography.Text>
                    ) : null}
                    {c.welcome.attachments.length ? (
                      <Typography.Text type="secondary">
                        {c.welcome.attachments.map((a) => t(`liveCodes.welcome.types.${a.type}`)).join(t('common.listSep'))}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ) : (
                  t('liveCodes.welcome.useDefault')
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'stats', label: t('liveCodes.stats.title'), children: <LiveCodeStats codeId={c.id} /> },
            { key: 'adds', label: t('liveCodes.adds.title'), children: <AddsTable codeId={c.id} /> },
          ]}
        />
      </Card>
      <LiveCodeForm
        open={editing}
        code={c}
        folders={folders.data?.items ?? []}
        defaultFolderId={c.folderId}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          refresh();
        }}
      />
    </>
  );
};
