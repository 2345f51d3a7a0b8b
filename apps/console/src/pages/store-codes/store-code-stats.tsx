import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Progress, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useSession } from '../../lib/session.ts';
import { DistanceText } from './distance-text.tsx';
import type { TStats } from './types.ts';

const WINDOWS = [7, 30, 90] as const;

type TDayRow = { day: string; scans: number; fallbacks: number };

/** Scans of a store code: totals by reason, by store, and by day. */
export const StoreCodeStats = ({ codeId }: { codeId: number }) => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const stats = useQuery({
    queryKey: ['store-code-stats', codeId, days],
    queryFn: ({ signal }) => api<TStats>(`/api/store-codes/${codeId}/stats`, { signal, query: { days } }),
    placeholderData: keepPreviousData,
  });
  const s = stats.data;
  const byDay: TDayRow[] = [];
  for (const row of s?.byDay ?? []) {
    const last = byDay[byDay.length - 1];
    if (last && last.day === row.day) {
      last.scans += row.scans;
      last.fallbacks += row.fallbacks;
    } else byDay.push({ day: row.day, scans: row.scans, fallbacks: row.fallbacks });
  }
  const busiest = Math.max(1, ...byDay.map((d) => d.scans));
  const fallbacks = (s?.totals.fallbackOutOfRange ?? 0) + (s?.totals.fallbackNoLocation ?? 0);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Segmented<(typeof WINDOWS)[number]>
          value={days}
          onChange={setDays}
          options={WINDOWS.map((d) => ({ value: d, label: t('storeCodes.stats.days', { days: d }) }))}
        />
        <Flex gap={12} align="center">
          {s ? (
            <Typography.Text type="secondary">{t('storeCodes.stats.window', { from: s.from, to: s.to })}</Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void stats.refetch()} loading={stats.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
      </Flex>
      {account.role === 'store_manager' ? (
        <Typography.Text type="secondary">{t('storeCodes.stats.managerScope')}</Typography.Text>
      ) : null}
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending} data-testid="store-code-stat-scans">
            <Statistic title={t('storeCodes.stats.scans')} value={formatNumber(s?.totals.scans)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending}>
            <Statistic title={t('storeCodes.stats.nearest')} value={formatNumber(s?.totals.nearest)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending}>
            <Statistic
              title={t('storeCodes.stats.fallbacks')}
              value={formatNumber(fallbacks)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {t('storeCodes.stats.fallbackShare', { share: formatPercent(s?.totals.fallbackShare) })}
                </Typography.Text>
              }
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={stats.isPending}>
            <Statistic title={t('storeCodes.stats.chosen')} value={formatNumber(s?.totals.chosen)} />
          </Card>
        </Col>
      </Row>
      {s && s.totals.scans === 0 ? (
        <Empty description={t('storeCodes.stats.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card size="small" title={t('storeCodes.stats.byStore')}>
              <Table<TStats['byStore'][number]>
                rowKey={(r) => String(r.storeId)}
                size="small"
                loading={stats.isFetching}
                dataSource={s?.byStore ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('storeCodes.stats.store'),
                    key: 'store',
                    render: (_, r) => r.storeName ?? (r.storeId === null ? t('storeCodes.stats.noStore') : `#${r.storeId}`),
                  },
                  { title: t('storeCodes.stats.scans'), dataIndex: 'scans', sorter: (a, b) => a.scans - b.scans },
                  { title: t('storeCodes.stats.nearest'), dataIndex: 'nearest' },
                  { title: t('storeCodes.stats.fallbacks'), dataIndex: 'fallbacks' },
                  { title: t('storeCodes.stats.chosen'), dataIndex: 'chosen' },
                  {
                    title: t('storeCodes.stats.medianDistance'),
                    dataIndex: 'medianDistanceMetres',
                    render: (v: number | null) => <DistanceText metres={v} />,
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('storeCodes.stats.byDay')}>
              <Table<TDayRow>
                rowKey="day"
                size="small"
                loading={stats.isFetching}
                dataSource={[...byDay].reverse()}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                columns={[
                  { title: t('storeCodes.stats.day'), dataIndex: 'day' },
                  {
                    title: t('storeCodes.stats.scans'),
                    key: 'scans',
                    render: (_, r) => (
                      <Flex align="center" gap={8} style={{ minWidth: 160 }}>
                        <Progress percent={(r.scans / busiest) * 100} showInfo={false} size="small" style={{ width: 100 }} />
                        <span>{r.scans}</span>
                      </Flex>
                    ),
                  },
                  {
                    title: t('storeCodes.stats.fallbacks'),
                    key: 'fallbacks',
                    render: (_, r) => `${r.fallbacks} (${formatPercent(r.scans ? r.fallbacks / r.scans : 0, 0)})`,
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Flex>
  );
};
