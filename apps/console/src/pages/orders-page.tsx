import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { CustomerDrawer } from '../components/customer-drawer.tsx';
import { CustomerSelect } from '../components/customer-select.tsx';
import { OrderItems, useOrderColumns } from '../components/order-columns.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { StoreSelect } from '../components/store-select.tsx';
import type { TOrder, TPage } from '../types.ts';

export const OrdersPage = () => {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState<number | undefined>();
  const [storeId, setStoreId] = useState<number | undefined>();
  const [status, setStatus] = useState<TOrder['status'] | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openCustomer, setOpenCustomer] = useState<number | null>(null);
  const columns = useOrderColumns({ withCustomer: true, onCustomerClick: setOpenCustomer });

  const filters = { customerId, storeId, status };
  const list = useQuery({
    queryKey: ['orders', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api<TPage<TOrder>>('/api/orders', { signal, query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('orders.title')} />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <CustomerSelect
            value={customerId}
            onChange={(v) => {
              setCustomerId(v);
              setPage(1);
            }}
          />
          <StoreSelect
            value={storeId}
            onChange={(v) => {
              setStoreId(v);
              setPage(1);
            }}
          />
          <Select<TOrder['status']>
            allowClear
            value={status}
            placeholder={t('orders.status')}
            style={{ width: 140 }}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: 'paid', label: t('orders.statuses.paid') },
              { value: 'refunded', label: t('orders.statuses.refunded') },
            ]}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TOrder>
          rowKey="id"
          data-testid="order-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (r) => <OrderItems items={r.items} /> }}
          locale={{ emptyText: list.isPending ? ' ' : t('orders.empty') }}
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
      <CustomerDrawer customerId={openCustomer} onClose={() => setOpenCustomer(null)} />
    </>
  );
};
