import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Flex, Progress, Table, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import type { TTaskCounts, TTaskStats } from './types.ts';

const rate = (r: number) => <Progress percent={Math.round(r * 100)} size="small" style={{ width: 140, margin: 0 }} />;

/** Completion per store and per guide of the tasks due in a date range (default: this week so far and its rest). */
export const TaskStats = () => {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    // Monday to Sunday of the current week.
    const monday = dayjs()
      .startOf('day')
      .subtract((dayjs().day() + 6) % 7, 'day');
    return [monday, monday.add(6, 'day')];
  });
  const from = range[0].startOf('day').toISOString();
  const to = range[1].endOf('day').add(1, 'ms').toISOString();
  const stats = useQuery({
    queryKey: ['guide-task-stats', from, to],
    queryFn: ({ signal }) => api<TTaskStats>('/api/tasks/stats', { signal, query: { from, to } }),
  });
  const countColumns = [
    { title: t('guideTasks.stats.total'), dataIndex: 'total', align: 'right' as const },
    { title: t('guideTasks.stats.done'), dataIndex: 'done', align: 'right' as const },
    { title: t('guideTasks.stats.skipped'), dataIndex: 'skipped', align: 'right' as const },
    { title: t('guideTasks.stats.overdue'), dataIndex: 'overdue', align: 'right' as const },
    { title: t('guideTasks.stats.expired'), dataIndex: 'expired', align: 'right' as const },
    { title: t('guideTasks.stats.pending'), dataIndex: 'pending', align: 'right' as const },
    {
      title: <Tooltip title={t('guideTasks.stats.rateHelp')}>{t('guideTasks.stats.rate')}</Tooltip>,
      dataIndex: 'completionRate',
      render: rate,
    },
  ];
  const totals: TTaskCounts | undefined = stats.data?.totals;
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex gap={16} align="center" wrap>
          <Typography.Text>{t('guideTasks.stats.range')}</Typography.Text>
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
          {totals ? (
            <Flex gap={16} align="center" data-testid="task-stats-totals">
              <Typography.Text>
                {t('guideTasks.stats.total')} {totals.total} · {t('guideTasks.stats.done')} {totals.done} ·{' '}
                {t('guideTasks.stats.overdue')} {totals.overdue}
              </Typography.Text>
              {rate(totals.completionRate)}
            </Flex>
          ) : null}
        </Flex>
      </Card>
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Card title={t('guideTasks.stats.byStore')}>
        <Table
          rowKey={(r) => String(r.storeId)}
          loading={stats.isFetching}
          dataSource={stats.data?.byStore ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('guideTasks.stats.empty') }}
          columns={[
            {
              title: t('guideTasks.stats.store'),
              dataIndex: 'storeName',
              render: (n: string | null) => n ?? t('guideTasks.stats.noStore'),
            },
            ...countColumns,
          ]}
        />
      </Card>
      <Card title={t('guideTasks.stats.byStaff')}>
        <Table
          rowKey="staffId"
          loading={stats.isFetching}
          dataSource={stats.data?.byStaff ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          locale={{ emptyText: t('guideTasks.stats.empty') }}
          data-testid="task-stats-staff"
          columns={[
            {
              title: t('guideTasks.stats.staff'),
              dataIndex: 'staffName',
              render: (name: string, r) => (
                <Flex gap={8} align="center">
                  {name}
                  <Typography.Link href={`/h5/workbench?staffId=${r.staffId}`} target="_blank" style={{ fontSize: 12 }}>
                    {t('guideTasks.stats.preview')}
                  </Typography.Link>
                </Flex>
              ),
            },
            {
              title: t('guideTasks.stats.store'),
              dataIndex: 'storeName',
              render: (n: string | null) => n ?? t('guideTasks.stats.noStore'),
            },
            ...countColumns,
          ]}
        />
      </Card>
    </Flex>
  );
};
