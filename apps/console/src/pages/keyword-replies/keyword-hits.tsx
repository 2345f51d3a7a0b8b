import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { TPage } from '../../types.ts';
import { OUTCOME_COLOR, type TKeywordHit, type TKeywordHitOutcome } from './types.ts';

const OUTCOMES: TKeywordHitOutcome[] = ['replied', 'cooldown', 'outside_hours', 'failed'];

/** A rule's hits, newest first, paged on the server, filterable by outcome. */
export const KeywordHits = ({ ruleId }: { ruleId: number }) => {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<TKeywordHitOutcome | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const hits = useQuery({
    queryKey: ['keyword-hits', ruleId, outcome, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TKeywordHit>>(`/api/keyword-replies/${ruleId}/hits`, { signal, query: { outcome, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Select<TKeywordHitOutcome>
        allowClear
        placeholder={t('keywordReplies.hits.allOutcomes')}
        value={outcome}
        onChange={(v) => {
          setOutcome(v);
          setPage(1);
        }}
        style={{ width: 180, marginBottom: 12 }}
        options={OUTCOMES.map((o) => ({ value: o, label: t(`keywordReplies.outcome.${o}`) }))}
      />
      {hits.isError ? <QueryError error={hits.error} onRetry={() => void hits.refetch()} /> : null}
      <Table<TKeywordHit>
        rowKey="id"
        size="small"
        data-testid="keyword-hits"
        loading={hits.isFetching}
        dataSource={hits.data?.items ?? []}
        locale={{
          emptyText: hits.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keywordReplies.hits.empty')} />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: hits.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('common.time'), dataIndex: 'at', render: (at: string) => formatDateTime(at) },
          {
            title: t('keywordReplies.hits.where'),
            key: 'where',
            render: (_, h) => (h.conversation === 'group' ? (h.groupName ?? `#${h.groupId}`) : t('keywordReplies.scope.private')),
          },
          {
            title: t('common.customer'),
            key: 'customer',
            render: (_, h) => h.customerName ?? (h.customerId ? `#${h.customerId}` : ''),
          },
          {
            title: t('keywordReplies.hits.outcome'),
            dataIndex: 'outcome',
            render: (o: TKeywordHitOutcome) => <Tag color={OUTCOME_COLOR[o]}>{t(`keywordReplies.outcome.${o}`)}</Tag>,
          },
        ]}
      />
    </>
  );
};
