import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { KeywordRuleDrawer } from './keyword-rule-drawer.tsx';
import { KeywordTestBox } from './keyword-test-box.tsx';
import { RULES_KEY, type TKeywordRule } from './types.ts';

const MAX_KEYWORD_TAGS = 6;

/** The rules, highest priority first: keywords, scope, hits, an enabled switch; editor in a drawer. */
export const KeywordRuleList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  // Store managers read and test the rules; HQ roles change them and see their hits.
  const manage = canManageTenant(account.role);
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [enabled, setEnabled] = useState<'true' | 'false' | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<{ rule?: TKeywordRule; tab?: 'settings' | 'hits' } | null>(null);
  const list = useQuery({
    queryKey: [RULES_KEY, q, enabled, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TKeywordRule>>('/api/keyword-replies', { signal, query: { q: q || undefined, enabled, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [RULES_KEY] });
  const toggle = useMutation({
    mutationFn: ({ id, on }: { id: number; on: boolean }) =>
      api<TKeywordRule>(`/api/keyword-replies/${id}`, { method: 'PATCH', body: { enabled: on } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/keyword-replies/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('keywordReplies.deleted'));
      refresh();
    },
  });

  const scopeText = (r: TKeywordRule) => {
    const parts: string[] = [];
    if (r.scope.private) parts.push(t('keywordReplies.scope.private'));
    if (r.scope.groups) {
      const filters = [...r.scopeGroups.map((g) => g.name), ...r.scope.groupKinds.map((k) => t(`keywordReplies.groupKind.${k}`))];
      parts.push(
        filters.length
          ? `${t('keywordReplies.scope.groups')}: ${filters.join(t('common.listSep'))}`
          : t('keywordReplies.scope.allGroups'),
      );
    }
    if (r.scopeStores.length) parts.push(`${t('common.store')}: ${r.scopeStores.map((s) => s.name).join(t('common.listSep'))}`);
    return parts.join(' · ');
  };

  return (
    <>
      <PageHeader
        title={t('keywordReplies.title')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="keyword-rule-new">
              {t('keywordReplies.newRule')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('keywordReplies.intro')}</Typography.Paragraph>
      <KeywordTestBox />
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('keywordReplies.search')}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t('keywordReplies.allStates')}
            style={{ width: 140 }}
            value={enabled}
            onChange={(v) => {
              setEnabled(v);
              setPage(1);
            }}
            options={[
              { value: 'true', label: t('keywordReplies.state.on') },
              { value: 'false', label: t('keywordReplies.state.off') },
            ]}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<TKeywordRule>
          rowKey="id"
          data-testid="keyword-rules"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: list.isPending ? (
              ' '
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keywordReplies.empty')} />
            ),
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
              title: t('keywordReplies.col.name'),
              dataIndex: 'name',
              render: (name: string, r) =>
                manage ? (
                  <Button type="link" style={{ padding: 0 }} onClick={() => setEditing({ rule: r })}>
                    {name}
                  </Button>
                ) : (
                  name
                ),
            },
            {
              title: t('keywordReplies.col.keywords'),
              key: 'keywords',
              render: (_, r) => (
                <Flex wrap gap={4} style={{ maxWidth: 320 }}>
                  {r.keywords.slice(0, MAX_KEYWORD_TAGS).map((k) => (
                    <Tag key={k.text} color={k.mode === 'exact' ? 'blue' : undefined}>
                      {k.mode === 'exact' ? `=${k.text}` : k.text}
                    </Tag>
                  ))}
                  {r.keywords.length > MAX_KEYWORD_TAGS ? <Tag>+{r.keywords.length - MAX_KEYWORD_TAGS}</Tag> : null}
                </Flex>
              ),
            },
            {
              title: t('keywordReplies.col.scope'),
              key: 'scope',
              render: (_, r) => (
                <Typography.Text style={{ maxWidth: 260 }} ellipsis={{ tooltip: scopeText(r) }}>
                  {scopeText(r)}
                </Typography.Text>
              ),
            },
            { title: t('keywordReplies.col.priority'), dataIndex: 'priority', align: 'right' },
            {
              title: t('keywordReplies.col.hits'),
              key: 'hits',
              align: 'right',
              render: (_, r) =>
                manage ? (
                  <Button
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => setEditing({ rule: r, tab: 'hits' })}
                    data-testid={`keyword-hits-${r.id}`}
                  >
                    {r.hitCount}
                  </Button>
                ) : (
                  r.hitCount
                ),
            },
            {
              title: t('keywordReplies.col.lastHit'),
              dataIndex: 'lastHitAt',
              render: (at: string | null) => (at ? formatDateTime(at) : '—'),
            },
            {
              title: t('keywordReplies.col.enabled'),
              dataIndex: 'enabled',
              render: (on: boolean, r) => (
                <Switch
                  size="small"
                  checked={on}
                  loading={toggle.isPending && toggle.variables?.id === r.id}
                  disabled={!manage}
                  onChange={(v) => toggle.mutate({ id: r.id, on: v })}
                  data-testid={`keyword-enabled-${r.id}`}
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              hidden: !manage,
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setEditing({ rule: r })} data-testid={`keyword-edit-${r.id}`}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('keywordReplies.deleteConfirm', { name: r.name })}
                    onConfirm={() => remove.mutateAsync(r.id)}
                    okButtonProps={{ danger: true }}
                  >
                    <Button size="small" danger data-testid={`keyword-delete-${r.id}`}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <KeywordRuleDrawer
        key={editing ? `${editing.rule?.id ?? 'new'}-${editing.tab ?? 'settings'}` : 'closed'}
        open={editing !== null}
        rule={editing?.rule}
        tab={editing?.tab}
        onClose={() => setEditing(null)}
      />
    </>
  );
};
