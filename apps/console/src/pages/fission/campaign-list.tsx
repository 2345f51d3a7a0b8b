import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { rewardLabel, STATUS_COLOR, type TCampaignStatus, type TFissionCampaign } from './types.ts';

/** The campaigns, newest first, with their status and key numbers. */
export const CampaignList = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<TCampaignStatus | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['fission-campaigns', status, q, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TFissionCampaign>>('/api/fission/campaigns', { signal, query: { status, q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('fission.title')}
        extra={
          canManageTenant(account.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/fission/new')} data-testid="fission-new">
              {t('fission.newCampaign')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('fission.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('fission.search')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t('fission.allStatuses')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['draft', 'active', 'ended'] as const).map((s) => ({ value: s, label: t(`fission.status.${s}`) }))}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TFissionCampaign>
          rowKey="id"
          data-testid="fission-campaigns"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : t('fission.empty') }}
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
              title: t('fission.col.name'),
              dataIndex: 'name',
              render: (name: string, c) => <Link to={`/fission/${c.id}`}>{name}</Link>,
            },
            {
              title: t('fission.col.status'),
              dataIndex: 'phase',
              render: (phase: TFissionCampaign['phase']) => <Tag color={STATUS_COLOR[phase]}>{t(`fission.phase.${phase}`)}</Tag>,
            },
            {
              title: t('fission.col.window'),
              key: 'window',
              render: (_, c) => `${formatDateTime(c.startsAt)} ~ ${formatDateTime(c.endsAt)}`,
            },
            { title: t('fission.col.goal'), dataIndex: 'goal', render: (goal: number) => t('fission.goalText', { count: goal }) },
            {
              title: t('fission.col.tiers'),
              key: 'tiers',
              render: (_, c) => (
                <Flex vertical gap={2}>
                  {c.tiers.map((tier) => (
                    <span key={tier.invites}>
                      {t('fission.tierText', { invites: tier.invites, reward: rewardLabel(tier.reward) })}
                    </span>
                  ))}
                </Flex>
              ),
            },
            { title: t('fission.col.participants'), dataIndex: 'participants', align: 'right' },
            { title: t('fission.col.counted'), dataIndex: 'counted', align: 'right' },
            { title: t('fission.col.rewards'), dataIndex: 'rewardsGranted', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
};
