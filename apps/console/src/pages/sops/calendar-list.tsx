import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { CalendarEditor } from './calendar-editor.tsx';
import { ProgressModal } from './progress-modal.tsx';
import type { TSopCalendar } from './types.ts';

/** The group SOP calendars: list, create/edit, apply now, progress, delete. */
export const CalendarList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<TSopCalendar | null | 'new'>(null);
  const [progress, setProgress] = useState<{ kind: 'calendars'; id: number; name: string } | null>(null);
  const q = useQuery({
    queryKey: ['sops', 'calendars', page],
    queryFn: () => api<TPage<TSopCalendar>>('/api/sops/calendars', { query: page }),
    placeholderData: keepPreviousData,
  });
  const apply = useMutation({
    mutationFn: (id: number) =>
      api<{ planned: number; cancelled: number }>(`/api/sops/calendars/${id}/apply`, { method: 'POST' }),
    onSuccess: (r) => {
      void message.success(t('sops.calendar.applied', r));
      void qc.invalidateQueries({ queryKey: ['sops'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/sops/calendars/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sops'] }),
  });
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="sop-calendar-new">
            {t('sops.calendar.new')}
          </Button>
        ) : null}
      </Flex>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TSopCalendar>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('sops.calendar.empty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="sop-calendar-table"
        columns={[
          {
            title: t('sops.calendar.col.name'),
            dataIndex: 'name',
            render: (name: string, c) =>
              canEdit ? (
                <Typography.Link onClick={() => setEditing(c)} data-testid={`sop-calendar-edit-${c.id}`}>
                  {name}
                </Typography.Link>
              ) : (
                name
              ),
          },
          { title: t('sops.calendar.col.timeline'), dataIndex: 'timeline', render: (v: string) => t(`sops.timeline.${v}`) },
          {
            title: t('sops.calendar.col.columns'),
            dataIndex: 'columns',
            render: (cols: TSopCalendar['columns']) => (
              <Flex gap={4} wrap>
                {cols.map((c) => (
                  <Tag key={c.name} color={c.color}>
                    {c.name}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('sops.calendar.col.targets'),
            key: 'targets',
            render: (_, c) =>
              t('sops.calendar.targetsText', {
                stores: c.targets.storeIds.length,
                kinds: c.targets.groupKinds.map((k) => t(`sops.groupKind.${k}`, { defaultValue: k })).join('、') || '—',
                groups: c.targets.groupIds.length,
              }),
          },
          { title: t('sops.calendar.col.items'), key: 'items', align: 'right', render: (_, c) => c.items.length },
          {
            title: t('sops.calendar.col.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`sops.status.${s}`)}</Tag>,
          },
          {
            title: t('sops.calendar.col.appliedAt'),
            dataIndex: 'appliedAt',
            render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, c) => (
              <Flex gap={4} wrap>
                <Button size="small" onClick={() => setProgress({ kind: 'calendars', id: c.id, name: c.name })}>
                  {t('sops.calendar.progress')}
                </Button>
                {canEdit ? (
                  <>
                    <Button
                      size="small"
                      icon={<ThunderboltOutlined />}
                      loading={apply.isPending && apply.variables === c.id}
                      onClick={() => apply.mutate(c.id)}
                      data-testid={`sop-calendar-apply-${c.id}`}
                    >
                      {t('sops.calendar.apply')}
                    </Button>
                    <Popconfirm
                      title={t('sops.calendar.deleteTitle', { name: c.name })}
                      description={t('sops.calendar.deleteBody')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(c.id).catch(() => undefined)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  </>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      <CalendarEditor open={editing !== null} calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ProgressModal target={progress} onClose={() => setProgress(null)} />
    </>
  );
};
