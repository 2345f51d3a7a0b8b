import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { TriggerSummary } from './trigger-summary.tsx';
import { type TAutomation, TRIGGER_TYPES, type TTriggerType } from './types.ts';

export const RULES_KEY = 'automations';

/** The rules, newest first: trigger, actions, run counts, an on/off switch and delete. */
export const RuleList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [triggerType, setTriggerType] = useState<TTriggerType | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: [RULES_KEY, triggerType, q, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TAutomation>>('/api/automations', { signal, query: { triggerType, q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (r: { id: number; enabled: boolean }) =>
      api<TAutomation>(`/api/automations/${r.id}/${r.enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
    onSuccess: (r) => {
      void message.success(t(r.enabled ? 'automations.enabledOn' : 'automations.enabledOff'));
      void qc.invalidateQueries({ queryKey: [RULES_KEY] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/automations/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('automations.deleted'));
      void qc.invalidateQueries({ queryKey: [RULES_KEY] });
    },
  });
  return (
    <>
      <PageHeader
        title={t('automations.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/automations/new')}
            data-testid="automation-new"
          >
            {t('automations.newRule')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('automations.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('automations.search')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            data-testid="automation-search"
          />
          <Select
            allowClear
            placeholder={t('automations.allTriggers')}
            style={{ width: 200 }}
            value={triggerType}
            onChange={(v) => {
              setTriggerType(v);
              setPage(1);
            }}
            options={TRIGGER_TYPES.map((x) => ({ value: x, label: t(`automations.trigger.${x}`) }))}
            data-testid="automation-trigger-filter"
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TAutomation>
          rowKey="id"
          data-testid="automation-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : t('automations.empty') }}
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
              title: t('automations.col.name'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <Flex vertical gap={2}>
                  <Link to={`/automations/${r.id}`} data-testid={`automation-link-${r.id}`}>
                    {name}
                  </Link>
                  {r.description ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} ellipsis>
                      {r.description}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            { title: t('automations.col.trigger'), key: 'trigger', render: (_, r) => <TriggerSummary trigger={r.trigger} /> },
            {
              title: t('automations.col.actions'),
              key: 'actions',
              render: (_, r) => (
                <Flex wrap gap={4} style={{ maxWidth: 360 }}>
                  {r.actions.map((a, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: actions are an ordered list without ids
                    <Tag key={i}>{t(`automations.action.${a.type}`)}</Tag>
                  ))}
                </Flex>
              ),
            },
            {
              title: <Tooltip title={t('automations.col.runsHint')}>{t('automations.col.runs')}</Tooltip>,
              key: 'runs',
              align: 'right',
              render: (_, r) => `${r.runCount} / ${r.doneLast24h}`,
            },
            {
              title: t('automations.col.enabled'),
              dataIndex: 'enabled',
              render: (enabled: boolean, r) => (
                <Switch
                  checked={enabled}
                  loading={toggle.isPending && toggle.variables?.id === r.id}
                  onChange={(on) => toggle.mutate({ id: r.id, enabled: on })}
                  data-testid={`automation-switch-${r.id}`}
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'ops',
              render: (_, r) => (
                <Flex gap={8}>
                  <Button
                    size="small"
                    onClick={() => navigate(`/automations/${r.id}/edit`)}
                    data-testid={`automation-edit-${r.id}`}
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('automations.deleteConfirm', { name: r.name })}
                    onConfirm={() => remove.mutateAsync(r.id)}
                    okButtonProps={{ danger: true, 'data-testid': 'automation-delete-confirm' } as ButtonProps}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} data-testid={`automation-delete-${r.id}`} />
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
};
