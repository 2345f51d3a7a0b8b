import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Input, Progress, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { GroupStatusTag } from '../components/group-status-tag.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { StaffSelect } from '../components/staff-select.tsx';
import { StoreSelect } from '../components/store-select.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TGroup, TPage } from '../types.ts';

export const GroupsPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [storeId, setStoreId] = useState<number | undefined>();
  const [ownerStaffId, setOwnerStaffId] = useState<number | undefined>();
  const [status, setStatus] = useState<TGroup['status'] | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const filters = { q: q || undefined, storeId, ownerStaffId, status };
  const list = useQuery({
    queryKey: ['groups', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api<TPage<TGroup>>('/api/groups', { signal, query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TGroup> = [
    { title: t('groups.name'), dataIndex: 'name' },
    { title: t('common.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '—' },
    { title: t('groups.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    { title: t('groups.kind'), dataIndex: 'kind', render: (v: string) => t(`groups.kinds.${v}`, { defaultValue: v }) },
    {
      title: t('groups.members'),
      key: 'members',
      width: 200,
      render: (_, r) => (
        <Flex align="center" gap={8}>
          <Progress
            percent={r.memberCap > 0 ? Math.round((r.memberCount / r.memberCap) * 100) : 0}
            size="small"
            showInfo={false}
            style={{ width: 80, margin: 0 }}
          />
          <span>
            {r.memberCount}/{r.memberCap}
          </span>
        </Flex>
      ),
    },
    { title: t('common.status'), dataIndex: 'status', render: (v: TGroup['status']) => <GroupStatusTag status={v} /> },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <>
      <PageHeader title={t('groups.title')} />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('groups.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ width: 240 }}
            data-testid="group-search"
          />
          <StoreSelect value={storeId} onChange={resetPage(setStoreId)} />
          <StaffSelect
            value={ownerStaffId}
            storeId={storeId}
            onChange={resetPage(setOwnerStaffId)}
            placeholder={t('groups.owner')}
          />
          <Select<TGroup['status']>
            allowClear
            value={status}
            onChange={resetPage(setStatus)}
            placeholder={t('common.status')}
            style={{ width: 140 }}
            options={[
              { value: 'active', label: t('groups.statuses.active') },
              { value: 'dismissed', label: t('groups.statuses.dismissed') },
            ]}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TGroup>
          rowKey="id"
          data-testid="group-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          rowClassName={() => 'pond-clickable-row'}
          onRow={(r) => ({ onClick: () => navigate(`/groups/${r.id}`) })}
          locale={{ emptyText: list.isPending ? ' ' : t('groups.empty') }}
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
      </Card>
    </>
  );
};
