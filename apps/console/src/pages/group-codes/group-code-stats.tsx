import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Radio, Row, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import type { TPage } from '../../types.ts';
import { MembersBar, PoolState } from './pool-editor.tsx';
import type { TGroupCodeStats, TGroupOpening, TPoolGroup } from './types.ts';

/** Visits, joins, leaves and groups opened per day, and members per group now. */
export const GroupCodeStats = ({ codeId }: { codeId: number }) => {
  const { t } = useTranslation();
  const [days, setDays] = useState(14);
  const stats = useQuery({
    queryKey: ['group-codes', codeId, 'stats', days],
    queryFn: ({ signal }) => api<TGroupCodeStats>(`/api/group-codes/${codeId}/stats`, { signal, query: { days } }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  return (
    <Flex vertical gap={16}>
      <Radio.Group
        optionType="button"
        value={days}
        onChange={(e) => setDays(e.target.value as number)}
        options={[7, 14, 30, 90].map((d) => ({ value: d, label: t('groupCodes.stats.days', { days: d }) }))}
      />
      <Row gutter={[16, 16]}>
        {(
          [
            ['visits', s?.totals.visits],
            ['joins', s?.totals.joins],
            ['left', s?.totals.left],
            ['groupsOpened', s?.totals.groupsOpened],
            ['members', s?.totals.members],
          ] as const
        ).map(([key, value]) => (
          <Col xs={12} md={8} xl={4} key={key}>
            <Card size="small" loading={stats.isPending}>
              <Statistic title={t(`groupCodes.stats.${key}`)} value={value ?? 0} formatter={(v) => formatNumber(Number(v))} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('groupCodes.stats.title')}>
        <Table
          rowKey="day"
          size="small"
          loading={stats.isFetching}
          dataSource={[...(s?.days ?? [])].reverse()}
          pagination={false}
          scroll={{ y: 360 }}
          columns={[
            { title: t('groupCodes.stats.day'), dataIndex: 'day' },
            { title: t('groupCodes.stats.visits'), dataIndex: 'visits', align: 'right' },
            { title: t('groupCodes.stats.joins'), dataIndex: 'joins', align: 'right' },
            {
              title: (
                <Tooltip title={t('groupCodes.stats.leftHelp')}>
                  <span>{t('groupCodes.stats.left')}</span>
                </Tooltip>
              ),
              dataIndex: 'left',
              align: 'right',
            },
            { title: t('groupCodes.stats.groupsOpened'), dataIndex: 'groupsOpened', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={t('groupCodes.stats.groupsTitle')}>
        <Table<TPoolGroup>
          rowKey="groupId"
          size="small"
          dataSource={s?.groups ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('groupCodes.pool.empty')} /> }}
          columns={[
            { title: t('groupCodes.pool.columns.group'), render: (_, g) => <Link to={`/groups/${g.groupId}`}>{g.name}</Link> },
            { title: t('groupCodes.pool.columns.members'), render: (_, g) => <MembersBar group={g} /> },
            { title: t('groupCodes.pool.columns.state'), render: (_, g) => <PoolState group={g} /> },
          ]}
        />
      </Card>
    </Flex>
  );
};

const openingColor = { opening: 'processing', opened: 'green', failed: 'red' } as const;

/** The groups the code opened automatically, newest first, paged. */
export const GroupCodeOpenings = ({ codeId }: { codeId: number }) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['group-codes', codeId, 'openings', page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TGroupOpening>>(`/api/group-codes/${codeId}/openings`, { signal, query: { page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<TGroupOpening>
      rowKey="id"
      size="small"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      data-testid="group-code-openings"
      locale={{ emptyText: <Empty description={t('groupCodes.openings.empty')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        onChange: (p, s) => {
          setPage(p);
          setPageSize(s);
        },
      }}
      columns={[
        { title: t('groupCodes.openings.number'), dataIndex: 'number', width: 80 },
        {
          title: t('groupCodes.openings.name'),
          render: (_, o) => (o.groupId ? <Link to={`/groups/${o.groupId}`}>{o.name}</Link> : o.name),
        },
        { title: t('groupCodes.openings.owner'), render: (_, o) => o.ownerName ?? '—' },
        {
          title: t('groupCodes.openings.status'),
          render: (_, o) => (
            <Tooltip title={o.error}>
              <Tag color={openingColor[o.status]}>{t(`groupCodes.openings.statuses.${o.status}`)}</Tag>
            </Tooltip>
          ),
        },
        { title: t('groupCodes.openings.startedAt'), render: (_, o) => formatDateTime(o.startedAt) },
        { title: t('groupCodes.openings.openedAt'), render: (_, o) => (o.openedAt ? formatDateTime(o.openedAt) : '—') },
      ]}
    />
  );
};
