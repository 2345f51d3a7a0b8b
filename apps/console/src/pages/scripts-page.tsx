import { CopyOutlined, DeleteOutlined, EditOutlined, PaperClipOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { CountLabel, FilterMenuCard } from '../components/filter-menu-card.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TPage } from '../types.ts';
import { renderPreview, type TScript, type TScriptCategory } from './materials/types.ts';
import { CategoryModal } from './scripts/category-modal.tsx';
import { categoryName } from './scripts/category-name.ts';
import { ScriptEditor } from './scripts/script-editor.tsx';

type TCategoryKey = 'all' | number;
type TSort = 'recent' | 'usage';

export const ScriptsPage = () => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const qc = useQueryClient();
  const [category, setCategory] = useState<TCategoryKey>('all');
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const [sort, setSort] = useState<TSort>('recent');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<TScript | 'new' | null>(null);
  const [categoryEditing, setCategoryEditing] = useState<TScriptCategory | 'new' | null>(null);

  const categories = useQuery({
    queryKey: ['script-categories'],
    queryFn: ({ signal }) => api<{ items: TScriptCategory[] }>('/api/script-categories', { signal }),
  });
  const list = useQuery({
    queryKey: ['scripts', 'list', category, search, sort, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TScript>>('/api/scripts', {
        signal,
        query: { categoryId: category === 'all' ? undefined : category, q: search || undefined, sort, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['scripts'] });
    void qc.invalidateQueries({ queryKey: ['script-categories'] });
  };
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/scripts/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) =>
      api<TScript>(`/api/scripts/${id}`, { method: 'PATCH', body: { enabled } }),
    onSuccess: refresh,
  });
  const removeCategory = useMutation({
    mutationFn: (id: number) => api<void>(`/api/script-categories/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      setCategory('all');
      refresh();
    },
  });
  const copy = useMutation({
    mutationFn: async (s: TScript) => {
      const rendered = await api<{ text: string }>(`/api/scripts/${s.id}/render`, { method: 'POST', body: {} });
      try {
        await navigator.clipboard.writeText(rendered.text);
      } catch {
        throw new Error(t('scripts.copyFailed'));
      }
      await api(`/api/scripts/${s.id}/used`, { method: 'POST' });
    },
    onSuccess: () => {
      void message.success(t('scripts.copied'));
      void qc.invalidateQueries({ queryKey: ['scripts'] });
    },
    onError: (err) => {
      if (err instanceof Error && err.message === t('scripts.copyFailed')) void message.error(err.message);
    },
  });

  const categoryItems = categories.data?.items ?? [];
  const byId = new Map(categoryItems.map((c) => [c.id, c]));
  const current = typeof category === 'number' ? byId.get(category) : undefined;
  const total = categoryItems.reduce((n, c) => n + c.scriptCount, 0);
  const filtered = !!search;

  return (
    <>
      <PageHeader
        title={t('scripts.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="script-create">
                {t('scripts.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('scripts.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6} xl={5}>
          <FilterMenuCard
            title={t('scripts.categories.title')}
            create={
              canEdit
                ? {
                    label: t('scripts.categories.create'),
                    onClick: () => setCategoryEditing('new'),
                    testId: 'script-category-create',
                  }
                : undefined
            }
            query={categories}
            selectedKey={String(category)}
            onSelect={(key) => {
              setCategory(key === 'all' ? 'all' : Number(key));
              setPage(1);
            }}
            menuTestId="script-categories"
            items={[
              { key: 'all', label: <CountLabel name={t('scripts.all')} count={total} /> },
              ...categoryItems.map((c) => ({
                key: String(c.id),
                label: (
                  <CountLabel
                    name={categoryName(c, i18n.language)}
                    count={c.scriptCount}
                    testId={`script-category-${c.key ?? c.id}`}
                  />
                ),
              })),
            ]}
            selected={
              canEdit && current
                ? {
                    editLabel: t('common.edit'),
                    onEdit: () => setCategoryEditing(current),
                    deleteTitle: t('scripts.categories.deleteConfirm', { name: current.name }),
                    onDelete: () => removeCategory.mutate(current.id),
                    deleteTestId: 'script-category-delete',
                  }
                : undefined
            }
          />
        </Col>
        <Col xs={24} md={18} xl={19}>
          <Card>
            <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 16 }}>
              <Input.Search
                allowClear
                value={q}
                maxLength={100}
                placeholder={t('scripts.searchPlaceholder')}
                style={{ width: 280 }}
                onChange={(e) => {
                  setQ(e.target.value);
                  setPage(1);
                }}
                data-testid="script-search"
              />
              <Segmented<TSort>
                value={sort}
                onChange={(v) => {
                  setSort(v);
                  setPage(1);
                }}
                options={[
                  { value: 'recent', label: t('scripts.sortRecent') },
                  { value: 'usage', label: t('scripts.sortUsage') },
                ]}
              />
            </Flex>
            {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
            <Table<TScript>
              rowKey="id"
              loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
              dataSource={list.data?.items ?? []}
              locale={{
                emptyText: (
                  <Empty description={filtered ? t('scripts.emptyFiltered') : t('scripts.empty')}>
                    {canEdit && !filtered ? (
                      <Button type="primary" onClick={() => setEditing('new')}>
                        {t('scripts.create')}
                      </Button>
                    ) : null}
                  </Empty>
                ),
              }}
              pagination={{
                current: page,
                pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [20, 50, 100, 200],
                showTotal: (n) => t('common.total', { total: n }),
                onChange: (p, size) => {
                  setPage(size === pageSize ? p : 1);
                  setPageSize(size);
                },
              }}
              columns={[
                {
                  title: t('scripts.fields.title'),
                  key: 'title',
                  width: 200,
                  render: (_, s) => (
                    <Flex vertical gap={2}>
                      <Typography.Text strong>{s.title}</Typography.Text>
                      <Space size={2} wrap>
                        {category === 'all' && byId.get(s.categoryId) ? (
                          <Tag color="blue">{categoryName(byId.get(s.categoryId) as TScriptCategory, i18n.language)}</Tag>
                        ) : null}
                        {s.tags.map((x) => (
                          <Tag key={x}>{x}</Tag>
                        ))}
                      </Space>
                    </Flex>
                  ),
                },
                {
                  title: t('scripts.fields.body'),
                  key: 'body',
                  render: (_, s) => (
                    <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{renderPreview(s.body)}</span>}>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, minWidth: 200 }}>
                        {s.body}
                      </Typography.Paragraph>
                    </Tooltip>
                  ),
                },
                {
                  title: <PaperClipOutlined aria-label={t('scripts.fields.materials')} />,
                  key: 'materials',
                  width: 56,
                  render: (_, s) => (s.materialIds.length ? s.materialIds.length : ''),
                },
                { title: t('scripts.fields.usageCount'), dataIndex: 'usageCount', width: 90 },
                {
                  title: t('scripts.fields.enabled'),
                  key: 'enabled',
                  width: 80,
                  render: (_, s) =>
                    canEdit ? (
                      <Switch
                        size="small"
                        checked={s.enabled}
                        loading={toggle.isPending && toggle.variables?.id === s.id}
                        onChange={(enabled) => toggle.mutate({ id: s.id, enabled })}
                        data-testid={`script-enabled-${s.id}`}
                      />
                    ) : (
                      <Tag color={s.enabled ? 'green' : 'default'}>
                        {s.enabled ? t('scripts.enabled') : t('scripts.disabled')}
                      </Tag>
                    ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  render: (_, s) => (
                    <Space size={4}>
                      <Tooltip title={t('scripts.copy')}>
                        <Button
                          size="small"
                          type="text"
                          icon={<CopyOutlined />}
                          loading={copy.isPending && copy.variables?.id === s.id}
                          onClick={() => copy.mutate(s)}
                          data-testid={`script-copy-${s.id}`}
                        />
                      </Tooltip>
                      {canEdit ? (
                        <>
                          <Tooltip title={t('common.edit')}>
                            <Button
                              size="small"
                              type="text"
                              icon={<EditOutlined />}
                              onClick={() => setEditing(s)}
                              data-testid={`script-edit-${s.id}`}
                            />
                          </Tooltip>
                          <Popconfirm
                            title={t('scripts.deleteConfirm', { title: s.title })}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => remove.mutate(s.id)}
                          >
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              data-testid={`script-delete-${s.id}`}
                            />
                          </Popconfirm>
                        </>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <ScriptEditor
        open={editing !== null}
        script={editing === 'new' ? null : editing}
        categories={categoryItems}
        defaultCategoryId={typeof category === 'number' ? category : categoryItems[0]?.id}
        onClose={() => setEditing(null)}
      />
      <CategoryModal
        open={categoryEditing !== null}
        category={categoryEditing === 'new' ? null : categoryEditing}
        onClose={() => setCategoryEditing(null)}
      />
    </>
  );
};
