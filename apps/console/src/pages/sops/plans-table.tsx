import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ContentEditor, contentRule, type TContentRefValue } from '../../components/content-editor.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StoreSelect } from '../../components/store-select.tsx';
import { useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { contentSummary, PROGRESS_COLOR, type TSopPlanStep, type TStepStatus } from './types.ts';

const STATUSES: TStepStatus[] = ['planned', 'task_created', 'sent', 'done', 'skipped', 'cancelled'];

type TEditForm = { dueAt: Dayjs; title: string; content: TContentRefValue };

/** Plan steps across calendars and journeys: filter, change time/content, skip or restore. */
export const PlansTable = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { account } = useSession();
  const canEdit = account.role !== 'guide';
  const [filters, setFilters] = useState<{ planKind?: string; status?: string; storeId?: number; range: [Dayjs, Dayjs] }>({
    range: [dayjs(), dayjs().add(6, 'day')],
  });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<TSopPlanStep | null>(null);
  const [form] = Form.useForm<TEditForm>();
  const query = {
    ...page,
    planKind: filters.planKind,
    status: filters.status,
    storeId: filters.storeId,
    from: filters.range[0].format('YYYY-MM-DD'),
    to: filters.range[1].format('YYYY-MM-DD'),
  };
  const q = useQuery({
    queryKey: ['sops', 'plans', query],
    queryFn: () => api<TPage<TSopPlanStep>>('/api/sops/plans', { query }),
    placeholderData: keepPreviousData,
  });
  const patch = useMutation({
    mutationFn: ({ id, body }: { id: number; body: object }) =>
      api<TSopPlanStep>(`/api/sops/plans/${id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['sops'] });
      setEditing(null);
    },
  });
  const setFilter = (f: Partial<typeof filters>) => {
    setFilters((x) => ({ ...x, ...f }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('sops.plans.filters.planKind')}
          style={{ width: 150 }}
          value={filters.planKind}
          onChange={(v) => setFilter({ planKind: v })}
          options={(['calendar', 'journey'] as const).map((k) => ({ value: k, label: t(`sops.plans.planKind.${k}`) }))}
          data-testid="sop-plans-kind"
        />
        <Select
          allowClear
          placeholder={t('sops.plans.filters.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v) => setFilter({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: t(`sops.plans.stepStatus.${s}`) }))}
        />
        {account.role === 'admin' || account.role === 'operator' ? (
          <StoreSelect value={filters.storeId} onChange={(v) => setFilter({ storeId: v })} />
        ) : null}
        <DatePicker.RangePicker
          value={filters.range}
          allowClear={false}
          onChange={(v) => {
            if (v?.[0] && v[1]) setFilter({ range: [v[0], v[1]] });
          }}
        />
      </Flex>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TSopPlanStep>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('sops.plans.empty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="sop-plans-table"
        columns={[
          {
            title: t('sops.plans.col.dueAt'),
            dataIndex: 'dueAt',
            width: 150,
            render: (v: string, s) => (
              <>
                {dayjs(v).format('MM-DD ddd HH:mm')}
                {s.edited ? <Tag style={{ marginLeft: 4 }}>{t('sops.plans.edited')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('sops.plans.col.plan'),
            key: 'plan',
            render: (_, s) => (
              <Flex vertical>
                <Typography.Text>{s.planName ?? `#${s.planId}`}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`sops.plans.planKind.${s.planKind}`)}
                  {s.column ? ` · ${s.column}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('sops.plans.col.target'), key: 'target', render: (_, s) => s.targetName ?? `#${s.targetId}` },
          {
            title: t('sops.plans.col.title'),
            key: 'title',
            render: (_, s) => (
              <Tooltip title={contentSummary(s.content)}>
                <Typography.Text>{s.title}</Typography.Text>
                {s.hasCondition ? <Tag style={{ marginLeft: 4 }}>{t('sops.journey.conditionText')}</Tag> : null}
              </Tooltip>
            ),
          },
          { title: t('sops.plans.col.staff'), dataIndex: 'staffName', render: (v: string | null) => v ?? '—' },
          {
            title: t('sops.plans.col.status'),
            key: 'status',
            render: (_, s) => (
              <Flex vertical gap={2}>
                <Tag color={PROGRESS_COLOR[s.progress]}>{t(`sops.plans.stepStatus.${s.status}`)}</Tag>
                {s.progress === 'overdue' ? (
                  <Typography.Text type="danger">{t('sops.plans.progress.overdue')}</Typography.Text>
                ) : null}
                {s.skipReason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`sops.plans.skipReason.${s.skipReason}`, { defaultValue: s.skipReason })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, s: TSopPlanStep) =>
                    s.status === 'planned' ? (
                      <Flex gap={4}>
                        <Button size="small" onClick={() => setEditing(s)} data-testid={`sop-plan-edit-${s.id}`}>
                          {t('sops.plans.edit')}
                        </Button>
                        <Popconfirm
                          title={t('sops.plans.skipTitle')}
                          description={t('sops.plans.skipBody')}
                          okText={t('sops.plans.skip')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => patch.mutateAsync({ id: s.id, body: { skip: true } }).catch(() => undefined)}
                        >
                          <Button size="small" data-testid={`sop-plan-skip-${s.id}`}>
                            {t('sops.plans.skip')}
                          </Button>
                        </Popconfirm>
                      </Flex>
                    ) : s.status === 'skipped' && s.skipReason === 'operator' ? (
                      <Button size="small" onClick={() => patch.mutate({ id: s.id, body: { skip: false } })}>
                        {t('sops.plans.unskip')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={t('sops.plans.editTitle')}
        onCancel={() => setEditing(null)}
        confirmLoading={patch.isPending}
        width={640}
        destroyOnHidden
        onOk={() =>
          form
            .validateFields()
            .then((v) => {
              if (editing)
                patch.mutate({ id: editing.id, body: { dueAt: v.dueAt.toISOString(), title: v.title, content: v.content } });
            })
            .catch(() => undefined)
        }
      >
        <Form
          key={editing?.id}
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={editing ? { dueAt: dayjs(editing.dueAt), title: editing.title, content: editing.content } : undefined}
        >
          <Form.Item
            name="dueAt"
            label={t('sops.plans.col.dueAt')}
            rules={[{ required: true, message: t('sops.plans.dueAtRequired') }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('sops.calendar.itemTitle')}
            rules={[{ required: true, whitespace: true, message: t('sops.calendar.itemTitleRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="content" label={t('sops.calendar.itemContent')} rules={[contentRule(t)]}>
            <ContentEditor />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};
