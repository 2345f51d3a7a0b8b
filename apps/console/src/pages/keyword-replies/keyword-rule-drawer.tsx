import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch, Tabs, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ContentEditor, contentRule, EMPTY_CONTENT, type TContentRefValue } from '../../components/content-editor.tsx';
import { GroupMultiSelect } from '../../components/group-multi-select.tsx';
import { useStores } from '../../lib/queries.ts';
import { KeywordHits } from './keyword-hits.tsx';
import { GROUP_KINDS, RULES_KEY, type TGroupKind, type TKeywordMode, type TKeywordRule } from './types.ts';

const MAX_KEYWORDS = 50;

type TValues = {
  name: string;
  keywords: { text: string; mode: TKeywordMode }[];
  inPrivate: boolean;
  inGroups: boolean;
  storeIds: number[];
  groupIds: number[];
  groupKinds: TGroupKind[];
  content: TContentRefValue;
  cooldownSeconds: number;
  hoursOn: boolean;
  hours?: [Dayjs, Dayjs];
  priority: number;
  enabled: boolean;
};

const toValues = (r?: TKeywordRule): TValues => ({
  name: r?.name ?? '',
  keywords: r?.keywords ?? [{ text: '', mode: 'contains' }],
  inPrivate: r?.scope.private ?? true,
  inGroups: r?.scope.groups ?? true,
  storeIds: r?.scope.storeIds ?? [],
  groupIds: r?.scope.groupIds ?? [],
  groupKinds: r?.scope.groupKinds ?? [],
  content: r?.content ?? EMPTY_CONTENT,
  cooldownSeconds: r?.cooldownSeconds ?? 60,
  hoursOn: !!r?.activeHours,
  hours: r?.activeHours ? [dayjs(r.activeHours.from, 'HH:mm'), dayjs(r.activeHours.to, 'HH:mm')] : undefined,
  priority: r?.priority ?? 0,
  enabled: r?.enabled ?? true,
});

const toBody = (v: TValues) => ({
  name: v.name.trim(),
  keywords: v.keywords.map((k) => ({ text: k.text.trim(), mode: k.mode })),
  scope: { private: v.inPrivate, groups: v.inGroups, storeIds: v.storeIds, groupIds: v.groupIds, groupKinds: v.groupKinds },
  content: v.content,
  cooldownSeconds: v.cooldownSeconds,
  activeHours: v.hoursOn && v.hours ? { from: v.hours[0].format('HH:mm'), to: v.hours[1].format('HH:mm') } : null,
  priority: v.priority,
  enabled: v.enabled,
});

// Same folding as the server (NFKC, lower case, spaces), so duplicates are caught before saving.
const fold = (s: string) => s.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');

const StoreMultiSelect = ({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) => {
  const { t } = useTranslation();
  const { stores, isPending } = useStores();
  return (
    <Select<number[]>
      mode="multiple"
      value={value ?? []}
      onChange={(v) => onChange?.(v)}
      loading={isPending}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('keywordReplies.form.anyStore')}
      options={stores.map((s) => ({ value: s.id, label: s.name }))}
      style={{ width: '100%' }}
    />
  );
};

type TProps = { open: boolean; rule?: TKeywordRule; tab?: 'settings' | 'hits'; onClose: () => void };

/** Create or edit a rule; for an existing rule, a second tab lists its hits. */
export const KeywordRuleDrawer = ({ open, rule, tab = 'settings', onClose }: TProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TValues>();
  const save = useMutation({
    mutationFn: (v: TValues) =>
      rule
        ? api<TKeywordRule>(`/api/keyword-replies/${rule.id}`, { method: 'PATCH', body: toBody(v) })
        : api<TKeywordRule>('/api/keyword-replies', { method: 'POST', body: toBody(v) }),
    onSuccess: () => {
      void message.success(t('keywordReplies.saved'));
      void queryClient.invalidateQueries({ queryKey: [RULES_KEY] });
      onClose();
    },
  });
  const inGroups = Form.useWatch('inGroups', form);
  const inPrivate = Form.useWatch('inPrivate', form);
  const hoursOn = Form.useWatch('hoursOn', form);

  const settings = (
    <Form<TValues>
      form={form}
      layout="vertical"
      initialValues={toValues(rule)}
      onFinish={(v) => save.mutate(v)}
      data-testid="keyword-rule-form"
    >
      <Form.Item
        name="name"
        label={t('keywordReplies.form.name')}
        rules={[{ required: true, whitespace: true, message: t('keywordReplies.form.nameRequired') }]}
      >
        <Input maxLength={64} placeholder={t('keywordReplies.form.namePlaceholder')} data-testid="keyword-rule-name" />
      </Form.Item>
      <Form.List
        name="keywords"
        rules={[
          {
            validator: async (_, list: TValues['keywords'] | undefined) => {
              if (!list?.length) throw new Error(t('keywordReplies.form.keywordsRequired'));
              if (list.length > MAX_KEYWORDS) throw new Error(t('keywordReplies.form.tooManyKeywords', { max: MAX_KEYWORDS }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('keywordReplies.form.keywords')} required>
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start">
                  <Form.Item
                    name={[field.name, 'text']}
                    noStyle
                    rules={[
                      { required: true, whitespace: true, message: t('keywordReplies.form.keywordEmpty') },
                      {
                        validator: async (_, text: string | undefined) => {
                          const all: TValues['keywords'] = form.getFieldValue('keywords') ?? [];
                          const key = fold(text ?? '');
                          if (key && all.findIndex((k) => fold(k?.text ?? '') === key) < i)
                            throw new Error(t('keywordReplies.form.keywordDuplicate'));
                        },
                      },
                    ]}
                  >
                    <Input
                      maxLength={50}
                      placeholder={t('keywordReplies.form.keywordPlaceholder')}
                      style={{ width: 220 }}
                      data-testid={`keyword-text-${i}`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'mode']} noStyle>
                    <Select<TKeywordMode>
                      style={{ width: 120 }}
                      options={(['contains', 'exact'] as const).map((m) => ({ value: m, label: t(`keywordReplies.mode.${m}`) }))}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                  />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ text: '', mode: 'contains' })}
                disabled={fields.length >= MAX_KEYWORDS}
                style={{ alignSelf: 'flex-start' }}
                data-testid="keyword-add"
              >
                {t('keywordReplies.form.addKeyword')}
              </Button>
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item label={t('keywordReplies.form.scope')} required extra={t('keywordReplies.form.scopeHelp')}>
        <Flex vertical gap={8}>
          <Space>
            <Form.Item name="inPrivate" valuePropName="checked" noStyle>
              <Checkbox data-testid="keyword-scope-private">{t('keywordReplies.scope.private')}</Checkbox>
            </Form.Item>
            <Form.Item
              name="inGroups"
              valuePropName="checked"
              noStyle
              rules={[
                {
                  validator: async () => {
                    if (!form.getFieldValue('inPrivate') && !form.getFieldValue('inGroups'))
                      throw new Error(t('keywordReplies.form.scopeRequired'));
                  },
                },
              ]}
            >
              <Checkbox data-testid="keyword-scope-groups">{t('keywordReplies.scope.groups')}</Checkbox>
            </Form.Item>
          </Space>
          {!inPrivate && !inGroups ? <span style={{ color: '#ff4d4f' }}>{t('keywordReplies.form.scopeRequired')}</span> : null}
          <Form.Item name="storeIds" label={t('keywordReplies.form.stores')} style={{ marginBottom: 0 }}>
            <StoreMultiSelect />
          </Form.Item>
          {inGroups ? (
            <>
              <Form.Item name="groupIds" label={t('keywordReplies.form.groups')} style={{ marginBottom: 0 }}>
                <GroupMultiSelect known={rule?.scopeGroups} />
              </Form.Item>
              <Form.Item name="groupKinds" label={t('keywordReplies.form.groupKinds')} style={{ marginBottom: 0 }}>
                <Select<TGroupKind[]>
                  mode="multiple"
                  allowClear
                  placeholder={t('keywordReplies.form.anyKind')}
                  options={GROUP_KINDS.map((k) => ({ value: k, label: t(`keywordReplies.groupKind.${k}`) }))}
                />
              </Form.Item>
            </>
          ) : null}
        </Flex>
      </Form.Item>
      <Form.Item name="content" label={t('keywordReplies.form.content')} rules={[contentRule(t)]}>
        <ContentEditor data-testid="keyword-rule-content" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="cooldownSeconds"
          label={t('keywordReplies.form.cooldown')}
          tooltip={t('keywordReplies.form.cooldownHelp')}
        >
          <InputNumber min={0} max={86400} precision={0} suffix={t('keywordReplies.form.seconds')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="priority" label={t('keywordReplies.form.priority')} tooltip={t('keywordReplies.form.priorityHelp')}>
          <InputNumber min={0} max={1000} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('keywordReplies.form.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Form.Item label={t('keywordReplies.form.hours')} extra={t('keywordReplies.form.hoursHelp')}>
        <Space wrap>
          <Form.Item name="hoursOn" valuePropName="checked" noStyle>
            <Switch checkedChildren={t('keywordReplies.form.hoursSome')} unCheckedChildren={t('keywordReplies.form.hoursAll')} />
          </Form.Item>
          {hoursOn ? (
            <Form.Item
              name="hours"
              noStyle
              rules={[
                { required: true, message: t('keywordReplies.form.hoursRequired') },
                {
                  validator: async (_, v: [Dayjs, Dayjs] | undefined) => {
                    if (v && v[0].format('HH:mm') === v[1].format('HH:mm')) throw new Error(t('keywordReplies.form.hoursSame'));
                  },
                },
              ]}
            >
              <TimePicker.RangePicker format="HH:mm" order={false} minuteStep={5} />
            </Form.Item>
          ) : null}
        </Space>
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="keyword-rule-save">
          {t('common.save')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      data-testid="keyword-rule-drawer"
      destroyOnHidden
      title={rule ? t('keywordReplies.editRule', { name: rule.name }) : t('keywordReplies.newRule')}
    >
      {rule ? (
        <Tabs
          defaultActiveKey={tab}
          items={[
            { key: 'settings', label: t('keywordReplies.tabs.settings'), children: settings },
            {
              key: 'hits',
              label: t('keywordReplies.tabs.hits', { n: rule.hitCount }),
              children: <KeywordHits ruleId={rule.id} />,
            },
          ]}
        />
      ) : (
        settings
      )}
    </Drawer>
  );
};
