import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Progress, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { canManageTenant, useSession } from '../lib/session.ts';
import type { TPage } from '../types.ts';
import { MomentDetail } from './moments/moment-detail.tsx';
import { MomentForm } from './moments/moment-form.tsx';
import { MOMENT_STATUS_COLOR, type TMomentStatus, type TMomentTask } from './moments/types.ts';

/** Moments (朋友圈) tasks: the list, a new task, and each task's per-staff status. */
export const MomentsPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<TMomentStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['moments', 'list', page, status],
    queryFn: () => api<TPage<TMomentTask>>('/api/moments', { query: { ...page, status } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('moments.title')}
        extra={
          canManageTenant(account.role) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="moment-new">
              {t('moments.new')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('moments.intro')}</Typography.Paragraph>
      <Select
        allowClear
        placeholder={t('moments.col.status')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        options={(['sending', 'running', 'done', 'failed'] as const).map((s) => ({ value: s, label: t(`moments.status.${s}`) }))}
        style={{ width: 160, marginBottom: 12 }}
      />
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TMomentTask>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('moments.empty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="moment-table"
        columns={[
          {
            title: t('moments.col.title'),
            dataIndex: 'title',
            render: (title: string, m) => (
              <Typography.Link onClick={() => setOpenId(m.id)} data-testid={`moment-open-${m.id}`}>
                {title}
              </Typography.Link>
            ),
          },
          {
            title: t('moments.col.targets'),
            key: 'targets',
            render: (_, m) => `${t(`moments.target.${m.targetKind}`)} · ${m.staffCount}`,
          },
          {
            title: t('moments.col.status'),
            dataIndex: 'status',
            render: (s: TMomentStatus) => <Tag color={MOMENT_STATUS_COLOR[s]}>{t(`moments.status.${s}`)}</Tag>,
          },
          {
            title: t('moments.col.published'),
            key: 'published',
            width: 200,
            render: (_, m) => (
              <Progress
                percent={m.staffCount ? Math.round((m.publishedCount / m.staffCount) * 100) : 0}
                format={() => `${m.publishedCount}/${m.staffCount}`}
                size="small"
              />
            ),
          },
          { title: t('moments.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        ]}
      />
      <MomentForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(task) => {
          setCreating(false);
          setOpenId(task.id);
        }}
      />
      <MomentDetail id={openId} onClose={() => setOpenId(null)} />
    </>
  );
};
