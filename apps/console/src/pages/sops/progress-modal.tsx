import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Modal, Progress, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useStores } from '../../lib/queries.ts';
import type { TProgressRow, TSopProgress } from './types.ts';

const rate = (r: { due: number; done: number }) => (r.due === 0 ? 0 : Math.round((r.done / r.due) * 100));

/** Completion of one calendar's or journey's steps, per store and per guide, over plan dates. */
export const ProgressModal = ({
  target,
  onClose,
}: {
  target: { kind: 'calendars' | 'journeys'; id: number; name: string } | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { stores } = useStores();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const q = useQuery({
    queryKey: ['sops', 'progress', target?.kind, target?.id, range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')],
    queryFn: () =>
      api<TSopProgress>(`/api/sops/${target?.kind}/${target?.id}/progress`, {
        query: { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') },
      }),
    enabled: !!target,
    placeholderData: keepPreviousData,
  });
  const storeName = (id: number | null) => stores.find((s) => s.id === id)?.name ?? t('sops.progress.unknownStore');
  const cols = [
    { title: t('sops.progress.due'), dataIndex: 'due', align: 'right' as const },
    { title: t('sops.progress.done'), dataIndex: 'done', align: 'right' as const },
    {
      title: t('sops.progress.overdue'),
      dataIndex: 'overdue',
      align: 'right' as const,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('sops.progress.skipped'), dataIndex: 'skipped', align: 'right' as const },
    {
      title: t('sops.progress.rate'),
      key: 'rate',
      width: 160,
      render: (_: unknown, r: TProgressRow) => <Progress percent={rate(r)} size="small" />,
    },
  ];
  return (
    <Modal
      open={!!target}
      onCancel={onClose}
      footer={null}
      width={860}
      title={t('sops.progress.title', { name: target?.name ?? '' })}
      destroyOnHidden
    >
      <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text>{t('sops.progress.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0], v[1]]);
          }}
        />
      </Flex>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isPending ? (
        <Skeleton active />
      ) : q.data ? (
        <>
          <Flex gap={32} style={{ marginBottom: 16 }} data-testid="sop-progress-totals">
            <Statistic title={t('sops.progress.due')} value={q.data.totals.due} />
            <Statistic title={t('sops.progress.done')} value={q.data.totals.done} />
            <Statistic title={t('sops.progress.overdue')} value={q.data.totals.overdue} />
            <Statistic title={t('sops.progress.skipped')} value={q.data.totals.skipped} />
            <Statistic title={t('sops.progress.rate')} value={rate(q.data.totals)} suffix="%" />
          </Flex>
          <Typography.Title level={5}>{t('sops.progress.byStore')}</Typography.Title>
          <Table<TProgressRow>
            size="small"
            rowKey={(r) => String(r.storeId)}
            dataSource={q.data.stores}
            pagination={false}
            locale={{ emptyText: t('common.noData') }}
            columns={[{ title: t('common.store'), key: 'store', render: (_, r) => r.name ?? storeName(r.storeId) }, ...cols]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('sops.progress.byStaff')}
          </Typography.Title>
          <Table<TProgressRow>
            size="small"
            rowKey={(r) => `${r.id}:${r.storeId}`}
            dataSource={q.data.staff}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('common.noData') }}
            columns={[
              { title: t('common.staff'), key: 'staff', render: (_, r) => r.name ?? t('sops.progress.unknownStaff') },
              { title: t('common.store'), key: 'store', render: (_, r) => storeName(r.storeId) },
              ...cols,
            ]}
          />
        </>
      ) : null}
    </Modal>
  );
};
