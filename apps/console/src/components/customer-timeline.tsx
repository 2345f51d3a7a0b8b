import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Spin, Timeline, type TimelineItemProps, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import type { TPage, TTimelineEvent } from '../types.ts';
import { QueryError } from './query-error.tsx';

const PAGE_SIZE = 20;

const str = (v: unknown): string | undefined => {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const COLORS: Record<string, string> = {
  'customer.created': 'blue',
  'follow.added': 'green',
  'follow.deleted': 'red',
  'tag.added': 'blue',
  'tag.removed': 'gray',
  'group.joined': 'green',
  'group.left': 'gray',
  message: 'blue',
  'order.paid': 'green',
  'order.refunded': 'orange',
  'customer.updated': 'gray',
  handover: 'purple',
};

/** One i18n sentence per event type; names come from `data`, so the sentence reads the same in both languages. */
export const describeEvent = (t: TFunction, e: TTimelineEvent): string => {
  const d = e.data ?? {};
  const unknown = t('timeline.unknownName');
  switch (e.type) {
    case 'customer.created':
      return str(d.source) ? t('timeline.customerCreatedFrom', { source: str(d.source) }) : t('timeline.customerCreated');
    case 'follow.added':
      return str(d.state)
        ? t('timeline.followAddedState', { staffName: str(d.staffName) ?? unknown, state: str(d.state) })
        : t('timeline.followAdded', { staffName: str(d.staffName) ?? unknown });
    case 'follow.deleted':
      return d.by === 'staff' || d.deletedBy === 'staff'
        ? t('timeline.followDeletedByStaff', { staffName: str(d.staffName) ?? unknown })
        : t('timeline.followDeleted', { staffName: str(d.staffName) ?? unknown });
    case 'tag.added':
      return t('timeline.tagAdded', { tagName: str(d.tagName) ?? unknown });
    case 'tag.removed':
      return t('timeline.tagRemoved', { tagName: str(d.tagName) ?? unknown });
    case 'group.joined':
      return t('timeline.groupJoined', { groupName: str(d.groupName) ?? unknown });
    case 'group.left':
      return t('timeline.groupLeft', { groupName: str(d.groupName) ?? unknown });
    case 'message': {
      const content = str(d.content) ?? '';
      if (str(d.groupName)) return t('timeline.messageInGroup', { groupName: str(d.groupName), content });
      if (str(d.staffName)) return t('timeline.messageToStaff', { staffName: str(d.staffName), content });
      return t('timeline.message', { content });
    }
    case 'order.paid':
      return t('timeline.orderPaid', { amount: formatMoney(num(d.amountCents)) });
    case 'order.refunded':
      return t('timeline.orderRefunded', { amount: formatMoney(num(d.amountCents)) });
    case 'customer.updated': {
      const fields = Array.isArray(d.fields)
        ? d.fields.filter((f): f is string => typeof f === 'string')
        : typeof d.changes === 'object' && d.changes !== null
          ? Object.keys(d.changes)
          : [];
      return fields.length > 0
        ? t('timeline.customerUpdatedFields', { fields: fields.join(', ') })
        : t('timeline.customerUpdated');
    }
    case 'handover':
      return t('timeline.handover', {
        fromStaffName: str(d.fromStaffName) ?? unknown,
        toStaffName: str(d.toStaffName) ?? unknown,
      });
    default:
      return t('timeline.other', { type: e.type });
  }
};

export const CustomerTimeline = ({ customerId }: { customerId: number }) => {
  const { t } = useTranslation();
  const q = useInfiniteQuery({
    queryKey: ['customer', customerId, 'timeline'],
    queryFn: ({ pageParam, signal }) =>
      api<TPage<TTimelineEvent>>(`/api/customers/${customerId}/timeline`, {
        signal,
        query: { page: pageParam, pageSize: PAGE_SIZE },
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

  if (q.isPending) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const events = q.data.pages.flatMap((p) => p.items);
  const total = q.data.pages[0]?.total ?? 0;
  if (events.length === 0) return <Empty description={t('timeline.empty')} />;

  const items: TimelineItemProps[] = events.map((e) => ({
    key: e.id,
    color: COLORS[e.type] ?? 'gray',
    content: (
      <Flex vertical gap={2} data-event-type={e.type}>
        <Typography.Text>{describeEvent(t, e)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.occurredAt)} · {t(`timeline.actors.${e.actorType}`, { defaultValue: e.actorType })}
        </Typography.Text>
      </Flex>
    ),
  }));

  return (
    <div data-testid="customer-timeline">
      <Typography.Paragraph type="secondary">{t('timeline.count', { count: total })}</Typography.Paragraph>
      <Timeline items={items} />
      {q.hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
};
