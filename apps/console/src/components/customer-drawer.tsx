import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Descriptions, Drawer, Empty, Flex, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { useTagGroups } from '../lib/queries.ts';
import type { TCustomerDetail, TCustomerField, TFollow, TOrder, TPage } from '../types.ts';
import { CustomerFormModal } from './customer-form-modal.tsx';
import { CustomerTimeline } from './customer-timeline.tsx';
import { OrderItems, useOrderColumns } from './order-columns.tsx';
import { QueryError } from './query-error.tsx';
import { TagSelect } from './tag-select.tsx';

type TTabKey = 'profile' | 'tags' | 'groups' | 'orders' | 'timeline';

const attrText = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const ProfileTab = ({ c }: { c: TCustomerDetail }) => {
  const { t } = useTranslation();
  const attrs = Object.entries(c.attrs ?? {});
  // Custom field definitions give the attributes their human labels; the raw key is the fallback.
  const fields = useQuery({
    queryKey: ['customer-fields'],
    queryFn: ({ signal }) => api<{ items: TCustomerField[] }>('/api/customer-fields', { signal, silent: true }),
    staleTime: 5 * 60_000,
    enabled: attrs.length > 0,
  });
  const labelOf = (key: string) => fields.data?.items.find((f) => f.key === key)?.label ?? key;
  return (
    <Flex vertical gap={24}>
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'id', label: t('common.id'), children: c.id },
          { key: 'name', label: t('customers.fields.name'), children: c.name },
          { key: 'gender', label: t('customers.fields.gender'), children: t(`gender.${c.gender}`) },
          { key: 'phone', label: t('customers.fields.phone'), children: c.phone ?? '—' },
          { key: 'store', label: t('common.store'), children: c.storeName ?? '—' },
          {
            key: 'staff',
            label: t('customers.fields.staff'),
            children: c.staff.length ? c.staff.map((s) => s.name).join(t('common.listSep')) : '—',
          },
          { key: 'orderCount', label: t('customers.fields.orderCount'), children: c.orderCount },
          { key: 'totalSpent', label: t('customers.fields.totalSpent'), children: formatMoney(c.totalSpentCents) },
          { key: 'lastOrderAt', label: t('customers.fields.lastOrderAt'), children: formatDateTime(c.lastOrderAt) },
          { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(c.createdAt) },
          { key: 'externalUserId', label: t('customers.fields.externalUserId'), children: c.externalUserId ?? '—' },
          { key: 'unionId', label: t('customers.fields.unionId'), children: c.unionId ?? '—' },
          ...(c.deletedAt
            ? [{ key: 'deletedAt', label: t('customers.fields.deletedAt'), children: formatDateTime(c.deletedAt) }]
            : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('customers.fields.attrs')}</Typography.Title>
        {attrs.length === 0 ? (
          <Typography.Text type="secondary">{t('customers.noAttrs')}</Typography.Text>
        ) : (
          <Descriptions
            size="small"
            bordered
            column={2}
            items={attrs.map(([k, v]) => ({ key: k, label: labelOf(k), children: attrText(v) }))}
          />
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t('customers.follows.title')}</Typography.Title>
        <Table<TFollow>
          size="small"
          rowKey="id"
          dataSource={c.follows}
          pagination={false}
          locale={{ emptyText: t('customers.follows.empty') }}
          columns={[
            { title: t('common.staff'), dataIndex: 'staffName' },
            { title: t('customers.follows.remark'), dataIndex: 'remark', render: (v: string | null) => v ?? '—' },
            { title: t('customers.follows.state'), dataIndex: 'state', render: (v: string | null) => v ?? '—' },
            { title: t('customers.follows.addedAt'), dataIndex: 'addedAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('customers.follows.status'),
              key: 'status',
              render: (_, f) =>
                f.deletedAt ? (
                  <Tag color="red">
                    {t(f.deletedBy === 'staff' ? 'customers.follows.deletedByStaff' : 'customers.follows.deletedByCustomer')}{' '}
                    {formatDateTime(f.deletedAt)}
                  </Tag>
                ) : (
                  <Tag color="green">{t('customers.follows.active')}</Tag>
                ),
            },
          ]}
        />
      </div>
    </Flex>
  );
};

const TagsTab = ({ c }: { c: TCustomerDetail }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: groups } = useTagGroups();
  const [selected, setSelected] = useState<number[]>([]);
  const groupName = (groupId: number) => groups?.items.find((g) => g.id === groupId)?.name;

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['customer', c.id] });
    void qc.invalidateQueries({ queryKey: ['customers'] });
    void qc.invalidateQueries({ queryKey: ['tag-groups'] });
  };
  const add = useMutation({
    mutationFn: (tagIds: number[]) => api<void>(`/api/customers/${c.id}/tags`, { method: 'POST', body: { tagIds } }),
    onSuccess: () => {
      setSelected([]);
      void message.success(t('customers.tags.added'));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (tagId: number) => api<void>(`/api/customers/${c.id}/tags/${tagId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('customers.tags.removed'));
      refresh();
    },
  });

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} data-testid="customer-tags">
        {c.tags.length === 0 ? <Typography.Text type="secondary">{t('customers.tags.none')}</Typography.Text> : null}
        {c.tags.map((tag) => (
          <Tag
            key={tag.id}
            color="blue"
            closable
            data-tag-id={tag.id}
            onClose={(e) => {
              // Keep the tag on screen until the server has removed it.
              e.preventDefault();
              remove.mutate(tag.id);
            }}
          >
            {groupName(tag.groupId) ? `${groupName(tag.groupId)} · ${tag.name}` : tag.name}
          </Tag>
        ))}
      </Flex>
      <Space.Compact style={{ width: '100%' }}>
        <TagSelect
          value={selected}
          onChange={setSelected}
          excludeIds={c.tags.map((tag) => tag.id)}
          placeholder={t('customers.tags.choose')}
          style={{ flex: 1 }}
          testId="customer-add-tag-select"
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={selected.length === 0}
          loading={add.isPending}
          onClick={() => add.mutate(selected)}
          data-testid="customer-add-tag-submit"
        >
          {t('customers.tags.add')}
        </Button>
      </Space.Compact>
    </Flex>
  );
};

const GroupsTab = ({ c }: { c: TCustomerDetail }) => {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.groupId}-${r.joinedAt}`}
      dataSource={c.groups}
      pagination={false}
      locale={{ emptyText: t('customers.groups.empty') }}
      columns={[
        {
          title: t('groups.name'),
          dataIndex: 'name',
          render: (v: string, r) => <Link to={`/groups/${r.groupId}`}>{v}</Link>,
        },
        { title: t('groups.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDateTime(v) },
        {
          title: t('groups.memberStatus'),
          dataIndex: 'leftAt',
          render: (v: string | null) =>
            v ? <Tag>{t('groups.leftAt', { time: formatDateTime(v) })}</Tag> : <Tag color="green">{t('groups.inGroup')}</Tag>,
        },
      ]}
    />
  );
};

const OrdersTab = ({ customerId }: { customerId: number }) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const columns = useOrderColumns();
  const q = useQuery({
    queryKey: ['customer', customerId, 'orders', page, pageSize],
    queryFn: ({ signal }) => api<TPage<TOrder>>(`/api/customers/${customerId}/orders`, { signal, query: { page, pageSize } }),
    placeholderData: (prev) => prev,
  });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table<TOrder>
      size="small"
      rowKey="id"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      columns={columns}
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (r) => <OrderItems items={r.items} /> }}
      locale={{ emptyText: <Empty description={t('orders.empty')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: q.data?.total ?? 0,
        showSizeChanger: true,
        onChange: (p, s) => {
          setPage(p);
          setPageSize(s);
        },
      }}
    />
  );
};

type TProps = { customerId: number | null; onClose: () => void };

/** The customer card: profile, tags, groups, orders and timeline, in a drawer over any page. */
export const CustomerDrawer = ({ customerId, onClose }: TProps) => {
  const { t } = useTranslation();
  const [tab, setTab] = useState<TTabKey>('profile');
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['customer', customerId, 'detail'],
    queryFn: ({ signal }) => api<TCustomerDetail>(`/api/customers/${customerId}`, { signal }),
    enabled: customerId !== null,
  });

  useEffect(() => {
    if (customerId !== null) setTab('profile');
  }, [customerId]);

  const c = q.data;
  return (
    <Drawer
      open={customerId !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-testid="customer-drawer"
      title={
        c ? (
          <Flex align="center" gap={8}>
            <Avatar src={c.avatar ?? undefined}>{c.name.slice(0, 1)}</Avatar>
            <span>{c.name}</span>
            {c.deletedAt ? <Tag color="red">{t('customers.deleted')}</Tag> : null}
          </Flex>
        ) : (
          t('customers.detail')
        )
      }
      extra={
        c ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isPending && customerId !== null ? <Skeleton active /> : null}
      {c ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as TTabKey)}
          items={[
            { key: 'profile', label: t('customers.tabs.profile'), children: <ProfileTab c={c} /> },
            {
              key: 'tags',
              label: `${t('customers.tabs.tags')} (${c.tags.length})`,
              children: <TagsTab c={c} />,
            },
            {
              key: 'groups',
              label: `${t('customers.tabs.groups')} (${c.groups.length})`,
              children: <GroupsTab c={c} />,
            },
            { key: 'orders', label: t('customers.tabs.orders'), children: <OrdersTab customerId={c.id} /> },
            { key: 'timeline', label: t('customers.tabs.timeline'), children: <CustomerTimeline customerId={c.id} /> },
          ]}
        />
      ) : null}
      <CustomerFormModal open={editing} onClose={() => setEditing(false)} customer={c} />
    </Drawer>
  );
};
