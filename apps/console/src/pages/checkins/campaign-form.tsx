import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Skeleton,
  Space,
  Switch,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { GroupMultiSelect } from '../../components/group-multi-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { RewardSpecFields } from '../../components/reward-spec-fields.tsx';
import { MAX_PAGE_SIZE } from '../../lib/queries.ts';
import type { TPage } from '../../types.ts';
import type { TCheckinCampaign, TMissedDayRule, TRewardKind } from './types.ts';

type TMilestoneValues = { kind?: 'streak' | 'total'; days?: number; rewardKind?: TRewardKind; amount?: number; name?: string };
type TValues = {
  name: string;
  description?: string;
  days: number;
  startDate: Dayjs;
  groupIds: number[];
  openToAll: boolean;
  keywords: string[];
  keywordMatch: 'exact' | 'contains';
  missedDayRule: TMissedDayRule;
  milestones: TMilestoneValues[];
  reminderEnabled: boolean;
  reminderTime: Dayjs;
  reminderText?: string;
  remindInGroups: boolean;
  remindPrivately: boolean;
  replyInGroup: boolean;
  replyText?: string;
  posterTemplateId?: number | null;
};
type TPosterTemplate = { id: number; name: string };

// The server's defaults, shown so the operator sees what customers will read.
const DEFAULT_REMINDER = '「{campaign}」今天还没打卡哦，记得打卡，别让连续 {streak} 天断掉～';
const DEFAULT_REPLY = '@{name} 打卡成功！已连续打卡 {streak} 天，累计 {total} 天';

// Coupons are entered in yuan and stored in cents; points are whole numbers.
const toMilestone = (m: TMilestoneValues) => ({
  kind: m.kind ?? 'streak',
  days: m.days ?? 1,
  reward: {
    kind: m.rewardKind ?? 'points',
    amount:
      m.rewardKind === 'gift' ? 0 : m.rewardKind === 'coupon' ? Math.round((m.amount ?? 0) * 100) : Math.round(m.amount ?? 0),
    name: (m.name ?? '').trim(),
  },
});

const toValues = (c: TCheckinCampaign): TValues => ({
  name: c.name,
  description: c.description,
  days: c.days,
  startDate: dayjs(c.startDate),
  groupIds: c.groups.map((g) => g.id),
  openToAll: c.openToAll,
  keywords: c.keywords,
  keywordMatch: c.keywordMatch,
  missedDayRule: c.missedDayRule,
  milestones: c.milestones.map((m) => ({
    kind: m.kind,
    days: m.days,
    rewardKind: m.reward.kind,
    amount: m.reward.kind === 'coupon' ? m.reward.amount / 100 : m.reward.amount,
    name: m.reward.name,
  })),
  reminderEnabled: c.reminderEnabled,
  reminderTime: dayjs(`2000-01-01T${c.reminderTime}:00`),
  reminderText: c.reminderText,
  remindInGroups: c.remindInGroups,
  remindPrivately: c.remindPrivately,
  replyInGroup: c.replyInGroup,
  replyText: c.replyText,
  posterTemplateId: c.posterTemplateId,
});

const defaults = (): Partial<TValues> => ({
  days: 21,
  startDate: dayjs().add(1, 'day').startOf('day'),
  groupIds: [],
  openToAll: true,
  keywords: ['打卡'],
  keywordMatch: 'exact',
  missedDayRule: 'makeup',
  milestones: [
    { kind: 'streak', days: 7, rewardKind: 'points', amount: 100, name: '100 积分' },
    { kind: 'streak', days: 21, rewardKind: 'coupon', amount: 10, name: '满50减10券' },
  ],
  reminderEnabled: true,
  reminderTime: dayjs('2000-01-01T20:00:00'),
  reminderText: DEFAULT_REMINDER,
  remindInGroups: true,
  remindPrivately: false,
  replyInGroup: false,
  replyText: DEFAULT_REPLY,
});

/** Create (no `:id`) or edit a check-in campaign: days, groups, keywords, rule, milestones, reminder, replies. */
export const CampaignForm = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const [form] = Form.useForm<TValues>();
  const current = useQuery({
    queryKey: ['checkin-campaign', Number(id)],
    queryFn: ({ signal }) => api<TCheckinCampaign>(`/api/checkins/${id}`, { signal }),
    enabled: editing,
  });
  const templates = useQuery({
    queryKey: ['poster-templates', 'checkin'],
    queryFn: ({ signal }) =>
      api<TPage<TPosterTemplate>>('/api/poster-templates', {
        signal,
        query: { use: 'checkin', page: 1, pageSize: MAX_PAGE_SIZE },
      }),
    staleTime: 30_000,
  });
  const campaign = current.data;
  const started = campaign !== undefined && campaign.status !== 'draft';
  const ended = campaign?.status === 'ended';
  const reminderEnabled = Form.useWatch('reminderEnabled', form);
  const replyInGroup = Form.useWatch('replyInGroup', form);
  const rule = Form.useWatch('missedDayRule', form);

  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body: Record<string, unknown> = { name: v.name.trim(), description: (v.description ?? '').trim() };
      if (!ended) {
        Object.assign(body, {
          groupIds: v.groupIds,
          openToAll: v.openToAll,
          keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
          keywordMatch: v.keywordMatch,
          reminderEnabled: v.reminderEnabled,
          reminderTime: v.reminderTime.format('HH:mm'),
          reminderText: (v.reminderText ?? '').trim(),
          remindInGroups: v.remindInGroups,
          remindPrivately: v.remindPrivately,
          replyInGroup: v.replyInGroup,
          replyText: (v.replyText ?? '').trim(),
          posterTemplateId: v.posterTemplateId ?? null,
        });
      }
      if (!started) {
        Object.assign(body, {
          days: v.days,
          startDate: v.startDate.format('YYYY-MM-DD'),
          missedDayRule: v.missedDayRule,
          milestones: v.milestones.map(toMilestone),
        });
      }
      return editing
        ? api<TCheckinCampaign>(`/api/checkins/${id}`, { method: 'PATCH', body })
        : api<TCheckinCampaign>('/api/checkins', { method: 'POST', body });
    },
    onSuccess: (saved) => {
      void message.success(editing ? t('checkins.form.saved') : t('checkins.form.created'));
      void qc.invalidateQueries({ queryKey: ['checkin-campaigns'] });
      qc.setQueryData(['checkin-campaign', saved.id], saved);
      navigate(`/checkins/${saved.id}`);
    },
  });

  if (editing && current.isPending) return <Skeleton active />;
  if (editing && current.isError) return <QueryError error={current.error} onRetry={() => void current.refetch()} />;
  if (editing && !campaign) return <Result status="404" />;

  const required = (field: string) => ({ required: true, message: t('checkins.form.required', { field }) });
  const milestoneKinds = (['streak', 'total'] as const).map((k) => ({ value: k, label: t(`checkins.form.milestoneKinds.${k}`) }));

  return (
    <>
      <PageHeader title={editing ? t('checkins.editCampaign') : t('checkins.newCampaign')} />
      <Form<TValues>
        form={form}
        layout="vertical"
        initialValues={campaign ? toValues(campaign) : defaults()}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 880 }}
        data-testid="checkin-form"
      >
        {ended ? (
          <Alert type="info" showIcon title={t('checkins.form.lockedEnded')} style={{ marginBottom: 16 }} />
        ) : started ? (
          <Alert type="info" showIcon title={t('checkins.form.lockedAfterStart')} style={{ marginBottom: 16 }} />
        ) : null}

        <Card title={t('checkins.form.basics')} style={{ marginBottom: 16 }}>
          <Form.Item name="name" label={t('checkins.form.name')} rules={[required(t('checkins.form.name')), { max: 64 }]}>
            <Input placeholder={t('checkins.form.namePlaceholder')} maxLength={64} />
          </Form.Item>
          <Form.Item name="description" label={t('checkins.form.description')}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('checkins.form.descriptionPlaceholder')} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="startDate" label={t('checkins.form.startDate')} rules={[required(t('checkins.form.startDate'))]}>
              <DatePicker disabled={started} allowClear={false} />
            </Form.Item>
            <Form.Item
              name="days"
              label={t('checkins.form.days')}
              extra={t('checkins.form.daysHelp')}
              rules={[required(t('checkins.form.days'))]}
            >
              <InputNumber min={1} max={366} precision={0} disabled={started} />
            </Form.Item>
          </Space>
        </Card>

        <Card title={t('checkins.form.where')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="groupIds"
            label={t('checkins.form.groups')}
            extra={t('checkins.form.groupsHelp')}
            dependencies={['openToAll']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, ids?: number[]) =>
                  getFieldValue('openToAll') || (ids?.length ?? 0) > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('checkins.form.whereRequired'))),
              }),
            ]}
          >
            <GroupMultiSelect
              known={campaign?.groups}
              disabled={ended}
              placeholder={t('checkins.form.groupsPlaceholder')}
              data-testid="checkin-groups"
            />
          </Form.Item>
          <Form.Item
            name="openToAll"
            label={t('checkins.form.openToAll')}
            extra={t('checkins.form.openToAllHelp')}
            valuePropName="checked"
          >
            <Switch disabled={ended} />
          </Form.Item>
          <Form.Item
            name="keywords"
            label={t('checkins.form.keywords')}
            extra={t('checkins.form.keywordsHelp')}
            rules={[{ type: 'array', max: 5 }]}
          >
            <Select mode="tags" open={false} disabled={ended} maxCount={5} style={{ maxWidth: 480 }} />
          </Form.Item>
          <Form.Item name="keywordMatch" label={t('checkins.form.keywordMatch')}>
            <Radio.Group disabled={ended}>
              <Space orientation="vertical">
                <Radio value="exact">{t('checkins.form.match.exact')}</Radio>
                <Radio value="contains">{t('checkins.form.match.contains')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
        </Card>

        <Card title={t('checkins.form.rule')} style={{ marginBottom: 16 }}>
          <Form.Item name="missedDayRule" extra={rule ? t(`checkins.ruleHelp.${rule}`) : undefined}>
            <Radio.Group disabled={started} optionType="button">
              <Radio value="reset">{t('checkins.rule.reset')}</Radio>
              <Radio value="makeup">{t('checkins.rule.makeup')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Card>

        <Card title={t('checkins.form.milestones')} style={{ marginBottom: 16 }}>
          <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 8 }}>{t('checkins.form.milestonesHelp')}</div>
          <Form.List name="milestones">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <Flex key={field.key} align="baseline" wrap gap={8} data-testid={`checkin-milestone-${i}`}>
                    <Form.Item name={[field.name, 'kind']} label={i === 0 ? t('checkins.form.milestoneKind') : undefined}>
                      <Select options={milestoneKinds} disabled={started} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'days']}
                      label={i === 0 ? t('checkins.form.milestoneDays') : undefined}
                      dependencies={['days', ['milestones', field.name, 'kind']]}
                      rules={[
                        required(t('checkins.form.milestoneDays')),
                        ({ getFieldValue }) => ({
                          validator: (_, v?: number) => {
                            if (v === undefined) return Promise.resolve();
                            if (v > (getFieldValue('days') ?? 0))
                              return Promise.reject(new Error(t('checkins.form.milestoneTooFar')));
                            const all = (getFieldValue('milestones') ?? []) as TMilestoneValues[];
                            const kind = all[field.name]?.kind;
                            const same = all.filter((m) => m.kind === kind && m.days === v).length;
                            return same > 1
                              ? Promise.reject(new Error(t('checkins.form.milestoneDuplicate')))
                              : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <InputNumber min={1} max={366} precision={0} disabled={started} style={{ width: 90 }} />
                    </Form.Item>
                    <RewardSpecFields
                      form={form}
                      list="milestones"
                      name={field.name}
                      kindField="rewardKind"
                      first={i === 0}
                      disabled={started}
                      ns="checkins"
                      kinds={['points', 'coupon', 'gift']}
                    />
                    {!started ? (
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.remove')}
                      />
                    ) : null}
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                {!started && fields.length < 10 ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      add({
                        kind: 'streak',
                        days: Math.min(7, form.getFieldValue('days') ?? 7),
                        rewardKind: 'points',
                        amount: 100,
                        name: '',
                      })
                    }
                  >
                    {t('checkins.form.addMilestone')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('checkins.form.reminder')} style={{ marginBottom: 16 }}>
          <Form.Item name="reminderEnabled" label={t('checkins.form.reminderEnabled')} valuePropName="checked">
            <Switch disabled={ended} />
          </Form.Item>
          {/* Kept mounted when off, so the settings survive switching reminders off and on. */}
          <div style={{ display: reminderEnabled ? undefined : 'none' }}>
            <Form.Item
              name="reminderTime"
              label={t('checkins.form.reminderTime')}
              extra={t('checkins.form.reminderTimeHelp')}
              rules={[required(t('checkins.form.reminderTime'))]}
            >
              <TimePicker format="HH:mm" minuteStep={5} allowClear={false} disabled={ended} />
            </Form.Item>
            <Form.Item
              name="reminderText"
              label={t('checkins.form.reminderText')}
              extra={t('checkins.form.reminderTextHelp')}
              rules={[
                { required: reminderEnabled, message: t('checkins.form.required', { field: t('checkins.form.reminderText') }) },
                { max: 500 },
              ]}
            >
              <Input.TextArea rows={2} maxLength={500} disabled={ended} />
            </Form.Item>
            <Form.Item
              name="remindInGroups"
              valuePropName="checked"
              dependencies={['remindPrivately', 'reminderEnabled', 'groupIds']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: boolean) => {
                    if (!getFieldValue('reminderEnabled') || getFieldValue('remindPrivately')) return Promise.resolve();
                    if (!v) return Promise.reject(new Error(t('checkins.form.remindWhereRequired')));
                    return (getFieldValue('groupIds') ?? []).length > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('checkins.form.remindNoGroups')));
                  },
                }),
              ]}
              style={{ marginBottom: 4 }}
            >
              <Checkbox disabled={ended}>{t('checkins.form.remindInGroups')}</Checkbox>
            </Form.Item>
            <Form.Item name="remindPrivately" valuePropName="checked">
              <Checkbox disabled={ended}>{t('checkins.form.remindPrivately')}</Checkbox>
            </Form.Item>
          </div>
        </Card>

        <Card title={t('checkins.form.reply')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="replyInGroup"
            label={t('checkins.form.replyInGroup')}
            extra={t('checkins.form.replyInGroupHelp')}
            valuePropName="checked"
          >
            <Switch disabled={ended} />
          </Form.Item>
          <Form.Item
            name="replyText"
            label={t('checkins.form.replyText')}
            extra={t('checkins.form.replyTextHelp')}
            hidden={!replyInGroup}
            rules={[
              { required: replyInGroup, message: t('checkins.form.required', { field: t('checkins.form.replyText') }) },
              { max: 200 },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} disabled={ended} />
          </Form.Item>
          <Form.Item name="posterTemplateId" label={t('checkins.form.poster')} extra={t('checkins.form.posterHelp')}>
            <Select
              allowClear
              disabled={ended}
              placeholder={t('checkins.form.posterDefault')}
              loading={templates.isFetching}
              style={{ maxWidth: 320 }}
              options={(templates.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        </Card>

        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="checkin-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(editing ? `/checkins/${id}` : '/checkins')}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
};
