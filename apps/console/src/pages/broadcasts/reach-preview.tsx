import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TBroadcastPreview } from './types.ts';

/**
 * The reach after caps, asked of the server as the form changes (debounced): audience, minus not
 * friends, capped and held out, per store; and when the send would start (quiet hours).
 */
export const ReachPreview = ({ request, broadcastId }: { request: Record<string, unknown> | null; broadcastId?: number }) => {
  const { t } = useTranslation();
  const body = useDebounced(request ? JSON.stringify({ ...request, broadcastId }) : null, 400);
  const preview = useQuery({
    queryKey: ['broadcast-preview', body],
    enabled: body !== null,
    queryFn: ({ signal }) =>
      api<TBroadcastPreview>('/api/broadcasts/preview', { method: 'POST', body: JSON.parse(body ?? '{}'), signal, silent: true }),
  });
  return (
    <Card title={t('broadcasts.preview.title')} size="small" data-testid="broadcast-preview">
      {body === null ? (
        <Typography.Text type="secondary">{t('broadcasts.preview.incomplete')}</Typography.Text>
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !preview.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Row gutter={16}>
            {(['audience', 'notFriend', 'capped', 'heldOut'] as const).map((k) => (
              <Col key={k} span={4}>
                <Statistic title={t(`broadcasts.preview.${k}`)} value={preview.data[k]} />
              </Col>
            ))}
            <Col span={8}>
              <Statistic
                title={t('broadcasts.preview.reach')}
                value={preview.data.reach}
                valueStyle={{ color: '#3f8600' }}
                data-testid="broadcast-preview-reach"
              />
            </Col>
          </Row>
          {preview.data.deferredByQuietHours ? (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              message={t('broadcasts.preview.deferred', { at: formatDateTime(preview.data.startsAt) })}
            />
          ) : null}
          {preview.data.byStore.length > 1 ? (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey={(r) => String(r.storeId)}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={preview.data.byStore}
              columns={[
                {
                  title: t('broadcasts.preview.store'),
                  render: (_: unknown, r) => r.storeName ?? t('broadcasts.preview.noStore'),
                },
                { title: t('broadcasts.preview.audience'), dataIndex: 'audience', align: 'right' },
                { title: t('broadcasts.preview.capped'), dataIndex: 'capped', align: 'right' },
                { title: t('broadcasts.preview.heldOut'), dataIndex: 'heldOut', align: 'right' },
                { title: t('broadcasts.preview.reach'), dataIndex: 'reach', align: 'right' },
              ]}
            />
          ) : null}
        </>
      )}
    </Card>
  );
};
