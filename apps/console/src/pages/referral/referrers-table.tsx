import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Popconfirm, Select, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { AddReferrerModal } from './add-referrer-modal.tsx';
import type { TReferrer } from './types.ts';

type TSort = 'newest' | 'earnings' | 'referrals';

/** Referrers with their referrals and commission totals by state; search, filters, sort, paging. */
export const ReferrersTable = ({ canManage, onOpen }: { canManage: boolean; onOpen: (id: number) => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [kind, setKind] = useState<TReferrer['kind'] | undefined>();
  const [status, setStatus] = useState<TReferrer['status'] | undefined>();
  const [sort, setSort] = useState<TSort>('newest');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['referral-referrers', q, kind, status, sort, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TReferrer>>('/api/referral/referrers', {
        signal,
        query: { q: q || undefined, kind, status, sort, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  const setReferrerStatus = useMutation({
    mutationFn: (v: { id: number; status: TReferrer['status'] }) =>
      api<TReferrer>(`/api/referral/referrers/${v.id}`, { method: 'PATCH', body: { status: v.status } }),
    onSuccess: () => {
      void message.success(t('referral.referrers.updated'));
      void qc.invalidateQueries({ queryKey: ['referral-referrers'] });
    },
  });
  const copy = async (url: string) => {
    await navigator.clipboard.writeText(url);
    void message.success(t('referral.referrers.copied'));
  };
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('referral.referrers.search')}
          style={{ width: 240 }}
          value={search}
          maxLength={64}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          data-testid="referral-search"
        />
        <Select
          allowClear
          placeholder={t('referral.referrers.allKinds')}
          value={kind}
          style={{ width: 140 }}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={(['customer', 'staff'] as const).map((k) => ({ value: k, label: t(`referral.kind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('referral.referrers.allStatuses')}
          value={status}
          style={{ width: 140 }}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`referral.status.${s}`) }))}
        />
        <Select<TSort>
          value={sort}
          style={{ width: 160 }}
          onChange={(v) => {
            setSort(v);
            setPage(1);
          }}
          options={(['newest', 'earnings', 'referrals'] as const).map((s) => ({
            value: s,
            label: t(`referral.referrers.sort.${s}`),
          }))}
        />
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="referral-add-referrer">
            {t('referral.referrers.add')}
          </Button>
        ) : null}
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TReferrer>
        rowKey="id"
        data-testid="referral-referrers-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : t('referral.referrers.empty') }}
        columns={[
          {
            title: t('referral.referrers.name'),
            key: 'name',
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(r.id)}>
                {r.name} · #{r.id}
              </Button>
            ),
          },
          {
            title: t('referral.add.kind'),
            dataIndex: 'kind',
            render: (v: TReferrer['kind']) => <Tag>{t(`referral.kind.${v}`)}</Tag>,
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (v: TReferrer['status']) => (
              <Tag color={v === 'active' ? 'green' : 'default'}>{t(`referral.status.${v}`)}</Tag>
            ),
          },
          { title: t('referral.referrers.referrals'), dataIndex: 'referrals', align: 'right' },
          {
            title: t('referral.stats.pending'),
            key: 'pending',
            align: 'right',
            render: (_, r) => formatMoney(r.totals.pendingCents),
          },
          {
            title: t('referral.stats.settled'),
            key: 'settled',
            align: 'right',
            render: (_, r) => formatMoney(r.totals.settledCents),
          },
          { title: t('referral.stats.paid'), key: 'paid', align: 'right', render: (_, r) => formatMoney(r.totals.paidCents) },
          {
            title: t('referral.referrers.parent'),
            dataIndex: 'parentReferrerId',
            render: (v: number | null) =>
              v ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(v)}>
                  #{v}
                </Button>
              ) : (
                '—'
              ),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => onOpen(r.id)}>
                  {t('referral.referrers.view')}
                </Button>
                {r.url ? (
                  <Tooltip title={r.url}>
                    <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(r.url ?? '')}>
                      {t('referral.referrers.copyLink')}
                    </Button>
                  </Tooltip>
                ) : null}
                {canManage ? (
                  <Popconfirm
                    title={r.status === 'active' ? t('referral.referrers.disableConfirm') : t('referral.referrers.enableConfirm')}
                    okButtonProps={{ danger: r.status === 'active' }}
                    onConfirm={() =>
                      setReferrerStatus.mutate({ id: r.id, status: r.status === 'active' ? 'disabled' : 'active' })
                    }
                  >
                    <Button size="small" danger={r.status === 'active'}>
                      {r.status === 'active' ? t('referral.referrers.disable') : t('referral.referrers.enable')}
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
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <AddReferrerModal
        open={adding}
        onClose={(created) => {
          setAdding(false);
          if (created) onOpen(created.id);
        }}
      />
    </>
  );
};
