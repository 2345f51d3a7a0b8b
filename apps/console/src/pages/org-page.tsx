import {
  ApartmentOutlined,
  BankOutlined,
  EditOutlined,
  PlusOutlined,
  SearchOutlined,
  ShopOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { HandoverModal } from '../components/handover-modal.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { StaffFormModal, type TStaffEditing } from '../components/staff-form-modal.tsx';
import { childKinds, type TUnitEditing, UnitFormModal } from '../components/unit-form-modal.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useOrgUnits } from '../lib/queries.ts';
import { canManageStaff, canManageTenant, useSession } from '../lib/session.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { THandover, TOrgUnit, TPage, TStaff } from '../types.ts';

const kindIcon = { hq: <BankOutlined />, region: <ApartmentOutlined />, store: <ShopOutlined /> } as const;

const buildTree = (units: TOrgUnit[], inactive: string): TreeDataNode[] => {
  const byParent = new Map<number | null, TOrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    // A unit whose parent is not visible (data scope) becomes a root.
    const key = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(u);
    byParent.set(key, list);
  }
  const order = { hq: 0, region: 1, store: 2 } as const;
  const build = (parent: number | null): TreeDataNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name))
      .map((u) => ({
        key: u.id,
        icon: kindIcon[u.kind],
        title: (
          <span style={{ whiteSpace: 'nowrap' }}>
            {u.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.code}
            </Typography.Text>
            {u.status === 'closed' ? (
              <Tag bordered={false} style={{ marginInlineStart: 6 }}>
                {inactive}
              </Tag>
            ) : null}
          </span>
        ),
        children: build(u.id),
      }));
  return build(null);
};

const StaffTab = ({ store }: { store: TOrgUnit | null }) => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 350);
  const [status, setStatus] = useState<TStaff['status'] | undefined>('active');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<TStaffEditing>(null);
  const [handoverFrom, setHandoverFrom] = useState<TStaff | null>(null);
  const storeId = store?.kind === 'store' ? store.id : undefined;

  const filters = { storeId, status, q: q || undefined };
  const list = useQuery({
    queryKey: ['staff', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => api<TPage<TStaff>>('/api/staff', { signal, query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const manage = canManageStaff(account.role);
  const columns: TableColumnsType<TStaff> = [
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('common.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '—' },
    { title: t('org.staff.role'), dataIndex: 'role', render: (v: TStaff['role']) => t(`staffRoles.${v}`) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (v: TStaff['status']) => <Tag color={v === 'active' ? 'green' : 'default'}>{t(`org.staff.statuses.${v}`)}</Tag>,
    },
    { title: t('org.staff.wecomUserId'), dataIndex: 'wecomUserId' },
    { title: t('org.staff.customerCount'), dataIndex: 'customerCount', align: 'right' },
    { title: t('org.staff.groupCount'), dataIndex: 'groupCount', align: 'right' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', staff: r })}>
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            danger={r.status === 'active'}
            icon={<SwapOutlined />}
            disabled={r.status === 'resigned' && r.customerCount === 0 && r.groupCount === 0}
            onClick={() => setHandoverFrom(r)}
            data-testid={`staff-handover-${r.id}`}
          >
            {r.status === 'active' ? t('org.staff.resignHandover') : t('org.staff.handover')}
          </Button>
        </Space>
      ),
    });
  }

  return (
    <>
      <Flex wrap gap={12} justify="space-between" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('org.staff.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
          <Select<TStaff['status']>
            allowClear
            value={status}
            placeholder={t('common.status')}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 140 }}
            options={[
              { value: 'active', label: t('org.staff.statuses.active') },
              { value: 'resigned', label: t('org.staff.statuses.resigned') },
            ]}
          />
        </Flex>
        {manage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create', storeId })}>
            {t('org.staff.create')}
          </Button>
        ) : null}
      </Flex>
      {store && store.kind !== 'store' ? (
        <Alert type="info" showIcon title={t('org.staff.pickStoreHint')} style={{ marginBottom: 12 }} />
      ) : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TStaff>
        rowKey="id"
        size="middle"
        data-testid="staff-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : t('org.staff.empty') }}
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
      <StaffFormModal editing={editing} onClose={() => setEditing(null)} />
      <HandoverModal from={handoverFrom} onClose={() => setHandoverFrom(null)} />
    </>
  );
};

const HandoversTab = () => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['handovers', page, pageSize],
    queryFn: ({ signal }) => api<TPage<THandover>>('/api/handovers', { signal, query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<THandover>
        rowKey="id"
        data-testid="handover-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : t('org.handover.empty') }}
        columns={[
          { title: t('common.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('org.handover.from'), dataIndex: 'fromStaffName' },
          { title: t('org.handover.to'), dataIndex: 'toStaffName' },
          {
            title: t('org.handover.kind'),
            dataIndex: 'kind',
            render: (v: THandover['kind']) => (
              <Tag color={v === 'resigned' ? 'orange' : 'blue'}>{t(`org.handover.kinds.${v}`)}</Tag>
            ),
          },
          { title: t('org.handover.customers'), dataIndex: 'customersMoved', align: 'right' },
          { title: t('org.handover.groups'), dataIndex: 'groupsMoved', align: 'right' },
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
    </>
  );
};

export const OrgPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const units = useOrgUnits();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [unitEditing, setUnitEditing] = useState<TUnitEditing>(null);
  const canEditUnits = canManageTenant(account.role);

  const all = units.data?.items ?? [];
  const tree = useMemo(() => buildTree(all, t('org.units.inactive')), [all, t]);
  const selected = all.find((u) => u.id === selectedId) ?? null;

  return (
    <>
      <PageHeader title={t('org.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={7}>
          <Card
            title={t('org.units.title')}
            extra={
              canEditUnits ? (
                <Space size={0}>
                  <Button
                    type="text"
                    icon={<PlusOutlined />}
                    disabled={all.length > 0 && childKinds(selected).length === 0}
                    onClick={() => setUnitEditing({ mode: 'create', parent: all.length === 0 ? null : selected })}
                    aria-label={t('org.units.add')}
                    title={t('org.units.add')}
                  />
                  <Button
                    type="text"
                    icon={<EditOutlined />}
                    disabled={!selected}
                    onClick={() => selected && setUnitEditing({ mode: 'edit', unit: selected })}
                    aria-label={t('common.edit')}
                    title={t('common.edit')}
                  />
                </Space>
              ) : null
            }
          >
            {units.isError ? <QueryError error={units.error} onRetry={() => void units.refetch()} /> : null}
            {units.isPending ? <Skeleton active /> : null}
            {units.isSuccess && all.length === 0 ? <Empty description={t('org.units.empty')} /> : null}
            {tree.length > 0 ? (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {canEditUnits ? t('org.units.hintEdit') : t('org.units.hint')}
                </Typography.Paragraph>
                <Tree
                  style={{ overflowX: 'auto' }}
                  showIcon
                  blockNode
                  defaultExpandAll
                  treeData={tree}
                  selectedKeys={selectedId !== null ? [selectedId] : []}
                  onSelect={(keys) => setSelectedId(keys.length ? Number(keys[0]) : null)}
                  data-testid="org-tree"
                />
              </>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={17}>
          <Card
            title={
              selected ? (
                <Space>
                  {kindIcon[selected.kind]}
                  {selected.name}
                  {selected.kind === 'store' && (selected.city || selected.address) ? (
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                      {[selected.city, selected.address].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  ) : null}
                </Space>
              ) : (
                t('org.allStaff')
              )
            }
          >
            <Tabs
              items={[
                { key: 'staff', label: t('org.staff.title'), children: <StaffTab store={selected} /> },
                { key: 'handovers', label: t('org.handover.history'), children: <HandoversTab /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <UnitFormModal editing={unitEditing} onClose={() => setUnitEditing(null)} />
    </>
  );
};
