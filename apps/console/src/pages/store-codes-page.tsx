import { DeleteOutlined, PlusOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TPage } from '../types.ts';
import { CodeQr } from './store-codes/code-qr.tsx';
import { DistanceText } from './store-codes/distance-text.tsx';
import { StoreCodeDetail } from './store-codes/store-code-detail.tsx';
import { StoreCodeForm } from './store-codes/store-code-form.tsx';
import type { TStoreCode } from './store-codes/types.ts';

const StoreCodeList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['store-codes', search, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TStoreCode>>('/api/store-codes', { signal, query: { q: search || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/store-codes/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('storeCodes.deleted'));
      void qc.invalidateQueries({ queryKey: ['store-codes'] });
    },
  });
  const empty = list.isSuccess && list.data.total === 0;

  return (
    <>
      <PageHeader
        title={t('storeCodes.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/store-codes/new')}>
                {t('storeCodes.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('storeCodes.intro')}</Typography.Paragraph>
      <Card>
        <Flex style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={q}
            maxLength={64}
            placeholder={t('storeCodes.searchPlaceholder')}
            style={{ width: 260 }}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {empty && !search ? (
          <Empty description={t('storeCodes.empty')}>
            {canEdit ? (
              <Button type="primary" onClick={() => navigate('/store-codes/new')}>
                {t('storeCodes.create')}
              </Button>
            ) : null}
          </Empty>
        ) : (
          <Table<TStoreCode>
            rowKey="id"
            data-testid="store-codes-table"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : t('storeCodes.emptySearch') }}
            columns={[
              {
                title: t('storeCodes.columns.name'),
                key: 'name',
                render: (_, r) => (
                  <Flex vertical>
                    <Link to={`/store-codes/${r.id}`}>{r.name}</Link>
                    {r.headline ? <Typography.Text type="secondary">{r.headline}</Typography.Text> : null}
                  </Flex>
                ),
              },
              {
                title: t('storeCodes.columns.link'),
                key: 'link',
                render: (_, r) => (
                  <Flex gap={8} align="center">
                    <Typography.Text copyable={{ text: r.url, tooltips: [t('storeCodes.copyLink'), t('common.saved')] }} code>
                      /s/{r.slug}
                    </Typography.Text>
                    <CodeQr code={r} />
                  </Flex>
                ),
              },
              {
                title: t('storeCodes.columns.radius'),
                dataIndex: 'radiusMetres',
                render: (v: number) => <DistanceText metres={v} />,
              },
              {
                title: <Tooltip title={t('storeCodes.storesHint')}>{t('storeCodes.columns.stores')}</Tooltip>,
                key: 'stores',
                render: (_, r) => t('storeCodes.storesCount', { routable: r.routableStoreCount, total: r.storeCount }),
              },
              {
                title: t('storeCodes.columns.fallback'),
                key: 'fallback',
                render: (_, r) => (
                  <>
                    {r.fallbackStoreName ?? `#${r.fallbackStoreId}`}{' '}
                    {r.fallbackStoreOpen ? null : (
                      <Tooltip title={t('storeCodes.fallbackClosedHint')}>
                        <Tag color="red" icon={<WarningOutlined />}>
                          {t('storeCodes.fallbackClosed')}
                        </Tag>
                      </Tooltip>
                    )}
                  </>
                ),
              },
              { title: t('storeCodes.columns.scans7d'), dataIndex: 'scans7d', render: (v: number) => formatNumber(v) },
              { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: 'right',
                render: (_, r) => (
                  <Flex gap={8}>
                    <Link to={`/store-codes/${r.id}`}>{canEdit ? t('common.edit') : t('storeCodes.tabs.stats')}</Link>
                    <Link to={`/store-codes/${r.id}?tab=test`}>{t('storeCodes.tabs.test')}</Link>
                    {canEdit ? (
                      <Popconfirm
                        title={t('storeCodes.deleteTitle', { name: r.name })}
                        description={t('storeCodes.deleteBody')}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(r.id).catch(() => undefined)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} style={{ padding: 0 }}>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
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
          />
        )}
      </Card>
    </>
  );
};

/** 门店活码: list, create/edit, test a location, statistics. */
export const StoreCodesPage = () => (
  <Routes>
    <Route index element={<StoreCodeList />} />
    <Route path="new" element={<StoreCodeForm />} />
    <Route path=":id" element={<StoreCodeDetail />} />
  </Routes>
);
