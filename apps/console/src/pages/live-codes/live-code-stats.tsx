import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Input, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiDownload } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useSession } from '../../lib/session.ts';
import type { TGroupBy, TStats } from './types.ts';

const PRESETS = [7, 14, 30, 90] as const;
const DAY_MS = 86_400_000;

// Today in Shanghai as YYYY-MM-DD (statistics days are Asia/Shanghai days).
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const minusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

type TRow = TStats['rows'][number];

/** Adds and deletions per day as bars, with net adds as a line; an SVG, no chart library. */
const DayChart = ({ rows }: { rows: TRow[] }) => {
  const { t } = useTranslation();
  const width = Math.max(320, rows.length * 28);
  const height = 180;
  const pad = { top: 12, bottom: 28, left: 32, right: 8 };
  const top = Math.max(1, ...rows.map((r) => Math.max(r.added, r.deleted)));
  const bottom = Math.min(0, ...rows.map((r) => r.net));
  const span = top - bottom || 1;
  const y = (v: number) => pad.top + ((top - v) / span) * (height - pad.top - pad.bottom);
  const slot = (width - pad.left - pad.right) / Math.max(1, rows.length);
  const bar = Math.max(3, Math.min(10, slot / 3));
  const x = (i: number) => pad.left + slot * i + slot / 2;
  const net = rows.map((r, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(r.net).toFixed(1)}`).join(' ');
  const labelEvery = Math.ceil(rows.length / 10);
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={width} height={height} role="img" aria-label={t('liveCodes.stats.chartLabel')}>
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#d9d9d9" />
        <text x={4} y={y(top) + 4} fontSize={10} fill="#8c8c8c">
          {top}
        </text>
        {rows.map((r, i) => (
          <g key={r.day ?? i}>
            <rect x={x(i) - bar - 1} y={y(r.added)} width={bar} height={Math.max(0, y(0) - y(r.added))} fill="#1677ff">
              <title>{`${r.day} ${t('liveCodes.stats.added')} ${r.added}`}</title>
            </rect>
            <rect x={x(i) + 1} y={y(r.deleted)} width={bar} height={Math.max(0, y(0) - y(r.deleted))} fill="#ff7875">
              <title>{`${r.day} ${t('liveCodes.stats.deleted')} ${r.deleted}`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={x(i)} y={height - 8} fontSize={10} textAnchor="middle" fill="#8c8c8c">
                {r.day?.slice(5)}
              </text>
            ) : null}
          </g>
        ))}
        <path d={net} fill="none" stroke="#52c41a" strokeWidth={2} />
      </svg>
      <Flex gap={16} style={{ fontSize: 12 }}>
        <span style={{ color: '#1677ff' }}>■ {t('liveCodes.stats.added')}</span>
        <span style={{ color: '#ff7875' }}>■ {t('liveCodes.stats.deleted')}</span>
        <span style={{ color: '#52c41a' }}>— {t('liveCodes.stats.net')}</span>
      </Flex>
    </div>
  );
};

/** A code's statistics: totals, a chart by day, a table by day / staff, and CSV / Excel export. */
export const LiveCodeStats = ({ codeId }: { codeId: number }) => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [to, setTo] = useState(shanghaiToday);
  const [from, setFrom] = useState(() => minusDays(shanghaiToday(), 6));
  const [groupBy, setGroupBy] = useState<TGroupBy>('day');
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);
  const validRange = !!from && !!to && from <= to;
  const stats = useQuery({
    queryKey: ['live-code-stats', codeId, from, to, groupBy],
    queryFn: ({ signal }) => api<TStats>(`/api/live-codes/${codeId}/stats`, { signal, query: { from, to, groupBy } }),
    placeholderData: keepPreviousData,
    enabled: validRange,
  });
  const s = stats.data;
  const download = async (format: 'csv' | 'xlsx') => {
    setDownloading(format);
    try {
      await apiDownload(`/api/live-codes/${codeId}/stats/export`, { from, to, groupBy, format }, `live-code-stats.${format}`);
    } catch {
      // The API layer has shown the error.
    } finally {
      setDownloading(null);
    }
  };
  const preset = PRESETS.find((n) => to === shanghaiToday() && from === minusDays(to, n - 1));
  const hasActivity = (s?.rows ?? []).some((r) => r.added > 0 || r.deleted > 0);

  const columns = [
    ...(groupBy !== 'staff' ? [{ title: t('liveCodes.stats.day'), dataIndex: 'day', key: 'day' }] : []),
    ...(groupBy !== 'day' ? [{ title: t('common.staff'), dataIndex: 'staffName', key: 'staff' }] : []),
    ...(['added', 'readds', 'deletedByCustomer', 'deletedByStaff', 'net', 'converted'] as const).map((k) => ({
      title: t(`liveCodes.stats.${k}`),
      dataIndex: k,
      key: k,
      align: 'right' as const,
      render: (v: number) => formatNumber(v),
    })),
    {
      title: t('liveCodes.stats.conversionRate'),
      dataIndex: 'conversionRate',
      key: 'conversionRate',
      align: 'right' as const,
      render: (v: number) => formatPercent(v),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={12}>
        <Flex gap={8} wrap align="center">
          <Segmented<number | 'custom'>
            value={preset ?? 'custom'}
            onChange={(v) => {
              if (v === 'custom') return;
              const today = shanghaiToday();
              setTo(today);
              setFrom(minusDays(today, v - 1));
            }}
            options={[
              ...PRESETS.map((n) => ({ value: n, label: t('liveCodes.stats.lastDays', { n }) })),
              { value: 'custom' as const, label: t('liveCodes.stats.custom') },
            ]}
          />
          <Input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} style={{ width: 150 }} />
          <span>–</span>
          <Input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} style={{ width: 150 }} />
          <Segmented<TGroupBy>
            value={groupBy}
            onChange={setGroupBy}
            options={(['day', 'staff', 'day_staff'] as const).map((g) => ({ value: g, label: t(`liveCodes.stats.by.${g}`) }))}
          />
        </Flex>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={() => void stats.refetch()} loading={stats.isFetching}>
            {t('common.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={downloading === 'csv'} onClick={() => void download('csv')}>
            {t('liveCodes.stats.exportCsv')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={downloading === 'xlsx'} onClick={() => void download('xlsx')}>
            {t('liveCodes.stats.exportXlsx')}
          </Button>
        </Flex>
      </Flex>
      {!validRange ? <Typography.Text type="danger">{t('liveCodes.stats.badRange')}</Typography.Text> : null}
      {account.role === 'guide' || account.role === 'store_manager' ? (
        <Typography.Text type="secondary">{t(`liveCodes.stats.scope.${account.role}`)}</Typography.Text>
      ) : null}
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        {(['added', 'readds', 'deleted', 'net', 'converted'] as const).map((k) => (
          <Col key={k} xs={12} md={8} lg={4}>
            <Card loading={stats.isPending} size="small">
              <Statistic title={t(`liveCodes.stats.${k}`)} value={formatNumber(s?.totals[k])} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending} size="small">
            <Statistic title={t('liveCodes.stats.conversionRate')} value={formatPercent(s?.totals.conversionRate)} />
          </Card>
        </Col>
      </Row>
      {s && groupBy === 'day' ? (
        <Card size="small" title={t('liveCodes.stats.byDayChart')}>
          {hasActivity ? <DayChart rows={s.rows} /> : <Empty description={t('liveCodes.stats.noActivity')} />}
        </Card>
      ) : null}
      <Table
        size="small"
        rowKey={(r) => `${r.day ?? ''}|${r.staffId ?? ''}`}
        loading={stats.isFetching}
        dataSource={s?.rows ?? []}
        columns={columns}
        pagination={{ pageSize: 31, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('liveCodes.stats.noActivity')} /> }}
        summary={() =>
          s && s.rows.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={groupBy === 'day_staff' ? 2 : 1}>
                <strong>{t('liveCodes.stats.total')}</strong>
              </Table.Summary.Cell>
              {(['added', 'readds', 'deletedByCustomer', 'deletedByStaff', 'net', 'converted'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  <strong>{formatNumber(s.totals[k])}</strong>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={7} align="right">
                <strong>{formatPercent(s.totals.conversionRate)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('liveCodes.stats.definitions')}
      </Typography.Text>
    </Flex>
  );
};
