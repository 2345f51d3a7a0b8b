import { DeleteOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { JourneyEditor } from './journey-editor.tsx';
import { ProgressModal } from './progress-modal.tsx';
import type { TSopJourney } from './types.ts';

/** Customer journeys: list, create/edit, enrol a customer, progress, delete. */
export const JourneyList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<TSopJourney | null | 'new'>(null);
  const [progress, setProgress] = useState<{ kind: 'journeys'; id: number; name: string } | null>(null);
  const [enrolling, setEnrolling] = useState<TSopJourney | null>(null);
  const [customerId, setCustomerId] = useState<number | undefined>();
  const q = useQuery({
    queryKey: ['sops', 'journeys', page],
    queryFn: () => api<TPage<TSopJourney>>('/api/sops/journeys', { query: page }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/sops/journeys/${id}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['sops'] }),
  });
  const enroll = useMutation({
    mutationFn: ({ id, customerId }: { id: number; customerId: number }) =>
      api<{ duplicate: boolean; steps: number }>(`/api/sops/journeys/${id}/enrollments`, {
        method: 'POST',
        body: { customerId },
      }),
    onSuccess: (r) => {
      void message.success(r.duplicate ? t('sops.journey.enrolledDuplicate') : t('sops.journey.enrolled', { steps: r.steps }));
      void qc.invalidateQueries({ queryKey: ['sops'] });
      setEnrolling(null);
      setCustomerId(undefined);
    },
  });
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="sop-journey-new">
            {t('sops.journey.new')}
          </Button>
        ) : null}
      </Flex>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TSopJourney>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('sops.journey.empty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="sop-journey-table"
        columns={[
          {
            title: t('sops.journey.col.name'),
            dataIndex: 'name',
            render: (name: string, j) =>
              canEdit ? <Typography.Link onClick={() => setEditing(j)}>{name}</Typography.Link> : name,
          },
          {
            title: t('sops.journey.col.trigger'),
            key: 'trigger',
            render: (_, j) => (
              <>
                {t(`sops.journey.trigger.${j.trigger}`)}
                {j.statePrefix ? <Tag style={{ marginLeft: 4 }}>{j.statePrefix}*</Tag> : null}
                {j.newCustomersOnly ? <Tag style={{ marginLeft: 4 }}>{t('sops.journey.newCustomersOnly')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('sops.journey.col.steps'),
            key: 'steps',
            render: (_, j) => (
              <Flex gap={4} wrap>
                {j.steps.map((s) => (
                  <Tag key={s.id} color={s.condition ? 'orange' : 'blue'} title={s.title}>
                    {t('sops.journey.dayN', { n: s.dayOffset })}
                    {s.time ? ` ${s.time}` : ''}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('sops.journey.col.enrollments'), dataIndex: 'enrollments', align: 'right' },
          {
            title: t('sops.journey.col.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`sops.status.${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, j) => (
              <Flex gap={4} wrap>
                <Button size="small" onClick={() => setProgress({ kind: 'journeys', id: j.id, name: j.name })}>
                  {t('sops.calendar.progress')}
                </Button>
                {canEdit ? (
                  <>
                    <Button
                      size="small"
                      icon={<UserAddOutlined />}
                      disabled={j.status !== 'active'}
                      onClick={() => setEnrolling(j)}
                      data-testid={`sop-journey-enroll-${j.id}`}
                    >
                      {t('sops.journey.enroll')}
                    </Button>
                    <Popconfirm
                      title={t('sops.journey.deleteTitle', { name: j.name })}
                      description={t('sops.journey.deleteBody')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutateAsync(j.id).catch(() => undefined)}
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
      <JourneyEditor open={editing !== null} journey={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ProgressModal target={progress} onClose={() => setProgress(null)} />
      <Modal
        open={!!enrolling}
        title={`${t('sops.journey.enroll')}：${enrolling?.name ?? ''}`}
        onCancel={() => setEnrolling(null)}
        okButtonProps={{ disabled: !customerId, loading: enroll.isPending }}
        onOk={() => {
          if (enrolling && customerId) enroll.mutate({ id: enrolling.id, customerId });
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('sops.journey.enrollCustomer')}</Typography.Paragraph>
        <CustomerSelect value={customerId} onChange={setCustomerId} style={{ width: '100%' }} />
      </Modal>
    </>
  );
};
