import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { PagedListPage } from '../../components/paged-list-page.tsx';
import { useDeleteMutation } from '../../lib/use-delete-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { TriggerSummary } from './trigger-summary.tsx';
import { type TAutomation, TRIGGER_TYPES, type TTriggerType } from './types.ts';

export const RULES_KEY = 'automations';

/** The rules, newest first: trigger, actions, run counts, an on/off switch and delete. */
export const RuleList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const paged = usePagedList<TAutomation, { triggerType?: TTriggerType }>({ key: RULES_KEY, endpoint: '/api/automations' });
  const toggle = useMutation({
    mutationFn: (r: { id: number; enabled: boolean }) =>
      api<TAutomation>(`/api/automations/${r.id}/${r.enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
    onSuccess: (r) => {
      void message.success(t(r.enabled ? 'automations.enabledOn' : 'automations.enabledOff'));
      void qc.invalidateQueries({ queryKey: [RULES_KEY] });
    },
  });
  const remove = useDeleteMutation({
    path: (id) => `/api/automations/${id}`,
    message: t('automations.deleted'),
    invalidate: [[RULES_KEY]],
  });
  return (
    <PagedListPage<TAutomation>
      title={t('automations.title')}
      create={{ label: t('automations.newRule'), onClick: () => navigate('/automations/new'), testId: 'automation-new' }}
      intro={t('automations.intro')}
      paged={paged}
      search={{ placeholder: t('automations.search'), testId: 'automation-search' }}
      filters={
        <Select
          allowClear
          placeholder={t('automations.allTriggers')}
          style={{ width: 200 }}
          value={paged.filters.triggerType}
          onChange={(triggerType) => paged.setFilters({ triggerType })}
          options={TRIGGER_TYPES.map((x) => ({ value: x, label: t(`automations.trigger.${x}`) }))}
          data-testid="automation-trigger-filter"
        />
      }
      tableTestId="automation-list"
      empty={t('automations.empty')}
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
              <Button size="small" onClick={() => navigate(`/automations/${r.id}/edit`)} data-testid={`automation-edit-${r.id}`}>
                {t('common.edit')}
              </Button>
              <ConfirmDeleteButton
                title={t('automations.deleteConfirm', { name: r.name })}
                onConfirm={() => remove.mutateAsync(r.id)}
                icon
                testId={`automation-delete-${r.id}`}
                okTestId="automation-delete-confirm"
              />
            </Flex>
          ),
        },
      ]}
    />
  );
};
