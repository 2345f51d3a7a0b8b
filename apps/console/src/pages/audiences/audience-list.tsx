import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { countConditions, type TAudiencePreview } from '../../components/audience-builder.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { AUDIENCES_KEY, type TSavedAudience } from './types.ts';

/** The count of a saved audience: the server's when the list carries it, else a live preview. */
const AudienceCountCell = ({ audience }: { audience: TSavedAudience }) => {
  const { t } = useTranslation();
  const live = useQuery({
    queryKey: ['audience-preview', JSON.stringify(audience.expression), false],
    queryFn: ({ signal }) =>
      api<TAudiencePreview>('/api/audiences/preview', {
        method: 'POST',
        body: { expression: audience.expression },
        signal,
        silent: true,
      }),
    enabled: typeof audience.count !== 'number',
    staleTime: 30_000,
    retry: false,
  });
  const count = typeof audience.count === 'number' ? audience.count : live.data?.count;
  return (
    <span data-testid={`audience-row-count-${audience.id}`}>
      {count === undefined ? t('audiences.countUnknown') : formatNumber(count)}
    </span>
  );
};

/** Saved audiences, searchable, with their counts; create, edit and delete (with confirmation). */
export const AudienceList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const manage = canManageTenant(account.role);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: [AUDIENCES_KEY, q, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TSavedAudience>>('/api/audiences', { signal, query: { q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/audiences/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('audiences.deleted'));
      void queryClient.invalidateQueries({ queryKey: [AUDIENCES_KEY] });
    },
  });
  const newButton = manage ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/audiences/new')} data-testid="audience-new">
      {t('audiences.newAudience')}
    </Button>
  ) : null;
  return (
    <>
      <PageHeader title={t('audiences.title')} extra={newButton} />
      <Typography.Paragraph type="secondary">{t('audiences.intro')}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('audiences.search')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TSavedAudience>
          rowKey="id"
          data-testid="audience-list"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audiences.empty')} />,
          }}
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
              title: t('audiences.col.name'),
              dataIndex: 'name',
              render: (name: string, a) => (
                <Flex vertical gap={2}>
                  {manage ? <Link to={`/audiences/${a.id}/edit`}>{name}</Link> : name}
                  {a.description ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} ellipsis>
                      {a.description}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('audiences.col.count'),
              key: 'count',
              align: 'right',
              render: (_, a) => <AudienceCountCell audience={a} />,
            },
            {
              title: t('audiences.col.conditions'),
              key: 'conditions',
              render: (_, a) => t('audiences.conditionsText', { count: countConditions(a.expression) }),
            },
            {
              title: t('audiences.col.updatedAt'),
              key: 'updatedAt',
              render: (_, a) => formatDateTime(a.updatedAt ?? a.createdAt ?? null),
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, a: TSavedAudience) => (
                      <Space>
                        <Button
                          size="small"
                          onClick={() => navigate(`/audiences/${a.id}/edit`)}
                          data-testid={`audience-edit-${a.id}`}
                        >
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('audiences.deleteConfirm', { name: a.name })}
                          onConfirm={() => remove.mutateAsync(a.id)}
                          okButtonProps={{ danger: true, ...{ 'data-testid': 'audience-delete-ok' } }}
                        >
                          <Button size="small" danger data-testid={`audience-delete-${a.id}`}>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
};
