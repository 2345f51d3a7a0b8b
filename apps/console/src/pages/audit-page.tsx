import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Card, Flex, Input, Popover, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TAuditEntry, TPage } from '../types.ts';

// Actions the server records today; the filter also offers any other action seen in the loaded pages.
const KNOWN_ACTIONS = [
  'account.create',
  'account.role_change',
  'staff.handover',
  'staff.role_change',
  'tag.delete',
  'tag_group.delete',
];

// i18n keys cannot contain the dots of an action name.
const actionKey = (action: string) => `audit.actions.${action.replace(/\./g, '_')}`;

const detailsText = (d: unknown): string => {
  if (d === null || d === undefined) return '';
  if (typeof d === 'string') return d;
  return JSON.stringify(d, null, 2);
};

export const AuditPage = () => {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const debounced = useDebounced(action.trim(), 350);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: ['audit', debounced, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TAuditEntry>>('/api/audit', { signal, query: { action: debounced || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const seen = useRef(new Set(KNOWN_ACTIONS));
  for (const e of list.data?.items ?? []) seen.current.add(e.action);
  const actionLabel = (a: string) => t(actionKey(a), { defaultValue: a });

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <AutoComplete
            value={action}
            onChange={(v) => {
              setAction(v ?? '');
              setPage(1);
            }}
            options={[...seen.current].sort().map((a) => ({ value: a, label: `${a} · ${actionLabel(a)}` }))}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.label ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
            style={{ width: 320 }}
          >
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('audit.actionPlaceholder')}
              data-testid="audit-action-filter"
            />
          </AutoComplete>
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TAuditEntry>
          rowKey="id"
          data-testid="audit-table"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : t('audit.empty') }}
          columns={[
            { title: t('common.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, true) },
            { title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? t('audit.system') },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <Tag
                  color="blue"
                  style={{ cursor: 'pointer' }}
                  onClick={() => {
                    setAction(v);
                    setPage(1);
                  }}
                >
                  {actionLabel(v)}
                </Tag>
              ),
            },
            {
              title: t('audit.target'),
              key: 'target',
              render: (_, r) => (r.targetType ? `${r.targetType}${r.targetId !== null ? ` #${r.targetId}` : ''}` : '—'),
            },
            {
              title: t('audit.details'),
              dataIndex: 'details',
              render: (v: unknown) => {
                const text = detailsText(v);
                if (!text || text === '{}') return '—';
                return (
                  <Popover content={<pre style={{ margin: 0, maxWidth: 480, maxHeight: 360, overflow: 'auto' }}>{text}</pre>}>
                    <Typography.Text code style={{ maxWidth: 320, display: 'inline-block' }} ellipsis>
                      {text.replace(/\s+/g, ' ')}
                    </Typography.Text>
                  </Popover>
                );
              },
            },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
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
        />
      </Card>
    </>
  );
};
