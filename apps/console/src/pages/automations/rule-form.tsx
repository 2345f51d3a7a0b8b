import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Result, Select, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { AudienceBuilder, EMPTY_AUDIENCE, type TAudienceExpression } from '../../components/audience-builder.tsx';
import { ContentEditor, contentRule, EMPTY_CONTENT, type TContentRefValue } from '../../components/content-editor.tsx';
import { GroupMultiSelect } from '../../components/group-multi-select.tsx';
import { GroupSelect } from '../../components/group-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { StaffMultiSelect } from '../../components/staff-multi-select.tsx';
import { StaffSelect } from '../../components/staff-select.tsx';
import { TagSelect } from '../../components/tag-select.tsx';
import { MAX_PAGE_SIZE, useStores } from '../../lib/queries.ts';
import type { TCustomerField, TPage } from '../../types.ts';
import { RULES_KEY } from './rule-list.tsx';
import {
  ACTION_TYPES,
  type TAction,
  type TActionType,
  type TAutomation,
  type TRewardKind,
  TRIGGER_TYPES,
  type TTrigger,
  type TTriggerType,
  type TWaitUnit,
} from './types.ts';

type TTriggerValues = {
  type: TTriggerType;
  liveCodeIds?: number[];
  statePrefix?: string;
  newCustomersOnly?: boolean;
  groupIds?: number[];
  scope?: 'private' | 'group' | 'any';
  keyword?: string;
  minAmountYuan?: number;
  tagIds?: number[];
  days?: number;
  fieldKey?: string;
  daysBefore?: number;
};
type TActionValues = {
  type: TActionType;
  tagIds?: number[];
  content?: TContentRefValue;
  groupId?: number;
  journeyId?: number;
  title?: string;
  body?: string;
  staffId?: number;
  dueInHours?: number;
  rewardKind?: TRewardKind;
  rewardAmount?: number;
  rewardName?: string;
  amount?: number;
  unit?: TWaitUnit;
};
type TValues = {
  name: string;
  description?: string;
  enabled: boolean;
  loopWindowMinutes: number;
  trigger: TTriggerValues;
  useAudience: boolean;
  audience?: TAudienceExpression;
  cond: { minAmountYuan?: number; groupIds?: number[]; staffIds?: number[]; storeIds?: number[] };
  actions: TActionValues[];
};
type TNamed = { id: number; name: string };

const yuanToCents = (y: number | undefined) => Math.round((y ?? 0) * 100);
const nonEmpty = (ids: number[] | undefined) => (ids?.length ? ids : undefined);

/** The API body of the form's values: only the fields of the chosen trigger and action types. */
export function toBody(v: TValues) {
  const t = v.trigger;
  const trigger: TTrigger = (() => {
    switch (t.type) {
      case 'customer_added':
        return {
          type: t.type,
          liveCodeIds: t.liveCodeIds ?? [],
          statePrefix: t.statePrefix?.trim() || undefined,
          newCustomersOnly: !!t.newCustomersOnly,
        };
      case 'group_joined':
      case 'group_left':
        return { type: t.type, groupIds: t.groupIds ?? [] };
      case 'message':
        return { type: t.type, scope: t.scope ?? 'any', keyword: t.keyword?.trim() || undefined };
      case 'order_paid':
        return { type: t.type, minAmountCents: yuanToCents(t.minAmountYuan) };
      case 'tag_added':
      case 'tag_removed':
        return { type: t.type, tagIds: t.tagIds ?? [] };
      case 'inactivity':
        return { type: t.type, days: t.days ?? 30 };
      case 'date_field':
        return { type: t.type, fieldKey: t.fieldKey ?? '', daysBefore: t.daysBefore ?? 0 };
      default:
        return { type: t.type } as TTrigger;
    }
  })();
  const actions: TAction[] = (v.actions ?? []).map((a) => {
    switch (a.type) {
      case 'add_tags':
      case 'remove_tags':
        return { type: a.type, tagIds: a.tagIds ?? [] };
      case 'send_private':
        return { type: a.type, content: a.content ?? EMPTY_CONTENT };
      case 'send_group':
        return { type: a.type, groupId: a.groupId ?? undefined, content: a.content ?? EMPTY_CONTENT };
      case 'enroll_journey':
        return { type: a.type, journeyId: a.journeyId ?? 0 };
      case 'create_task':
        return {
          type: a.type,
          title: a.title ?? '',
          body: a.body || undefined,
          staffId: a.staffId ?? undefined,
          dueInHours: a.dueInHours ?? 24,
        };
      case 'grant_reward': {
        const kind = a.rewardKind ?? 'points';
        const amount = kind === 'gift' ? 0 : kind === 'coupon' ? yuanToCents(a.rewardAmount) : Math.round(a.rewardAmount ?? 0);
        return { type: a.type, reward: { kind, amount, name: (a.rewardName ?? '').trim() } };
      }
      default:
        return { type: 'wait', amount: a.amount ?? 1, unit: a.unit ?? 'hours' };
    }
  });
  return {
    name: v.name,
    description: v.description ?? '',
    enabled: v.enabled,
    loopWindowMinutes: v.loopWindowMinutes,
    trigger,
    conditions: {
      audience: v.useAudience ? (v.audience ?? EMPTY_AUDIENCE) : undefined,
      minAmountCents: v.cond?.minAmountYuan ? yuanToCents(v.cond.minAmountYuan) : undefined,
      groupIds: nonEmpty(v.cond?.groupIds),
      staffIds: nonEmpty(v.cond?.staffIds),
      storeIds: nonEmpty(v.cond?.storeIds),
    },
    actions,
  };
}

const toValues = (r: TAutomation): TValues => {
  const t = r.trigger;
  return {
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    loopWindowMinutes: r.loopWindowMinutes,
    trigger: {
      ...(t as TTriggerValues),
      minAmountYuan: t.type === 'order_paid' ? t.minAmountCents / 100 : undefined,
    },
    useAudience: r.conditions.audience !== undefined,
    audience: r.conditions.audience ?? EMPTY_AUDIENCE,
    cond: {
      minAmountYuan: r.conditions.minAmountCents !== undefined ? r.conditions.minAmountCents / 100 : undefined,
      groupIds: r.conditions.groupIds,
      staffIds: r.conditions.staffIds,
      storeIds: r.conditions.storeIds,
    },
    actions: r.actions.map((a): TActionValues => {
      if (a.type === 'grant_reward') {
        return {
          type: a.type,
          rewardKind: a.reward.kind,
          rewardAmount: a.reward.kind === 'coupon' ? a.reward.amount / 100 : a.reward.amount,
          rewardName: a.reward.name,
        };
      }
      return { ...(a as TActionValues) };
    }),
  };
};

const defaults: Partial<TValues> = {
  enabled: true,
  loopWindowMinutes: 1440,
  trigger: { type: 'customer_added', liveCodeIds: [], newCustomersOnly: false },
  useAudience: false,
  audience: EMPTY_AUDIENCE,
  cond: {},
  actions: [{ type: 'add_tags', tagIds: [] }],
};

const useNamedList = (key: string, path: string, enabled: boolean) =>
  useQuery({
    queryKey: [key, 'all'],
    queryFn: ({ signal }) => api<TPage<TNamed>>(path, { signal, query: { page: 1, pageSize: MAX_PAGE_SIZE } }),
    enabled,
    staleTime: 30_000,
  });

/** The fields of the chosen trigger type. */
const TriggerFields = ({ type }: { type: TTriggerType | undefined }) => {
  const { t } = useTranslation();
  const liveCodes = useNamedList('live-codes', '/api/live-codes', type === 'customer_added');
  const fields = useQuery({
    queryKey: ['customer-fields'],
    queryFn: ({ signal }) => api<{ items: TCustomerField[] }>('/api/customer-fields', { signal }),
    enabled: type === 'date_field',
  });
  const f = (key: string) => t(`automations.form.${key}`);
  switch (type) {
    case 'customer_added':
      return (
        <>
          <Form.Item name={['trigger', 'liveCodeIds']} label={f('liveCodes')} extra={f('liveCodesHint')}>
            <Select
              mode="multiple"
              allowClear
              loading={liveCodes.isPending}
              options={(liveCodes.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · #${c.id}` }))}
              optionFilterProp="label"
              data-testid="automation-trigger-live-codes"
            />
          </Form.Item>
          <Form.Item name={['trigger', 'statePrefix']} label={f('statePrefix')} extra={f('statePrefixHint')}>
            <Input maxLength={32} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name={['trigger', 'newCustomersOnly']} valuePropName="checked">
            <Checkbox>{f('newCustomersOnly')}</Checkbox>
          </Form.Item>
        </>
      );
    case 'group_joined':
    case 'group_left':
      return (
        <Form.Item name={['trigger', 'groupIds']} label={f('groups')} extra={f('groupsHint')}>
          <GroupMultiSelect data-testid="automation-trigger-groups" />
        </Form.Item>
      );
    case 'message':
      return (
        <>
          <Form.Item name={['trigger', 'scope']} label={f('scope')} initialValue="any">
            <Select
              style={{ width: 200 }}
              options={[
                { value: 'any', label: f('scopeAny') },
                { value: 'private', label: f('scopePrivate') },
                { value: 'group', label: f('scopeGroup') },
              ]}
            />
          </Form.Item>
          <Form.Item name={['trigger', 'keyword']} label={f('keyword')} extra={f('keywordHint')}>
            <Input maxLength={50} style={{ width: 240 }} data-testid="automation-trigger-keyword" />
          </Form.Item>
        </>
      );
    case 'order_paid':
      return (
        <Form.Item name={['trigger', 'minAmountYuan']} label={f('minAmount')}>
          <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="automation-trigger-amount" />
        </Form.Item>
      );
    case 'tag_added':
    case 'tag_removed':
      return (
        <Form.Item
          name={['trigger', 'tagIds']}
          label={f('tags')}
          rules={[{ required: true, type: 'array', min: 1, message: f('tagsRequired') }]}
        >
          <TagSelect testId="automation-trigger-tags" />
        </Form.Item>
      );
    case 'inactivity':
      return (
        <Form.Item
          name={['trigger', 'days']}
          label={f('days')}
          extra={f('daysHint')}
          initialValue={30}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={365} data-testid="automation-trigger-days" />
        </Form.Item>
      );
    case 'date_field': {
      const dateFields = (fields.data?.items ?? []).filter((x) => x.type === 'date');
      return (
        <>
          {fields.isSuccess && dateFields.length === 0 ? (
            <Alert type="warning" showIcon title={f('noDateFields')} style={{ marginBottom: 16 }} />
          ) : null}
          <Form.Item
            name={['trigger', 'fieldKey']}
            label={f('fieldKey')}
            extra={f('fieldKeyHint')}
            rules={[{ required: true, message: f('fieldKeyRequired') }]}
          >
            <Select
              style={{ width: 240 }}
              loading={fields.isPending}
              options={dateFields.map((x) => ({ value: x.key, label: `${x.label} (${x.key})` }))}
              data-testid="automation-trigger-field"
            />
          </Form.Item>
          <Form.Item name={['trigger', 'daysBefore']} label={f('daysBefore')} extra={f('daysBeforeHint')} initialValue={0}>
            <InputNumber min={-30} max={30} />
          </Form.Item>
        </>
      );
    }
    default:
      return null;
  }
};

/** The fields of one action, by its type. */
const ActionFields = ({ name, type }: { name: number; type: TActionType | undefined }) => {
  const { t } = useTranslation();
  const journeys = useNamedList('sop-journeys', '/api/sops/journeys', type === 'enroll_journey');
  const f = (key: string) => t(`automations.form.${key}`);
  const form = Form.useFormInstance<TValues>();
  const rewardKind = Form.useWatch(['actions', name, 'rewardKind'], form);
  switch (type) {
    case 'add_tags':
    case 'remove_tags':
      return (
        <Form.Item
          name={[name, 'tagIds']}
          label={t('common.tags')}
          rules={[{ required: true, type: 'array', min: 1, message: f('tagsRequired') }]}
        >
          <TagSelect testId={`automation-action-${name}-tags`} />
        </Form.Item>
      );
    case 'send_private':
      return (
        <Form.Item name={[name, 'content']} label={f('content')} rules={[contentRule(t)]} initialValue={EMPTY_CONTENT}>
          <ContentEditor data-testid={`automation-action-${name}-content`} />
        </Form.Item>
      );
    case 'send_group':
      return (
        <>
          <Form.Item name={[name, 'groupId']} label={f('groupOptional')} extra={f('groupOptionalHint')}>
            <GroupSelect style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name={[name, 'content']} label={f('content')} rules={[contentRule(t)]} initialValue={EMPTY_CONTENT}>
            <ContentEditor data-testid={`automation-action-${name}-content`} />
          </Form.Item>
        </>
      );
    case 'enroll_journey':
      return (
        <Form.Item name={[name, 'journeyId']} label={f('journeyId')} rules={[{ required: true, message: f('journeyRequired') }]}>
          <Select
            style={{ width: 320 }}
            loading={journeys.isPending}
            options={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
            data-testid={`automation-action-${name}-journey`}
          />
        </Form.Item>
      );
    case 'create_task':
      return (
        <>
          <Form.Item
            name={[name, 'title']}
            label={f('taskTitle')}
            rules={[{ required: true, whitespace: true, message: f('taskTitleRequired') }]}
          >
            <Input maxLength={200} data-testid={`automation-action-${name}-title`} />
          </Form.Item>
          <Form.Item name={[name, 'body']} label={f('taskBody')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name={[name, 'staffId']} label={f('taskStaff')} extra={f('taskStaffHint')}>
              <StaffSelect style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name={[name, 'dueInHours']} label={f('dueInHours')} initialValue={24}>
              <InputNumber min={0} max={24 * 90} />
            </Form.Item>
          </Flex>
        </>
      );
    case 'grant_reward':
      return (
        <Flex gap={16} wrap>
          <Form.Item name={[name, 'rewardKind']} label={f('rewardKind')} initialValue="points">
            <Select
              style={{ width: 140 }}
              options={(['points', 'coupon', 'gift'] as const).map((k) => ({ value: k, label: t(`automations.reward.${k}`) }))}
            />
          </Form.Item>
          {rewardKind !== 'gift' ? (
            <Form.Item
              name={[name, 'rewardAmount']}
              label={f('rewardAmount')}
              extra={f('rewardAmountHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0.01} precision={rewardKind === 'coupon' ? 2 : 0} />
            </Form.Item>
          ) : null}
          <Form.Item
            name={[name, 'rewardName']}
            label={f('rewardName')}
            rules={[{ required: true, whitespace: true, message: f('rewardNameRequired') }]}
          >
            <Input maxLength={64} style={{ width: 200 }} data-testid={`automation-action-${name}-reward-name`} />
          </Form.Item>
        </Flex>
      );
    case 'wait':
      return (
        <Flex gap={8} align="flex-end">
          <Form.Item name={[name, 'amount']} label={f('waitAmount')} initialValue={1} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000} data-testid={`automation-action-${name}-wait`} />
          </Form.Item>
          <Form.Item name={[name, 'unit']} initialValue="hours">
            <Select
              style={{ width: 120 }}
              options={(['minutes', 'hours', 'days'] as const).map((u) => ({ value: u, label: t(`automations.unit.${u}`) }))}
            />
          </Form.Item>
        </Flex>
      );
    default:
      return null;
  }
};

/** Create (no `:id`) or edit a rule: trigger and its fields, conditions (audience, event fields), ordered actions. */
export const RuleForm = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const [form] = Form.useForm<TValues>();
  const { stores } = useStores();
  const current = useQuery({
    queryKey: [RULES_KEY, 'one', Number(id)],
    queryFn: ({ signal }) => api<TAutomation>(`/api/automations/${id}`, { signal }),
    enabled: editing,
  });
  useEffect(() => {
    if (current.data) form.setFieldsValue(toValues(current.data));
  }, [current.data, form]);
  const triggerType = Form.useWatch(['trigger', 'type'], form);
  const useAudience = Form.useWatch('useAudience', form);
  const save = useMutation({
    mutationFn: (v: TValues) =>
      editing
        ? api<TAutomation>(`/api/automations/${id}`, { method: 'PATCH', body: toBody(v) })
        : api<TAutomation>('/api/automations', { method: 'POST', body: toBody(v) }),
    onSuccess: (r) => {
      void message.success(t('automations.form.saved'));
      void qc.invalidateQueries({ queryKey: [RULES_KEY] });
      navigate(`/automations/${r.id}`);
    },
  });
  const f = (key: string) => t(`automations.form.${key}`);

  if (editing && current.isError) return <QueryError error={current.error} onRetry={() => void current.refetch()} />;
  if (editing && current.isPending) return <Skeleton active />;
  if (editing && !current.data) return <Result status="404" title={t('common.notFound')} />;

  return (
    <>
      <PageHeader title={editing ? f('editTitle') : f('newTitle')} />
      <Form<TValues>
        form={form}
        layout="vertical"
        initialValues={editing ? undefined : defaults}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        data-testid="automation-form"
      >
        <Card title={f('basics')} style={{ marginBottom: 16 }}>
          <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: f('nameRequired') }]}>
            <Input maxLength={64} placeholder={f('namePlaceholder')} data-testid="automation-name" />
          </Form.Item>
          <Form.Item name="description" label={f('description')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Flex gap={24} wrap>
            <Form.Item name="loopWindowMinutes" label={f('loopWindow')} extra={f('loopWindowHint')} style={{ maxWidth: 480 }}>
              <InputNumber min={1} max={60 * 24 * 365} />
            </Form.Item>
            <Form.Item name="enabled" label={f('enabled')} valuePropName="checked">
              <Switch data-testid="automation-enabled" />
            </Form.Item>
          </Flex>
        </Card>

        <Card title={f('when')} style={{ marginBottom: 16 }}>
          <Form.Item name={['trigger', 'type']} label={f('triggerType')} rules={[{ required: true }]}>
            <Select
              style={{ width: 260 }}
              options={TRIGGER_TYPES.map((x) => ({ value: x, label: t(`automations.trigger.${x}`) }))}
              data-testid="automation-trigger-type"
            />
          </Form.Item>
          <TriggerFields type={triggerType} />
        </Card>

        <Card title={f('conditions')} style={{ marginBottom: 16 }}>
          <Form.Item name="useAudience" valuePropName="checked" extra={f('audienceHint')}>
            <Checkbox data-testid="automation-use-audience">{f('useAudience')}</Checkbox>
          </Form.Item>
          {useAudience ? (
            <Form.Item name="audience">
              <AudienceBuilder />
            </Form.Item>
          ) : null}
          <Flex gap={16} wrap>
            {triggerType === 'order_paid' || triggerType === 'order_refunded' ? (
              <Form.Item name={['cond', 'minAmountYuan']} label={f('condMinAmount')}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
            ) : null}
            {triggerType === 'message' || triggerType === 'group_joined' || triggerType === 'group_left' ? (
              <Form.Item name={['cond', 'groupIds']} label={f('condGroups')} style={{ minWidth: 280 }}>
                <GroupMultiSelect />
              </Form.Item>
            ) : null}
            <Form.Item name={['cond', 'staffIds']} label={f('condStaff')} style={{ minWidth: 280 }}>
              <StaffMultiSelect />
            </Form.Item>
            <Form.Item name={['cond', 'storeIds']} label={f('condStores')} style={{ minWidth: 280 }}>
              <Select
                mode="multiple"
                allowClear
                options={stores.map((s) => ({ value: s.id, label: s.name }))}
                optionFilterProp="label"
              />
            </Form.Item>
          </Flex>
        </Card>

        <Card title={f('actions')} style={{ marginBottom: 16 }}>
          <Form.List
            name="actions"
            rules={[
              {
                validator: async (_, actions: TActionValues[] | undefined) => {
                  if (!actions || actions.length === 0) throw new Error(f('actionsRequired'));
                  if (actions.at(-1)?.type === 'wait') throw new Error(f('waitLast'));
                },
              },
            ]}
          >
            {(items, { add, remove, move }, { errors }) => (
              <Flex vertical gap={12}>
                {items.map((item, index) => (
                  <Card
                    key={item.key}
                    size="small"
                    data-testid={`automation-action-${index}`}
                    title={
                      <Flex gap={8} align="center">
                        <span>{index + 1}.</span>
                        <Form.Item name={[item.name, 'type']} noStyle>
                          <Select
                            style={{ width: 240 }}
                            options={ACTION_TYPES.map((x) => ({ value: x, label: t(`automations.action.${x}`) }))}
                            data-testid={`automation-action-${index}-type`}
                          />
                        </Form.Item>
                      </Flex>
                    }
                    extra={
                      <Flex gap={4}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={index === 0}
                          onClick={() => move(index, index - 1)}
                          aria-label={f('moveUp')}
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={index === items.length - 1}
                          onClick={() => move(index, index + 1)}
                          aria-label={f('moveDown')}
                        />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(item.name)}
                          data-testid={`automation-action-${index}-remove`}
                        />
                      </Flex>
                    }
                  >
                    <Form.Item noStyle shouldUpdate={(a, b) => a.actions?.[item.name]?.type !== b.actions?.[item.name]?.type}>
                      {() => <ActionFields name={item.name} type={form.getFieldValue(['actions', item.name, 'type'])} />}
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ type: 'send_private', content: EMPTY_CONTENT })}
                  data-testid="automation-add-action"
                >
                  {f('addAction')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
        </Card>

        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="automation-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(editing ? `/automations/${id}` : '/automations')}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
};
