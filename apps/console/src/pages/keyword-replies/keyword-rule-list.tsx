import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Flex, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { PagedListPage } from '../../components/paged-list-page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { useDeleteMutation } from '../../lib/use-delete-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { KeywordRuleDrawer } from './keyword-rule-drawer.tsx';
import { KeywordTestBox } from './keyword-test-box.tsx';
import { RULES_KEY, type TKeywordRule } from './types.ts';

const MAX_KEYWORD_TAGS = 6;

/** The rules, highest priority first: keywords, scope, hits, an enabled switch; editor in a drawer. */
export const KeywordRuleList = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  // Store managers read and test the rules; HQ roles change them and see their hits.
  const manage = canManageTenant(account.role);
  const queryClient = useQueryClient();
  const paged = usePagedList<TKeywordRule, { enabled?: 'true' | 'false' }>({ key: RULES_KEY, endpoint: '/api/keyword-replies' });
  const [editing, setEditing] = useState<{ rule?: TKeywordRule; tab?: 'settings' | 'hits' } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [RULES_KEY] });
  const toggle = useMutation({
    mutationFn: ({ id, on }: { id: number; on: boolean }) =>
      api<TKeywordRule>(`/api/keyword-replies/${id}`, { method: 'PATCH', body: { enabled: on } }),
    onSuccess: refresh,
  });
  const remove = useDeleteMutation({
    path: (id) => `/api/keyword-replies/${id}`,
    message: t('keywordReplies.deleted'),
    invalidate: [[RULES_KEY]],
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
    <PagedListPage<TKeywordRule>
      title={t('keywordReplies.title')}
      create={
        manage ? { label: t('keywordReplies.newRule'), onClick: () => setEditing({}), testId: 'keyword-rule-new' } : undefined
      }
      intro={t('keywordReplies.intro')}
      before={<KeywordTestBox />}
      paged={paged}
      search={{ placeholder: t('keywordReplies.search') }}
      filters={
        <Select
          allowClear
          placeholder={t('keywordReplies.allStates')}
          style={{ width: 140 }}
          value={paged.filters.enabled}
          onChange={(enabled) => paged.setFilters({ enabled })}
          options={[
            { value: 'true', label: t('keywordReplies.state.on') },
            { value: 'false', label: t('keywordReplies.state.off') },
          ]}
        />
      }
      tableTestId="keyword-rules"
      empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keywordReplies.empty')} />}
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
              <ConfirmDeleteButton
                title={t('keywordReplies.deleteConfirm', { name: r.name })}
                onConfirm={() => remove.mutateAsync(r.id)}
                testId={`keyword-delete-${r.id}`}
              />
            </Space>
          ),
        },
      ]}
    >
      <KeywordRuleDrawer
        key={editing ? `${editing.rule?.id ?? 'new'}-${editing.tab ?? 'settings'}` : 'closed'}
        open={editing !== null}
        rule={editing?.rule}
        tab={editing?.tab}
        onClose={() => setEditing(null)}
      />
    </PagedListPage>
  );
};
