import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { PHASE_COLOR, rewardLabel, type TCheckinCampaign, type TCheckinStatus } from './types.ts';

/** The check-in campaigns, newest first, with where each stands and today's numbers. */
export const CampaignList = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<TCheckinStatus | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['checkin-campaigns', status, q, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TCheckinCampaign>>('/api/checkins', { signal, query: { status, q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('checkins.title')}
        extra={
          canManageTenant(account.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/checkins/new')} data-testid="checkin-new">
              {t('checkins.newCampaign')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('checkins.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('checkins.search')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t('checkins.allStatuses')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['draft', 'active', 'ended'] as const).map((s) => ({ value: s, label: t(`checkins.status.${s}`) }))}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TCheckinCampaign>
          rowKey="id"
          data-testid="checkin-campaigns"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : t('checkins.empty') }}
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
          columns={[
            {
              title: t('checkins.col.name'),
              dataIndex: 'name',
              render: (name: string, c) => (
                <Flex vertical gap={2}>
                  <Link to={`/checkins/${c.id}`}>{name}</Link>
                  {c.milestones.length ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} ellipsis>
                      {c.milestones
                        .map((m) => t(`checkins.milestoneText.${m.kind}`, { days: m.days, reward: rewardLabel(m.reward) }))
                        .join(' · ')}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('checkins.col.status'),
              dataIndex: 'phase',
              render: (phase: TCheckinCampaign['phase'], c) => (
                <>
                  <Tag color={PHASE_COLOR[phase]}>{t(`checkins.phase.${phase}`)}</Tag>
                  {c.todayNumber ? (
                    <Typography.Text type="secondary">{t('checkins.dayN', { n: c.todayNumber })}</Typography.Text>
                  ) : null}
                </>
              ),
            },
            { title: t('checkins.col.dates'), key: 'dates', render: (_, c) => `${c.startDate} ~ ${c.endDate}` },
            { title: t('checkins.col.days'), dataIndex: 'days', render: (n: number) => t('checkins.daysText', { count: n }) },
            {
              title: t('checkins.col.rule'),
              dataIndex: 'missedDayRule',
              render: (r: TCheckinCampaign['missedDayRule']) => t(`checkins.rule.${r}`),
            },
            { title: t('checkins.col.participants'), dataIndex: 'participantCount', align: 'right' },
            { title: t('checkins.col.today'), dataIndex: 'checkedInToday', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
};
