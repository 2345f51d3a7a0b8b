import { Button, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import type { TOrder, TOrderItem } from '../types.ts';

export const useOrderColumns = (opts: { withCustomer?: boolean; onCustomerClick?: (id: number) => void } = {}) => {
  const { t } = useTranslation();
  const cols: TableColumnsType<TOrder> = [
    { title: t('orders.externalId'), dataIndex: 'externalId', render: (v: string | null, r) => v ?? `#${r.id}` },
  ];
  if (opts.withCustomer) {
    cols.push({
      title: t('common.customer'),
      dataIndex: 'customerName',
      render: (v: string | undefined, r) =>
        r.customerId && opts.onCustomerClick ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => r.customerId && opts.onCustomerClick?.(r.customerId)}
          >
            {v ?? `#${r.customerId}`}
          </Button>
        ) : (
          (v ?? '—')
        ),
    });
  }
  cols.push(
    {
      title: t('orders.amount'),
      dataIndex: 'amountCents',
      align: 'right',
      render: (v: number) => formatMoney(v),
    },
    {
      title: t('orders.status'),
      dataIndex: 'status',
      render: (v: TOrder['status']) => <Tag color={v === 'paid' ? 'green' : 'orange'}>{t(`orders.statuses.${v}`)}</Tag>,
    },
    { title: t('orders.itemCount'), key: 'items', render: (_, r) => r.items.reduce((n, i) => n + i.quantity, 0) },
    { title: t('common.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '—' },
    { title: t('orders.staff'), dataIndex: 'staffName', render: (v: string | null) => v ?? '—' },
    { title: t('orders.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => formatDateTime(v) },
    { title: t('orders.refundedAt'), dataIndex: 'refundedAt', render: (v: string | null) => formatDateTime(v) },
  );
  return cols;
};

/** The line items of one order (table expansion). */
export const OrderItems = ({ items }: { items: TOrderItem[] }) => {
  const { t } = useTranslation();
  return (
    <Table<TOrderItem>
      size="small"
      rowKey={(r) => `${r.sku}-${r.name}`}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t('orders.noItems') }}
      columns={[
        { title: t('orders.sku'), dataIndex: 'sku' },
        { title: t('orders.itemName'), dataIndex: 'name' },
        { title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('orders.price'), dataIndex: 'priceCents', align: 'right', render: (v: number) => formatMoney(v) },
        {
          title: t('orders.subtotal'),
          key: 'subtotal',
          align: 'right',
          render: (_, r) => formatMoney(r.priceCents * r.quantity),
        },
      ]}
    />
  );
};
