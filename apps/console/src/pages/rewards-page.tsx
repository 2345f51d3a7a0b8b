import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatDateTime } from '../lib/format.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import type { TPage } from '../types.ts';

type TRewardStatus = 'granted' | 'flagged' | 'revoked' | 'fulfilled';
type TRewardSource = 'fission' | 'checkin' | 'referral' | 'automation' | 'manual';
type TRewardGrant = {
  id: number;
  customerId: number;
  customerName: string | null;
  kind: 'points' | 'coupon' | 'gift';
  amount: number;
  name: string;
  source: TRewardSource;
  sourceId: number | null;
  status: TRewardStatus;
  reason: string | null;
  reviewedBy: string | null;
  createdAt: string;
};

const STATUS_COLOR: Record<TRewardStatus, string> = {
  granted: 'green',
  flagged: 'orange',
  revoked: 'default',
  fulfilled: 'blue',
};
const STATUSES: TRewardStatus[] = ['flagged', 'granted', 'revoked', 'fulfilled'];
const SOURCES: TRewardSource[] = ['fission', 'checkin', 'referral', 'automation', 'manual'];

const amountText = (r: TRewardGrant) =>
  r.kind === 'coupon' ? `¥${(r.amount / 100).toFixed(2)}` : r.kind === 'points' ? String(r.amount) : '—';

/** Rewards granted by campaigns, with the review queue for flagged ones (`?status=flagged`). */
export const RewardsPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const initialStatus = new URLSearchParams(window.location.search).get('status') as TRewardStatus | null;
  const [status, setStatus] = useState<TRewardStatus | undefined>(initialStatus ?? undefined);
  const [source, setSource] = useState<TRewardSource | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const list = useQuery({
    queryKey: ['rewards', status, source, page, pageSize],
    queryFn: ({ signal }) => api<TPage<TRewardGrant>>('/api/rewards', { signal, query: { status, source, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const review = useMutation({
    mutationFn: (v: { id: number; decision: 'keep' | 'revoke' }) =>
      api(`/api/rewards/${v.id}/review`, { method: 'POST', body: { decision: v.decision, note: notes[v.id] || undefined } }),
    onSuccess: () => {
      void message.success(t('rewards.reviewed'));
      void qc.invalidateQueries({ queryKey: ['rewards'] });
    },
  });
  const canReview = canManageTenant(account.role);

  return (
    <>
      <PageHeader title={t('rewards.title')} />
      <Typography.Paragraph type="secondary">{t('rewards.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('rewards.allStatuses')}
            value={status}
            style={{ width: 160 }}
            data-testid="rewards-status-filter"
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={STATUSES.map((s) => ({ value: s, label: t(`rewards.status.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t('rewards.allSources')}
            value={source}
            style={{ width: 160 }}
            onChange={(v) => {
              setSource(v);
              setPage(1);
            }}
            options={SOURCES.map((s) => ({ value: s, label: t(`rewards.source.${s}`) }))}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TRewardGrant>
          rowKey="id"
          data-testid="rewards-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : status === 'flagged' ? t('rewards.emptyFlagged') : t('rewards.empty') }}
          columns={[
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: t('common.customer'), key: 'customer', render: (_, r) => r.customerName ?? `#${r.customerId}` },
            {
              title: t('rewards.reward'),
              key: 'reward',
              render: (_, r) => (
                <>
                  <Tag>{t(`rewards.kind.${r.kind}`)}</Tag>
                  {r.name}
                </>
              ),
            },
            { title: t('rewards.amount'), key: 'amount', render: (_, r) => amountText(r) },
            { title: t('rewards.sourceTitle'), dataIndex: 'source', render: (v: TRewardSource) => t(`rewards.source.${v}`) },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (v: TRewardStatus) => <Tag color={STATUS_COLOR[v]}>{t(`rewards.status.${v}`)}</Tag>,
            },
            { title: t('rewards.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            { title: t('rewards.reviewedBy'), dataIndex: 'reviewedBy', render: (v: string | null) => v ?? '—' },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, r) =>
                r.status === 'flagged' && canReview ? (
                  <Flex gap={8} align="center">
                    <Input
                      size="small"
                      style={{ width: 160 }}
                      placeholder={t('rewards.notePlaceholder')}
                      value={notes[r.id] ?? ''}
                      maxLength={500}
                      onChange={(e) => setNotes((n) => ({ ...n, [r.id]: e.target.value }))}
                    />
                    <Popconfirm title={t('rewards.keepConfirm')} onConfirm={() => review.mutate({ id: r.id, decision: 'keep' })}>
                      <Button size="small" data-testid={`reward-keep-${r.id}`}>
                        {t('rewards.keep')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('rewards.revokeConfirm')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => review.mutate({ id: r.id, decision: 'revoke' })}
                    >
                      <Button size="small" danger data-testid={`reward-revoke-${r.id}`}>
                        {t('rewards.revoke')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                ) : null,
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
      </Card>
    </>
  );
};
