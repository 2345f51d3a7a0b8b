import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PagedListPage } from '../../components/paged-list-page.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { reachOf, STATUS_COLOR, type TBroadcast, type TBroadcastStatus } from './types.ts';

const STATUSES: TBroadcastStatus[] = ['draft', 'scheduled', 'planning', 'sending', 'sent', 'cancelled', 'failed'];

/** Broadcasts, newest first: name, status, send time, reach, delivered and not delivered. */
export const BroadcastList = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const paged = usePagedList<TBroadcast, { status?: TBroadcastStatus }>({
    key: 'broadcasts',
    endpoint: '/api/broadcasts',
    // While something is on its way, the numbers move.
    refetchInterval: (query) =>
      query.state.data?.items.some((b) => ['scheduled', 'planning', 'sending'].includes(b.status)) ? 5000 : false,
  });
  const { list } = paged;
  return (
    <PagedListPage<TBroadcast>
      title={t('broadcasts.title')}
      create={{ label: t('broadcasts.newBroadcast'), onClick: () => navigate('/broadcasts/new'), testId: 'broadcast-new' }}
      intro={t('broadcasts.intro')}
      paged={paged}
      search={{ placeholder: t('broadcasts.search') }}
      filters={
        <Select
          allowClear
          placeholder={t('broadcasts.allStatuses')}
          style={{ width: 160 }}
          value={paged.filters.status}
          onChange={(status) => paged.setFilters({ status })}
          options={STATUSES.map((s) => ({ value: s, label: t(`broadcasts.status.${s}`) }))}
        />
      }
      tableTestId="broadcast-list"
      loading={list.isFetching && !list.data}
      empty={t('broadcasts.empty')}
      columns={[
        {
          title: t('broadcasts.col.name'),
          dataIndex: 'name',
          render: (name: string, b) => (
            <Link to={`/broadcasts/${b.id}`} data-testid={`broadcast-row-${b.id}`}>
              {name}
            </Link>
          ),
        },
        {
          title: t('broadcasts.col.target'),
          dataIndex: 'target',
          render: (v: TBroadcast['target']) => t(`broadcasts.target.${v}`),
        },
        {
          title: t('broadcasts.col.status'),
          dataIndex: 'status',
          render: (s: TBroadcastStatus) => (
            <Tag color={STATUS_COLOR[s]} data-testid="broadcast-status">
              {t(`broadcasts.status.${s}`)}
            </Tag>
          ),
        },
        {
          title: t('broadcasts.col.schedule'),
          dataIndex: 'sendAt',
          render: (v: string | null) => (v ? formatDateTime(v) : t('broadcasts.col.now')),
        },
        {
          title: t('broadcasts.col.reach'),
          align: 'right',
          render: (_: unknown, b) => formatNumber(b.status === 'draft' ? null : reachOf(b)),
        },
        { title: t('broadcasts.col.sent'), align: 'right', render: (_: unknown, b) => formatNumber(b.counts.sent ?? 0) },
        {
          title: t('broadcasts.col.failed'),
          align: 'right',
          render: (_: unknown, b) =>
            formatNumber((b.counts.failed ?? 0) + (b.counts.unconfirmed ?? 0) + (b.counts.over_limit ?? 0)),
        },
      ]}
    />
  );
};
