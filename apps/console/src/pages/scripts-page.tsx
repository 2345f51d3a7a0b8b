import { CopyOutlined, EditOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Input, Segmented, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ConfirmDeleteButton } from '../components/confirm-delete-button.tsx';
import { CountLabel, FilterMenuCard } from '../components/filter-menu-card.tsx';
import { SideFilterPage } from '../components/side-filter-page.tsx';
import { TooltipIconButton } from '../components/tooltip-icon-button.tsx';
import { pagedTableProps } from '../lib/paged-table-props.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDeleteMutation } from '../lib/use-delete-mutation.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
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
  const paged = usePagedList<TScript, { category: TCategoryKey; sort: TSort }>({
    key: ['scripts', 'list'],
    endpoint: '/api/scripts',
    filters: { category: 'all', sort: 'recent' },
    toQuery: ({ category, sort }) => ({ categoryId: category === 'all' ? undefined : category, sort }),
    paging: { pageSizeOptions: [20, 50, 100, 200], firstPageOnResize: true },
  });
  const {
    list,
    q: search,
    filters: { category, sort },
    setFilters,
  } = paged;
  const [editing, setEditing] = useState<TScript | 'new' | null>(null);
  const [categoryEditing, setCategoryEditing] = useState<TScriptCategory | 'new' | null>(null);

  const categories = useQuery({
    queryKey: ['script-categories'],
    queryFn: ({ signal }) => api<{ items: TScriptCategory[] }>('/api/script-categories', { signal }),
  });
  const invalidate = [['scripts'], ['script-categories']];
  const refresh = () => {
    for (const queryKey of invalidate) void qc.invalidateQueries({ queryKey });
  };
  const remove = useDeleteMutation({ path: (id) => `/api/scripts/${id}`, message: t('common.deleted'), invalidate });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) =>
      api<TScript>(`/api/scripts/${id}`, { method: 'PATCH', body: { enabled } }),
    onSuccess: refresh,
  });
  const removeCategory = useDeleteMutation({
    path: (id) => `/api/script-categories/${id}`,
    message: t('common.deleted'),
    invalidate,
    onSuccess: () => setFilters({ category: 'all' }),
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
      <SideFilterPage
        title={t('scripts.title')}
        list={list}
        actions={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="script-create">
              {t('scripts.create')}
            </Button>
          ) : null
        }
        intro={t('scripts.intro')}
        side={
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
            onSelect={(key) => setFilters({ category: key === 'all' ? 'all' : Number(key) })}
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
        }
        toolbarJustify="space-between"
        toolbar={
          <>
            <Input.Search
              allowClear
              {...paged.searchProps}
              maxLength={100}
              placeholder={t('scripts.searchPlaceholder')}
              style={{ width: 280 }}
              data-testid="script-search"
            />
            <Segmented<TSort>
              value={sort}
              onChange={(v) => setFilters({ sort: v })}
              options={[
                { value: 'recent', label: t('scripts.sortRecent') },
                { value: 'usage', label: t('scripts.sortUsage') },
              ]}
            />
          </>
        }
      >
        <Table<TScript>
          {...pagedTableProps(paged)}
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
                  <Tag color={s.enabled ? 'green' : 'default'}>{s.enabled ? t('scripts.enabled') : t('scripts.disabled')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, s) => (
                <Space size={4}>
                  <TooltipIconButton
                    title={t('scripts.copy')}
                    icon={<CopyOutlined />}
                    loading={copy.isPending && copy.variables?.id === s.id}
                    onClick={() => copy.mutate(s)}
                    testId={`script-copy-${s.id}`}
                  />
                  {canEdit ? (
                    <>
                      <TooltipIconButton
                        title={t('common.edit')}
                        icon={<EditOutlined />}
                        onClick={() => setEditing(s)}
                        testId={`script-edit-${s.id}`}
                      />
                      <ConfirmDeleteButton
                        title={t('scripts.deleteConfirm', { title: s.title })}
                        onConfirm={() => remove.mutate(s.id)}
                        icon
                        type="text"
                        testId={`script-delete-${s.id}`}
                      />
                    </>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </SideFilterPage>
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
