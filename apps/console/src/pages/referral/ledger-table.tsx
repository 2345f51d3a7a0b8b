import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Input, InputNumber, Modal, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiDownload } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { LEDGER_STATES, STATE_COLOR, type TLedgerEntry, type TLedgerKind, type TLedgerPage, type TLedgerState } from './types.ts';

type TProps = {
  /** Only this referrer's entries (the referrer drawer); otherwise a referrer filter is offered. */
  referrerId?: number;
  canPay: boolean;
  canExport: boolean;
};

/**
 * The commission ledger with filters, sums by state over the filter, and — for admins and
 * operators — batch "mark paid" of settled entries (confirmed with the total) and CSV export.
 */
export const LedgerTable = ({ referrerId, canPay, canExport }: TProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [state, setState] = useState<TLedgerState | undefined>();
  const [kind, setKind] = useState<TLedgerKind | undefined>();
  const [level, setLevel] = useState<number | undefined>();
  const [referrerFilter, setReferrerFilter] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<TLedgerEntry[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [reference, setReference] = useState('');

  const filter = {
    referrerId: referrerId ?? referrerFilter ?? undefined,
    state,
    kind,
    level,
    from: range?.[0]?.toISOString(),
    to: range?.[1]?.toISOString(),
  };
  const list = useQuery({
    queryKey: ['referral-ledger', filter, page, pageSize],
    queryFn: ({ signal }) => api<TLedgerPage>('/api/referral/ledger', { signal, query: { ...filter, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const total = selected.reduce((s, r) => s + r.amountCents, 0);
  const pay = useMutation({
    mutationFn: () =>
      api<{ paid: number; totalCents: number; skippedIds: number[] }>('/api/referral/ledger/mark-paid', {
        method: 'POST',
        body: { ids: selected.map((r) => r.id), confirmTotalCents: total, reference: reference.trim() || undefined },
      }),
    onSuccess: (r) => {
      void message.success(t('referral.ledger.paidDone', { count: r.paid, total: formatMoney(r.totalCents) }));
      if (r.skippedIds.length) void message.warning(t('referral.ledger.skipped', { count: r.skippedIds.length }));
      setSelected([]);
      setConfirming(false);
      setReference('');
      void qc.invalidateQueries({ queryKey: ['referral-ledger'] });
      void qc.invalidateQueries({ queryKey: ['referral-referrers'] });
    },
    onError: () => {
      // The selection may be stale (someone paid meanwhile): reload it.
      setSelected([]);
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ['referral-ledger'] });
    },
  });
  const resetPage = () => {
    setPage(1);
    setSelected([]);
  };
  const sums = list.data?.sums;

  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('referral.ledger.allStates')}
          value={state}
          style={{ width: 140 }}
          onChange={(v) => {
            setState(v);
            resetPage();
          }}
          options={LEDGER_STATES.map((s) => ({ value: s, label: t(`referral.state.${s}`) }))}
          data-testid="referral-ledger-state"
        />
        <Select
          allowClear
          placeholder={t('referral.ledger.allKinds')}
          value={kind}
          style={{ width: 140 }}
          onChange={(v) => {
            setKind(v);
            resetPage();
          }}
          options={(['commission', 'clawback'] as const).map((k) => ({ value: k, label: t(`referral.ledgerKind.${k}`) }))}
        />
        <Select
          allowClear
          placeholder={t('referral.ledger.allLevels')}
          value={level}
          style={{ width: 120 }}
          onChange={(v) => {
            setLevel(v);
            resetPage();
          }}
          options={[1, 2].map((l) => ({ value: l, label: t('referral.level', { level: l }) }))}
        />
        {referrerId === undefined ? (
          <InputNumber<number>
            min={1}
            precision={0}
            placeholder={t('referral.ledger.referrerId')}
            value={referrerFilter}
            style={{ width: 140 }}
            onChange={(v) => {
              setReferrerFilter(v ?? null);
              resetPage();
            }}
          />
        ) : null}
        <DatePicker.RangePicker
          showTime
          allowEmpty={[true, true]}
          placeholder={[t('referral.ledger.rangeFrom'), t('referral.ledger.rangeTo')]}
          value={range}
          onChange={(v) => {
            setRange(v ? [v[0], v[1]] : null);
            resetPage();
          }}
        />
        {canExport ? (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void apiDownload('/api/referral/ledger/export', filter, 'referral-ledger.csv')}
            data-testid="referral-ledger-export"
          >
            {t('referral.ledger.export')}
          </Button>
        ) : null}
        {canPay ? (
          <Button
            type="primary"
            disabled={selected.length === 0}
            onClick={() => setConfirming(true)}
            data-testid="referral-mark-paid"
          >
            {t('referral.ledger.markPaid', { count: selected.length })}
          </Button>
        ) : null}
      </Flex>
      {sums ? (
        <Flex wrap gap={32} style={{ marginBottom: 16 }} aria-label={t('referral.ledger.sumsTitle')}>
          <Statistic title={t('referral.stats.pending')} value={formatMoney(sums.pendingCents)} />
          <Statistic title={t('referral.stats.settled')} value={formatMoney(sums.settledCents)} />
          <Statistic title={t('referral.stats.paid')} value={formatMoney(sums.paidCents)} />
          <Statistic title={t('referral.stats.reversed')} value={formatMoney(sums.reversedCents)} />
        </Flex>
      ) : null}
      {canPay ? <Typography.Paragraph type="secondary">{t('referral.ledger.selectHint')}</Typography.Paragraph> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TLedgerEntry>
        rowKey="id"
        size="middle"
        data-testid="referral-ledger-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : t('referral.ledger.empty') }}
        rowSelection={
          canPay
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                getCheckboxProps: (r) => ({ disabled: r.state !== 'settled' }),
                onChange: (_, rows) => setSelected(rows.filter((r) => r.state === 'settled')),
                preserveSelectedRowKeys: true,
              }
            : undefined
        }
        columns={[
          { title: t('referral.ledger.id'), dataIndex: 'id' },
          { title: t('referral.ledger.occurredAt'), dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v) },
          ...(referrerId === undefined
            ? [
                {
                  title: t('referral.ledger.referrer'),
                  key: 'referrer',
                  render: (_: unknown, r: TLedgerEntry) => `${r.referrerName} · #${r.referrerId}`,
                },
              ]
            : []),
          { title: t('referral.ledger.customer'), dataIndex: 'customerName', render: (v: string, r) => v || `#${r.customerId}` },
          { title: t('referral.ledger.orderId'), dataIndex: 'orderId', render: (v: number) => `#${v}` },
          {
            title: t('referral.ledger.orderAmount'),
            dataIndex: 'orderAmountCents',
            align: 'right',
            render: (v: number) => formatMoney(v),
          },
          {
            title: t('common.status'),
            key: 'kind',
            render: (_, r) => (
              <Flex gap={4}>
                <Tag>{t('referral.level', { level: r.level })}</Tag>
                <Tag color={r.kind === 'clawback' ? 'red' : undefined}>{t(`referral.ledgerKind.${r.kind}`)}</Tag>
                <Tag color={STATE_COLOR[r.state]}>{t(`referral.state.${r.state}`)}</Tag>
              </Flex>
            ),
          },
          {
            title: t('referral.ledger.amount'),
            dataIndex: 'amountCents',
            align: 'right',
            render: (v: number, r) => (
              <Typography.Text delete={r.state === 'reversed'} type={v < 0 ? 'danger' : undefined} strong>
                {formatMoney(v)}
              </Typography.Text>
            ),
          },
          { title: t('referral.ledger.settleAfter'), dataIndex: 'settleAfter', render: (v: string) => formatDateTime(v) },
          { title: t('referral.ledger.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => formatDateTime(v) },
          { title: t('referral.ledger.payoutRef'), dataIndex: 'payoutRef', render: (v: string | null) => v ?? '—' },
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
      <Modal
        open={confirming}
        title={t('referral.ledger.confirmTitle')}
        okText={t('referral.ledger.confirmTitle')}
        okButtonProps={{ loading: pay.isPending, danger: true }}
        onOk={() => pay.mutate()}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          title={t('referral.ledger.confirmBody', { count: selected.length, total: formatMoney(total) })}
          style={{ marginBottom: 12 }}
        />
        <Input
          value={reference}
          maxLength={100}
          placeholder={t('referral.ledger.reference')}
          onChange={(e) => setReference(e.target.value)}
        />
      </Modal>
    </>
  );
};
