import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Avatar, Button, Card, Checkbox, Flex, Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { CustomerDrawer } from '../components/customer-drawer.tsx';
import { CustomerFormModal } from '../components/customer-form-modal.tsx';
import { ExportCustomers, ImportCustomers } from '../components/import-customers.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { StaffSelect } from '../components/staff-select.tsx';
import { StoreSelect } from '../components/store-select.tsx';
import { TagSelect } from '../components/tag-select.tsx';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TCustomer, TPage } from '../types.ts';

const intParam = (v: string | null): number | undefined => {
  const n = v ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const idsParam = (v: string | null): number[] =>
  (v ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);

export const CustomersPage = () => {
  const { t } = useTranslation();
  // Filters, page and the open customer live in the URL, so a view can be shared and survives reloads.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tagIds = useMemo(() => idsParam(params.get('tags')), [params]);
  const storeId = intParam(params.get('store'));
  const staffId = intParam(params.get('staff'));
  const includeDeleted = params.get('deleted') === '1';
  const page = intParam(params.get('page')) ?? 1;
  const pageSize = intParam(params.get('size')) ?? 20;
  const openId = intParam(params.get('customer')) ?? null;

  const [search, setSearch] = useState(q);
  const debounced = useDebounced(search.trim(), 350);
  const [creating, setCreating] = useState(false);

  const update = (patch: Record<string, string | undefined>, resetPage = true) => {
    // From the live URL, not the hook's `prev`: two updates between renders (a debounced search and a
    // filter click) would otherwise overwrite each other.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text drives this; `q` follows it.
  useEffect(() => {
    if (debounced !== q) update({ q: debounced || undefined });
  }, [debounced]);

  const filters = {
    q: q || undefined,
    tagIds: tagIds.length ? tagIds : undefined,
    storeId,
    staffId,
    includeDeleted: includeDeleted || undefined,
  };

  const list = useQuery({
    queryKey: ['customers', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api<TPage<TCustomer>>('/api/customers', { signal, query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TCustomer> = [
    {
      title: t('customers.fields.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (v: string, r) => (
        <Flex align="center" gap={8}>
          <Avatar size="small" src={r.avatar ?? undefined}>
            {v.slice(0, 1)}
          </Avatar>
          <Typography.Text delete={Boolean(r.deletedAt)}>{v}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('customers.fields.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('customers.fields.gender'), dataIndex: 'gender', render: (v: number) => t(`gender.${v}`) },
    { title: t('common.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '—' },
    {
      title: t('customers.fields.staff'),
      dataIndex: 'staff',
      render: (v: TCustomer['staff']) => (v.length ? v.map((s) => s.name).join(t('common.listSep')) : '—'),
    },
    {
      title: t('common.tags'),
      dataIndex: 'tags',
      render: (v: TCustomer['tags']) => (
        <Flex wrap gap={4}>
          {v.slice(0, 4).map((tag) => (
            <Tag key={tag.id} color="blue" style={{ marginInlineEnd: 0 }}>
              {tag.name}
            </Tag>
          ))}
          {v.length > 4 ? <Tag style={{ marginInlineEnd: 0 }}>+{v.length - 4}</Tag> : null}
        </Flex>
      ),
    },
    { title: t('customers.fields.orderCount'), dataIndex: 'orderCount', align: 'right' },
    {
      title: t('customers.fields.totalSpent'),
      dataIndex: 'totalSpentCents',
      align: 'right',
      render: (v: number) => formatMoney(v),
    },
    { title: t('customers.fields.lastOrderAt'), dataIndex: 'lastOrderAt', render: (v: string | null) => formatDateTime(v) },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          <>
            <ImportCustomers />
            <ExportCustomers filters={filters} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create">
              {t('customers.create')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('customers.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onPressEnter={() => update({ q: search.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="customer-search"
          />
          <TagSelect
            value={tagIds}
            onChange={(v) => update({ tags: v.length ? v.join(',') : undefined })}
            placeholder={t('customers.tagFilter')}
            style={{ minWidth: 240 }}
            testId="customer-tag-filter"
          />
          <StoreSelect value={storeId} onChange={(v) => update({ store: v ? String(v) : undefined, staff: undefined })} />
          <StaffSelect value={staffId} storeId={storeId} onChange={(v) => update({ staff: v ? String(v) : undefined })} />
          <Checkbox checked={includeDeleted} onChange={(e) => update({ deleted: e.target.checked ? '1' : undefined })}>
            {t('customers.includeDeleted')}
          </Checkbox>
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TCustomer>
          rowKey="id"
          data-testid="customer-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          rowClassName={() => 'pond-clickable-row'}
          onRow={(r) => ({ onClick: () => update({ customer: String(r.id) }, false) })}
          locale={{ emptyText: list.isPending ? ' ' : t('customers.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => update({ page: p > 1 ? String(p) : undefined, size: s !== 20 ? String(s) : undefined }, false),
          }}
        />
      </Card>
      <CustomerDrawer customerId={openId} onClose={() => update({ customer: undefined }, false)} />
      <CustomerFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => update({ customer: String(c.id) }, false)}
      />
    </>
  );
};
