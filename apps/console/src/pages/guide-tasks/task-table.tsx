import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { StaffSelect } from '../../components/staff-select.tsx';
import { StoreSelect } from '../../components/store-select.tsx';
import { useSession } from '../../lib/session.ts';
import type { TPage } from '../../types.ts';
import { STATUS_COLOR, TASK_KINDS, TASK_STATUSES, type TGuideTask, type TTaskKind } from './types.ts';

type TBulkResult = { changed: number[]; unchanged: number[]; refused: { id: number; reason: string }[] };

const fmt = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/** The task list: filters, a paged table, and bulk complete/skip (with confirmation) for managers and HQ. */
export const TaskTable = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const qc = useQueryClient();
  const canBulk = account.role !== 'guide';
  const [storeId, setStoreId] = useState<number | undefined>();
  const [staffId, setStaffId] = useState<number | undefined>();
  const [kind, setKind] = useState<TTaskKind | undefined>();
  const [status, setStatus] = useState<(typeof TASK_STATUSES)[number] | undefined>();
  const [due, setDue] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<number[]>([]);
  const [skipOpen, setSkipOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [skipForm] = Form.useForm<{ reason: string }>();

  const query = {
    storeId,
    staffId,
    kind,
    status,
    dueFrom: due?.[0]?.startOf('day').toISOString(),
    dueTo: due?.[1]?.endOf('day').add(1, 'ms').toISOString(),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: ['guide-tasks', query],
    queryFn: ({ signal }) => api<TPage<TGuideTask>>('/api/tasks', { signal, query }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    setSelected([]);
    void qc.invalidateQueries({ queryKey: ['guide-tasks'] });
    void qc.invalidateQueries({ queryKey: ['guide-task-stats'] });
  };
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const bulk = async (action: 'complete' | 'skip', note?: string) => {
    setBusy(true);
    try {
      const r = await api<TBulkResult>('/api/tasks/bulk', { method: 'POST', body: { ids: selected, action, note } });
      const info = t('guideTasks.bulk.result', { changed: r.changed.length, refused: r.refused.length });
      if (r.refused.length) void message.warning(info);
      else void message.success(info);
      setSkipOpen(false);
      skipForm.resetFields();
      refresh();
    } finally {
      setBusy(false);
    }
  };
  const completeOne = async (id: number) => {
    await api(`/api/tasks/${id}/complete`, { method: 'POST', body: {} });
    refresh();
  };
  const reopenOne = async (id: number) => {
    await api(`/api/tasks/${id}/reopen`, { method: 'POST' });
    refresh();
  };

  return (
    <Card>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        {account.role === 'admin' || account.role === 'operator' ? (
          <StoreSelect value={storeId} onChange={filtered(setStoreId)} />
        ) : null}
        {canBulk ? <StaffSelect value={staffId} onChange={filtered(setStaffId)} testId="task-filter-staff" /> : null}
        <Select
          allowClear
          placeholder={t('guideTasks.filters.allKinds')}
          style={{ width: 150 }}
          value={kind}
          onChange={filtered(setKind)}
          options={TASK_KINDS.map((k) => ({ value: k, label: t(`guideTasks.kind.${k}`) }))}
          data-testid="task-filter-kind"
        />
        <Select
          allowClear
          placeholder={t('guideTasks.filters.allStatuses')}
          style={{ width: 140 }}
          value={status}
          onChange={filtered(setStatus)}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`guideTasks.status.${s}`) }))}
          data-testid="task-filter-status"
        />
        <DatePicker.RangePicker
          value={due}
          onChange={(v) => filtered(setDue)(v as [Dayjs | null, Dayjs | null] | null)}
          placeholder={[t('guideTasks.filters.due'), t('guideTasks.filters.due')]}
        />
      </Flex>
      {canBulk && selected.length > 0 ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('guideTasks.bulk.selected', { count: selected.length })}</Typography.Text>
          <Popconfirm
            title={t('guideTasks.bulk.completeConfirm', { count: selected.length })}
            onConfirm={() => bulk('complete')}
            okButtonProps={{ 'data-testid': 'task-bulk-complete-ok' } as ButtonProps}
          >
            <Button type="primary" loading={busy} data-testid="task-bulk-complete">
              {t('guideTasks.bulk.complete')}
            </Button>
          </Popconfirm>
          <Button onClick={() => setSkipOpen(true)} data-testid="task-bulk-skip">
            {t('guideTasks.bulk.skip')}
          </Button>
        </Flex>
      ) : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TGuideTask>
        rowKey="id"
        data-testid="task-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : t('guideTasks.empty') }}
        rowSelection={
          canBulk
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(Number)),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'open' }),
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('guideTasks.col.title'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <Flex vertical gap={2} style={{ maxWidth: 360 }}>
                <span data-testid={`task-title-${r.id}`}>{title}</span>
                {r.body ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {r.body}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { title: t('guideTasks.col.kind'), dataIndex: 'kind', render: (k: TTaskKind) => t(`guideTasks.kind.${k}`) },
          {
            title: t('guideTasks.col.staff'),
            dataIndex: 'staffName',
            render: (name: string, r) => (
              <>
                {name}
                {r.storeName ? <Typography.Text type="secondary"> · {r.storeName}</Typography.Text> : null}
              </>
            ),
          },
          {
            title: t('guideTasks.col.customer'),
            key: 'target',
            render: (_, r) => r.customerName ?? r.groupName ?? '—',
          },
          { title: t('guideTasks.col.dueAt'), dataIndex: 'dueAt', render: fmt },
          {
            title: t('guideTasks.col.status'),
            dataIndex: 'status',
            render: (s: TGuideTask['status'], r) => {
              const shown = r.overdue ? 'overdue' : s;
              return (
                <Flex gap={4}>
                  <Tag color={STATUS_COLOR[shown]} data-testid={`task-status-${r.id}`} data-status={s}>
                    {t(`guideTasks.status.${shown}`)}
                  </Tag>
                  {r.remindedAt && r.status === 'open' ? <Tag>{t('guideTasks.reminded')}</Tag> : null}
                </Flex>
              );
            },
          },
          {
            title: t('guideTasks.col.note'),
            dataIndex: 'note',
            render: (note: string | null, r) =>
              note || r.completedAt ? (
                <Typography.Text type="secondary">
                  {note}
                  {r.completedAt ? ` (${fmt(r.completedAt)})` : ''}
                </Typography.Text>
              ) : null,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) =>
              r.status === 'open' ? (
                <Popconfirm title={t('guideTasks.row.completeConfirm')} onConfirm={() => completeOne(r.id)}>
                  <Button size="small" type="link" data-testid={`task-complete-${r.id}`}>
                    {t('guideTasks.row.complete')}
                  </Button>
                </Popconfirm>
              ) : r.reopenUntil && dayjs(r.reopenUntil).isAfter(dayjs()) ? (
                <Button size="small" type="link" onClick={() => void reopenOne(r.id)}>
                  {t('guideTasks.row.reopen')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={skipOpen}
        title={t('guideTasks.bulk.skipTitle', { count: selected.length })}
        onCancel={() => setSkipOpen(false)}
        confirmLoading={busy}
        onOk={() => void skipForm.validateFields().then((v) => bulk('skip', v.reason.trim()))}
        okButtonProps={{ danger: true, 'data-testid': 'task-bulk-skip-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={skipForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('guideTasks.bulk.reason')}
            rules={[{ required: true, whitespace: true, message: t('guideTasks.bulk.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="task-bulk-skip-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
