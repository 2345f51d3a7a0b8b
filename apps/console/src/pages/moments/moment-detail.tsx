import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Progress, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { MOMENT_STATUS_COLOR, type TMomentTaskDetail, type TMomentTaskStaff } from './types.ts';

/** One moments task: its content and each target staff member published or not. */
export const MomentDetail = ({ id, onClose }: { id: number | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { account } = useSession();
  const q = useQuery({
    queryKey: ['moments', 'detail', id],
    queryFn: () => api<TMomentTaskDetail>(`/api/moments/${id}`),
    enabled: id !== null,
  });
  const sync = useMutation({
    mutationFn: () => api<{ status: string; publishedCount: number }>(`/api/moments/${id}/sync`, { method: 'POST' }),
    onSuccess: (r) => {
      void message.success(t('moments.detail.refreshed', { count: r.publishedCount }));
      void qc.invalidateQueries({ queryKey: ['moments'] });
    },
  });
  const task = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={t('moments.detail.title', { name: task?.title ?? '' })}
      extra={
        canManageTenant(account.role) && task && (task.status === 'sending' || task.status === 'running') ? (
          <Button icon={<ReloadOutlined />} loading={sync.isPending} onClick={() => sync.mutate()} data-testid="moment-sync">
            {t('moments.detail.refresh')}
          </Button>
        ) : null
      }
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isPending ? (
        <Skeleton active />
      ) : task ? (
        <>
          {task.error ? (
            <Alert type="error" showIcon title={t('moments.detail.error', { error: task.error })} style={{ marginBottom: 12 }} />
          ) : null}
          <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('moments.col.status')}>
              <Tag color={MOMENT_STATUS_COLOR[task.status]}>{t(`moments.status.${task.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('moments.col.published')}>
              <Progress
                percent={task.staffCount ? Math.round((task.publishedCount / task.staffCount) * 100) : 0}
                format={() => `${task.publishedCount}/${task.staffCount}`}
                size="small"
                style={{ width: 180 }}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('moments.form.content')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {task.content.text}
                {task.content.materialIds?.length ? ` [+${task.content.materialIds.length}]` : ''}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('moments.detail.momentId')}>{task.momentId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('moments.col.createdAt')}>{new Date(task.createdAt).toLocaleString()}</Descriptions.Item>
          </Descriptions>
          {task.lastSyncedAt ? (
            <Typography.Paragraph type="secondary">
              {t('moments.detail.lastSynced', { time: new Date(task.lastSyncedAt).toLocaleString() })}
            </Typography.Paragraph>
          ) : null}
          <Table<TMomentTaskStaff>
            size="small"
            rowKey="staffId"
            dataSource={task.staff}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('common.noData') }}
            data-testid="moment-staff-table"
            columns={[
              {
                title: t('moments.detail.staffCol.name'),
                dataIndex: 'name',
                render: (v: string | null, s) => v ?? `#${s.staffId}`,
              },
              { title: t('moments.detail.staffCol.store'), dataIndex: 'storeName', render: (v: string | null) => v ?? '—' },
              {
                title: t('moments.detail.staffCol.published'),
                dataIndex: 'published',
                filters: [
                  { text: t('moments.detail.published'), value: true },
                  { text: t('moments.detail.notPublished'), value: false },
                ],
                onFilter: (v, s) => s.published === v,
                render: (p: boolean) =>
                  p ? <Tag color="green">{t('moments.detail.published')}</Tag> : <Tag>{t('moments.detail.notPublished')}</Tag>,
              },
              {
                title: t('moments.detail.staffCol.publishedAt'),
                dataIndex: 'publishedAt',
                render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
              },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
};
