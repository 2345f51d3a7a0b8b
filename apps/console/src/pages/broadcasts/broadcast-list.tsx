import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { reachOf, STATUS_COLOR, type TBroadcast, type TBroadcastStatus } from './types.ts';

const STATUSES: TBroadcastStatus[] = ['draft', 'scheduled', 'planning', 'sending', 'sent', 'cancelled', 'failed'];

/** Broadcasts, newest first: name, status, send time, reach, delivered and not delivered. */
export const BroadcastList = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<TBroadcastStatus | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['broadcasts', status, q, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TBroadcast>>('/api/broadcasts', { signal, query: { status, q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
    // While something is on its way, the numbers move.
    refetchInterval: (query) =>
      query.state.data?.items.some((b) => ['scheduled', 'planning', 'sending'].includes(b.status)) ? 5000 : false,
  });
  return (
    <>
      <PageHeader
        title={t('broadcasts.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/broadcasts/new')} data-testid="broadcast-new">
            {t('broadcasts.newBroadcast')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('broadcasts.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('broadcasts.search')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t('broadcasts.allStatuses')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`broadcasts.status.${s}`) }))}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TBroadcast>
          rowKey="id"
          data-testid="broadcast-list"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : t('broadcasts.empty') }}
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
            {
              title: t('broadcasts.col.name'),
              dataIndex: 'name',
              render: (name: string, b) => (
                <Link to={`/broadcasts/${b.id}`} data-testid={`broadcast-row-${b.id}`}>
                  {name}
                </Link>
              ),
            },
            {
              title: t('broadcasts.col.target'),
              dataIndex: 'target',
              render: (v: TBroadcast['target']) => t(`broadcasts.target.${v}`),
            },
            {
              title: t('broadcasts.col.status'),
              dataIndex: 'status',
              render: (s: TBroadcastStatus) => (
                <Tag color={STATUS_COLOR[s]} data-testid="broadcast-status">
                  {t(`broadcasts.status.${s}`)}
                </Tag>
              ),
            },
            {
              title: t('broadcasts.col.schedule'),
              dataIndex: 'sendAt',
              render: (v: string | null) => (v ? formatDateTime(v) : t('broadcasts.col.now')),
            },
            {
              title: t('broadcasts.col.reach'),
              align: 'right',
              render: (_: unknown, b) => formatNumber(b.status === 'draft' ? null : reachOf(b)),
            },
            { title: t('broadcasts.col.sent'), align: 'right', render: (_: unknown, b) => formatNumber(b.counts.sent ?? 0) },
            {
              title: t('broadcasts.col.failed'),
              align: 'right',
              render: (_: unknown, b) =>
                formatNumber((b.counts.failed ?? 0) + (b.counts.unconfirmed ?? 0) + (b.counts.over_limit ?? 0)),
            },
          ]}
        />
      </Card>
    </>
  );
};
