import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';

// Shapes of /api/wecom/sync* and /api/wecom/stats/* (packages/core/src/modules/wecom/sync/wecom-sync.schemas.ts).
type TCount = { seen: number; created: number; updated: number; unchanged: number; removed: number };
type TKind = 'import' | 'reconcile';
type TStatus = 'running' | 'done' | 'failed' | 'cancelled';
type TRun = {
  id: number;
  kind: TKind;
  status: TStatus;
  phase: string;
  progress: { done: number; total: number | null };
  counts: Record<string, TCount>;
  attempts: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
};
type TRuns = { items: TRun[]; total: number; page: number; pageSize: number };
type TStatsStatus = { lastPulledAt: string | null; lastDay: string | null };
type TPullResult = { staffRows: number; groupRows: number; changed: number };

const PHASES = ['staff', 'tags', 'customers', 'groups'] as const;
const THINGS = ['staff', 'tagGroups', 'tags', 'customers', 'follows', 'groups', 'members'] as const;
const POLL_MS = 2000;
const MAX_PULL_DAYS = 30;
const RUNS_KEY = ['wecom', 'sync-runs'];
const STATS_KEY = ['wecom', 'stats-status'];
const STATUS_COLOR: Record<TStatus, string> = { running: 'processing', done: 'success', failed: 'error', cancelled: 'default' };

// Percent of one phase: finished phases are full, the current one from its cursor's done/total.
const phasePercent = (run: TRun, phase: (typeof PHASES)[number]): number => {
  const at = run.phase === 'done' ? PHASES.length : PHASES.indexOf(run.phase as (typeof PHASES)[number]);
  const index = PHASES.indexOf(phase);
  if (index < at) return 100;
  if (index > at) return 0;
  const { done, total } = run.progress;
  if (total) return Math.min(99, Math.round((done / total) * 100));
  return done > 0 ? 50 : 5;
};

const RunProgress = ({ run }: { run: TRun }) => {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="wecom-sync-progress">
      {PHASES.map((phase) => {
        const percent = phasePercent(run, phase);
        const status =
          run.status === 'failed' && run.phase === phase
            ? 'exception'
            : run.status === 'running' && percent < 100 && percent > 0
              ? 'active'
              : undefined;
        return (
          <Flex key={phase} align="center" gap={12}>
            <Typography.Text style={{ width: 140 }}>{t(`wecomSync.phase.${phase}`)}</Typography.Text>
            <Progress percent={percent} status={status} style={{ flex: 1, margin: 0 }} />
          </Flex>
        );
      })}
      <Table
        size="small"
        pagination={false}
        rowKey="thing"
        dataSource={THINGS.filter((k) => run.counts[k]).map((k) => ({ thing: k, ...(run.counts[k] as TCount) }))}
        columns={[
          { title: t('wecomSync.counts.what'), dataIndex: 'thing', render: (k: string) => t(`wecomSync.thing.${k}`) },
          { title: t('wecomSync.counts.seen'), dataIndex: 'seen', align: 'right' },
          { title: t('wecomSync.counts.created'), dataIndex: 'created', align: 'right' },
          { title: t('wecomSync.counts.updated'), dataIndex: 'updated', align: 'right' },
          { title: t('wecomSync.counts.unchanged'), dataIndex: 'unchanged', align: 'right' },
          { title: t('wecomSync.counts.removed'), dataIndex: 'removed', align: 'right' },
        ]}
      />
    </Space>
  );
};

const StatsCard = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const yesterday = dayjs().subtract(1, 'day');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([yesterday.subtract(6, 'day'), yesterday]);
  const status = useQuery({ queryKey: STATS_KEY, queryFn: () => api<TStatsStatus>('/api/wecom/stats/status') });
  const tooLong = range[1].diff(range[0], 'day') + 1 > MAX_PULL_DAYS;
  const pull = useMutation({
    mutationFn: () =>
      api<TPullResult>('/api/wecom/stats/pull', {
        method: 'POST',
        body: { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') },
      }),
    onSuccess: (r) => {
      void message.success(t('wecomSync.stats.pulled', { staff: r.staffRows, groups: r.groupRows, changed: r.changed }));
      void qc.invalidateQueries({ queryKey: STATS_KEY });
    },
  });
  return (
    <Card title={t('wecomSync.stats.title')} size="small" data-testid="wecom-stats-card">
      <Typography.Paragraph type="secondary">{t('wecomSync.stats.intro')}</Typography.Paragraph>
      {status.isError ? <QueryError error={status.error} onRetry={() => void status.refetch()} /> : null}
      <Typography.Paragraph>
        {status.data?.lastPulledAt
          ? t('wecomSync.stats.last', { at: formatDateTime(status.data.lastPulledAt), day: status.data.lastDay ?? '' })
          : t('wecomSync.stats.never')}
      </Typography.Paragraph>
      <Flex align="center" gap={8} wrap>
        <Typography.Text>{t('wecomSync.stats.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          disabledDate={(d) => d.isAfter(yesterday, 'day')}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0], v[1]]);
          }}
        />
        <Button onClick={() => pull.mutate()} loading={pull.isPending} disabled={tooLong}>
          {t('wecomSync.stats.pull')}
        </Button>
      </Flex>
      {tooLong ? <Alert type="warning" showIcon title={t('wecomSync.stats.tooLong')} style={{ marginTop: 8 }} /> : null}
    </Card>
  );
};

/** The WeCom page's sync section: start an import or reconcile, follow the running one, history, statistics. */
export const WecomSyncPanel = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const runs = useQuery({
    queryKey: [...RUNS_KEY, page],
    queryFn: () => api<TRuns>('/api/wecom/sync-runs', { query: { page, pageSize: 10 } }),
    // Poll while a run is going, so the progress bars move.
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? POLL_MS : false),
  });
  const start = useMutation({
    mutationFn: (kind: TKind) => api<TRun>('/api/wecom/sync', { method: 'POST', body: { kind } }),
    onSuccess: () => {
      void message.success(t('wecomSync.started'));
      setPage(1);
      void qc.invalidateQueries({ queryKey: RUNS_KEY });
    },
  });
  const cancel = useMutation({
    mutationFn: (id: number) => api<TRun>(`/api/wecom/sync-runs/${id}/cancel`, { method: 'POST' }),
    onSuccess: () => {
      void message.success(t('wecomSync.cancelled'));
      void qc.invalidateQueries({ queryKey: RUNS_KEY });
    },
  });
  const latest = page === 1 ? runs.data?.items[0] : undefined;
  const running = runs.data?.items.find((r) => r.status === 'running');
  const shown = running ?? latest;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="wecom-sync-panel">
      <Card
        title={t('wecomSync.title')}
        size="small"
        extra={
          <Space>
            <Popconfirm title={t('wecomSync.confirmImport')} onConfirm={() => start.mutate('import')}>
              <Button type="primary" disabled={Boolean(running)} loading={start.isPending && start.variables === 'import'}>
                {t('wecomSync.import')}
              </Button>
            </Popconfirm>
            <Popconfirm title={t('wecomSync.confirmReconcile')} onConfirm={() => start.mutate('reconcile')}>
              <Button disabled={Boolean(running)} loading={start.isPending && start.variables === 'reconcile'}>
                {t('wecomSync.reconcile')}
              </Button>
            </Popconfirm>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('wecomSync.intro')}</Typography.Paragraph>
        {runs.isError ? <QueryError error={runs.error} onRetry={() => void runs.refetch()} /> : null}
        {!shown && runs.isSuccess ? <Typography.Paragraph>{t('wecomSync.none')}</Typography.Paragraph> : null}
        {shown ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Flex align="center" justify="space-between">
              <Typography.Text strong>
                {shown.status === 'running'
                  ? t('wecomSync.running', { kind: t(`wecomSync.kind.${shown.kind}`), id: shown.id })
                  : t('wecomSync.lastRun', {
                      kind: t(`wecomSync.kind.${shown.kind}`),
                      status: t(`wecomSync.status.${shown.status}`),
                    })}
              </Typography.Text>
              {shown.status === 'running' ? (
                <Popconfirm title={t('wecomSync.confirmCancel')} onConfirm={() => cancel.mutate(shown.id)}>
                  <Button danger size="small" loading={cancel.isPending}>
                    {t('wecomSync.cancel')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
            {shown.error ? (
              <Alert
                type={shown.status === 'failed' ? 'error' : 'warning'}
                showIcon
                title={shown.error}
                description={shown.attempts > 0 ? t('wecomSync.attempts', { count: shown.attempts }) : undefined}
              />
            ) : null}
            <RunProgress run={shown} />
          </Space>
        ) : null}
      </Card>
      <Card title={t('wecomSync.history')} size="small">
        <Table<TRun>
          size="small"
          rowKey="id"
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: runs.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('wecomSync.col.id'), dataIndex: 'id', width: 80 },
            { title: t('wecomSync.col.kind'), dataIndex: 'kind', render: (k: TKind) => t(`wecomSync.kind.${k}`) },
            {
              title: t('wecomSync.col.status'),
              dataIndex: 'status',
              render: (s: TStatus) => <Tag color={STATUS_COLOR[s]}>{t(`wecomSync.status.${s}`)}</Tag>,
            },
            { title: t('wecomSync.col.phase'), dataIndex: 'phase', render: (p: string) => t(`wecomSync.phase.${p}`) },
            { title: t('wecomSync.col.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
            { title: t('wecomSync.col.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => formatDateTime(v) },
            { title: t('wecomSync.col.error'), dataIndex: 'error', ellipsis: true },
          ]}
        />
      </Card>
      <StatsCard />
    </Space>
  );
};
