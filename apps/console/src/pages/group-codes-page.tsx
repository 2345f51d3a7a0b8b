import { DeleteOutlined, PlusOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatNumber } from '../lib/format.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TPage } from '../types.ts';
import { CodeQr } from './group-codes/code-qr.tsx';
import { GroupCodeDetail } from './group-codes/group-code-detail.tsx';
import { GroupCodeForm } from './group-codes/group-code-form.tsx';
import type { TGroupCode, TGroupCodeStatus } from './group-codes/types.ts';
import { NotFoundPage } from './not-found-page.tsx';

const GroupCodeList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const [status, setStatus] = useState<TGroupCodeStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['group-codes', 'list', search, status, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TGroupCode>>('/api/group-codes', { signal, query: { q: search || undefined, status, page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/group-codes/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('groupCodes.deleted'));
      void qc.invalidateQueries({ queryKey: ['group-codes'] });
    },
  });
  const filtered = !!search || status !== undefined;
  const empty = list.isSuccess && list.data.total === 0;

  return (
    <>
      <PageHeader
        title={t('groupCodes.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="group-code-create">
                {t('groupCodes.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('groupCodes.intro')}</Typography.Paragraph>
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            placeholder={t('groupCodes.searchPlaceholder')}
            style={{ width: 240 }}
          />
          <Select<TGroupCodeStatus>
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            placeholder={t('groupCodes.allStatuses')}
            style={{ width: 140 }}
            options={(['active', 'paused'] as const).map((s) => ({ value: s, label: t(`groupCodes.status.${s}`) }))}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {empty && !filtered ? (
          <Empty description={t('groupCodes.empty')}>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('groupCodes.create')}
              </Button>
            ) : null}
          </Empty>
        ) : (
          <Table<TGroupCode>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            data-testid="group-code-table"
            locale={{ emptyText: <Empty description={t('groupCodes.emptyFiltered')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            columns={[
              {
                title: t('groupCodes.columns.name'),
                render: (_, c) => (
                  <Flex vertical>
                    <Flex gap={6} align="center">
                      <Link to={`/group-codes/${c.id}`}>{c.name}</Link>
                      {c.waysError ? (
                        <Tooltip title={t('groupCodes.waysError', { error: c.waysError })}>
                          <WarningOutlined style={{ color: '#faad14' }} />
                        </Tooltip>
                      ) : null}
                    </Flex>
                    {c.storeName ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.storeName}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                title: t('groupCodes.columns.link'),
                render: (_, c) => (
                  <Flex vertical gap={4}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.url}
                    </Typography.Text>
                    <CodeQr url={c.url} name={c.name} />
                  </Flex>
                ),
              },
              { title: t('groupCodes.columns.rule'), render: (_, c) => t(`groupCodes.rules.${c.rule}`) },
              {
                title: t('groupCodes.columns.pool'),
                render: (_, c) => (
                  <Typography.Text type={c.groupsWithRoom === 0 && c.poolSize > 0 ? 'warning' : undefined}>
                    {t('groupCodes.poolSummary', { size: c.poolSize, room: c.groupsWithRoom })}
                  </Typography.Text>
                ),
              },
              { title: t('groupCodes.columns.members'), align: 'right', render: (_, c) => formatNumber(c.members) },
              { title: t('groupCodes.columns.opened'), align: 'right', render: (_, c) => formatNumber(c.groupsOpened) },
              {
                title: t('groupCodes.columns.status'),
                render: (_, c) => (
                  <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`groupCodes.status.${c.status}`)}</Tag>
                ),
              },
              ...(canEdit
                ? [
                    {
                      title: t('common.actions'),
                      width: 80,
                      render: (_: unknown, c: TGroupCode) => (
                        <Popconfirm
                          title={t('groupCodes.deleteConfirm', { name: c.name })}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove.mutate(c.id)}
                        >
                          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <GroupCodeForm
        code={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(code) => {
          setCreating(false);
          void message.success(t('groupCodes.form.created'));
          void qc.invalidateQueries({ queryKey: ['group-codes'] });
          navigate(`/group-codes/${code.id}`);
        }}
      />
    </>
  );
};

const DetailRoute = () => {
  const { id } = useParams();
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return <NotFoundPage />;
  return <GroupCodeDetail id={n} />;
};

/** Group live codes: the list at /group-codes, one code at /group-codes/:id. */
export const GroupCodesPage = () => (
  <Routes>
    <Route index element={<GroupCodeList />} />
    <Route path=":id" element={<DetailRoute />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);
