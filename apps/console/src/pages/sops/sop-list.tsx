import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { ProgressModal } from './progress-modal.tsx';

type TSopRow = { id: number; name: string; status: string };

const KINDS = {
  calendar: { path: 'calendars', i18n: 'sops.calendar', testId: 'sop-calendar' },
  journey: { path: 'journeys', i18n: 'sops.journey', testId: 'sop-journey' },
} as const;

/**
 * The table both SOP kinds share: a paged list with a "new" button, the name (opens the editor),
 * the kind's own columns, the status, and per row its progress, the kind's own actions and a delete
 * after confirming. Editing and the row actions are for tenant managers only.
 */
export function SopList<T extends TSopRow>({
  kind,
  columns,
  trailingColumns = [],
  rowActions,
  editor,
}: {
  kind: keyof typeof KINDS;
  /** Between the name and the status. */
  columns: TableColumnsType<T>;
  /** After the status, before the actions. */
  trailingColumns?: TableColumnsType<T>;
  /** Shown before the delete button, to those who may edit. */
  rowActions?: (row: T) => ReactNode;
  editor: (props: { open: boolean; item: T | null; onClose: () => void }) => ReactNode;
}) {
  const { path, i18n, testId } = KINDS[kind];
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<T | null | 'new'>(null);
  const [progress, setProgress] = useState<{ kind: typeof path; id: number; name: string } | null>(null);
  const q = useQuery({
    queryKey: ['sops', path, page],
    queryFn: () => api<TPage<T>>(`/api/sops/${path}`, { query: page }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/sops/${path}/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sops'] }),
  });
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid={`${testId}-new`}>
            {t(`${i18n}.new`)}
          </Button>
        ) : null}
      </Flex>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t(`${i18n}.empty`)} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid={`${testId}-table`}
        columns={[
          {
            title: t(`${i18n}.col.name`),
            dataIndex: 'name',
            render: (name: string, row) =>
              canEdit ? (
                <Typography.Link onClick={() => setEditing(row)} data-testid={`${testId}-edit-${row.id}`}>
                  {name}
                </Typography.Link>
              ) : (
                name
              ),
          },
          ...columns,
          {
            title: t(`${i18n}.col.status`),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`sops.status.${s}`)}</Tag>,
          },
          ...trailingColumns,
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, row) => (
              <Flex gap={4} wrap>
                <Button size="small" onClick={() => setProgress({ kind: path, id: row.id, name: row.name })}>
                  {t('sops.calendar.progress')}
                </Button>
                {canEdit ? (
                  <>
                    {rowActions?.(row)}
                    <Popconfirm
                      title={t(`${i18n}.deleteTitle`, { name: row.name })}
                      description={t(`${i18n}.deleteBody`)}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(row.id).catch(() => undefined)}
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
      {editor({ open: editing !== null, item: editing === 'new' ? null : editing, onClose: () => setEditing(null) })}
      <ProgressModal target={progress} onClose={() => setProgress(null)} />
    </>
  );
}
