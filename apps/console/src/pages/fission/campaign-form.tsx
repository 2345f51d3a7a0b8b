import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Result, Select, Skeleton, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { RewardSpecFields } from '../../components/reward-spec-fields.tsx';
import { StaffMultiSelect } from '../../components/staff-multi-select.tsx';
import { MAX_PAGE_SIZE } from '../../lib/queries.ts';
import type { TPage } from '../../types.ts';
import type { TFissionCampaign, TRewardKind } from './types.ts';

type TTierValues = { invites?: number; kind?: TRewardKind; amount?: number; name?: string };
type TValues = {
  name: string;
  description?: string;
  rules?: string;
  window: [Dayjs, Dayjs];
  goal: number;
  tiers: TTierValues[];
  staffIds: number[];
  posterTemplateId?: number | null;
  keyword?: string;
  deleteWindowHours: number;
};

type TPosterTemplate = { id: number; name: string };

// Coupons are entered in yuan and stored in cents; points are whole numbers.
const toSpec = (tier: TTierValues) => ({
  invites: tier.invites ?? 0,
  reward: {
    kind: tier.kind ?? 'points',
    amount:
      tier.kind === 'gift' ? 0 : tier.kind === 'coupon' ? Math.round((tier.amount ?? 0) * 100) : Math.round(tier.amount ?? 0),
    name: (tier.name ?? '').trim(),
  },
});

const toValues = (c: TFissionCampaign): TValues => ({
  name: c.name,
  description: c.description,
  rules: c.rules,
  window: [dayjs(c.startsAt), dayjs(c.endsAt)],
  goal: c.goal,
  tiers: c.tiers.map((tier) => ({
    invites: tier.invites,
    kind: tier.reward.kind,
    amount: tier.reward.kind === 'coupon' ? tier.reward.amount / 100 : tier.reward.amount,
    name: tier.reward.name,
  })),
  staffIds: c.staffIds,
  posterTemplateId: c.posterTemplateId,
  keyword: c.keyword ?? undefined,
  deleteWindowHours: c.deleteWindowHours,
});

const defaults = (): Partial<TValues> => ({
  window: [dayjs().startOf('hour').add(1, 'hour'), dayjs().startOf('day').add(15, 'day')],
  goal: 3,
  tiers: [
    { invites: 3, kind: 'coupon', amount: 10, name: '10元优惠券' },
    { invites: 10, kind: 'points', amount: 500, name: '500 积分' },
  ],
  staffIds: [],
  deleteWindowHours: 72,
});

/** Create (no `:id`) or edit a campaign: window, goal, tiers, staff pool, poster, keyword, anti-fraud. */
export const CampaignForm = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const editing = id !== undefined;
  const [form] = Form.useForm<TValues>();
  const current = useQuery({
    queryKey: ['fission-campaign', Number(id)],
    queryFn: ({ signal }) => api<TFissionCampaign>(`/api/fission/campaigns/${id}`, { signal }),
    enabled: editing,
  });
  const templates = useQuery({
    queryKey: ['poster-templates', 'fission'],
    queryFn: ({ signal }) =>
      api<TPage<TPosterTemplate>>('/api/poster-templates', {
        signal,
        query: { use: 'fission', page: 1, pageSize: MAX_PAGE_SIZE },
      }),
    staleTime: 30_000,
  });
  const campaign = current.data;
  const started = campaign !== undefined && campaign.status !== 'draft';
  const ended = campaign?.status === 'ended';

  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body: Record<string, unknown> = {
        name: v.name.trim(),
        description: v.description ?? '',
        rules: v.rules ?? '',
        posterTemplateId: v.posterTemplateId ?? null,
      };
      if (!ended) {
        body.endsAt = v.window[1].toISOString();
        body.staffIds = v.staffIds;
        body.keyword = v.keyword?.trim() ? v.keyword.trim() : null;
      }
      if (!started) {
        body.startsAt = v.window[0].toISOString();
        body.goal = v.goal;
        body.tiers = v.tiers.map(toSpec);
        body.deleteWindowHours = v.deleteWindowHours;
      }
      return editing
        ? api<TFissionCampaign>(`/api/fission/campaigns/${id}`, { method: 'PATCH', body })
        : api<TFissionCampaign>('/api/fission/campaigns', { method: 'POST', body });
    },
    onSuccess: (saved) => {
      void message.success(editing ? t('fission.form.saved') : t('fission.form.created'));
      void qc.invalidateQueries({ queryKey: ['fission-campaigns'] });
      qc.setQueryData(['fission-campaign', saved.id], saved);
      navigate(`/fission/${saved.id}`);
    },
  });

  if (editing && current.isPending) return <Skeleton active />;
  if (editing && current.isError) {
    return <QueryError error={current.error} onRetry={() => void current.refetch()} />;
  }
  if (editing && !campaign) return <Result status="404" />;

  const required = (field: string) => ({ required: true, message: t('fission.form.required', { field }) });

  return (
    <>
      <PageHeader title={editing ? t('fission.editCampaign') : t('fission.newCampaign')} />
      <Form<TValues>
        form={form}
        layout="vertical"
        initialValues={campaign ? toValues(campaign) : defaults()}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 880 }}
        data-testid="fission-form"
      >
        {started ? <Alert type="info" showIcon title={t('fission.form.lockedAfterStart')} style={{ marginBottom: 16 }} /> : null}
        <Card title={t('fission.form.basics')} style={{ marginBottom: 16 }}>
          <Form.Item name="name" label={t('fission.form.name')} rules={[required(t('fission.form.name')), { max: 64 }]}>
            <Input placeholder={t('fission.form.namePlaceholder')} maxLength={64} />
          </Form.Item>
          <Form.Item name="description" label={t('fission.form.description')}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('fission.form.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item name="rules" label={t('fission.form.rules')}>
            <Input.TextArea rows={4} maxLength={4000} placeholder={t('fission.form.rulesPlaceholder')} />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('fission.form.window')}
            extra={t('fission.form.windowHelp')}
            rules={[
              required(t('fission.form.window')),
              {
                validator: (_, v?: [Dayjs, Dayjs]) =>
                  !v || v[1].isAfter(v[0]) ? Promise.resolve() : Promise.reject(new Error(t('fission.form.windowOrder'))),
              },
            ]}
          >
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabled={[started, ended]} />
          </Form.Item>
          <Form.Item name="keyword" label={t('fission.form.keyword')} extra={t('fission.form.keywordHelp')} rules={[{ max: 32 }]}>
            <Input maxLength={32} disabled={ended} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item name="posterTemplateId" label={t('fission.form.poster')} extra={t('fission.form.posterHelp')}>
            <Select
              allowClear
              placeholder={t('fission.form.posterDefault')}
              loading={templates.isFetching}
              style={{ maxWidth: 320 }}
              options={(templates.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        </Card>

        <Card title={t('fission.form.tiers')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="goal"
            label={t('fission.form.goal')}
            extra={t('fission.form.goalHelp')}
            dependencies={['tiers']}
            rules={[
              required(t('fission.form.goal')),
              ({ getFieldValue }) => ({
                validator: (_, goal?: number) => {
                  const tiers = (getFieldValue('tiers') ?? []) as TTierValues[];
                  return goal === undefined || tiers.some((x) => x.invites === goal)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('fission.form.goalMustBeTier')));
                },
              }),
            ]}
          >
            <InputNumber min={1} max={10000} precision={0} disabled={started} />
          </Form.Item>
          <Form.List
            name="tiers"
            rules={[
              {
                validator: async (_, tiers?: TTierValues[]) => {
                  const list = tiers ?? [];
                  if (list.length === 0) throw new Error(t('fission.form.required', { field: t('fission.form.tiers') }));
                  for (let i = 1; i < list.length; i++) {
                    if ((list[i]?.invites ?? 0) <= (list[i - 1]?.invites ?? 0)) {
                      throw new Error(t('fission.form.tiersAscending', { n: i + 1 }));
                    }
                  }
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 8 }}>{t('fission.form.tiersHelp')}</div>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" wrap data-testid={`fission-tier-${i}`}>
                    <Form.Item
                      name={[field.name, 'invites']}
                      label={i === 0 ? t('fission.form.tierInvites') : undefined}
                      rules={[required(t('fission.form.tierInvites'))]}
                    >
                      <InputNumber min={1} max={10000} precision={0} disabled={started} style={{ width: 110 }} />
                    </Form.Item>
                    <RewardSpecFields
                      form={form}
                      list="tiers"
                      name={field.name}
                      kindField="kind"
                      first={i === 0}
                      disabled={started}
                      ns="fission"
                      kinds={['coupon', 'points', 'gift']}
                    />
                    {!started && fields.length > 1 ? (
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.remove')}
                      />
                    ) : null}
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                {!started && fields.length < 10 ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => {
                      const last = (form.getFieldValue('tiers') as TTierValues[] | undefined)?.at(-1)?.invites ?? 0;
                      add({ invites: last + 1, kind: 'points', amount: 100, name: '' });
                    }}
                  >
                    {t('fission.form.addTier')}
                  </Button>
                ) : null}
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('fission.form.staff')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="staffIds"
            extra={t('fission.form.staffHelp')}
            rules={[{ type: 'array', min: 1, message: t('fission.form.required', { field: t('fission.form.staff') }) }]}
          >
            <StaffMultiSelect
              known={campaign?.staff}
              disabled={ended}
              placeholder={t('fission.form.staffPlaceholder')}
              data-testid="fission-staff"
            />
          </Form.Item>
        </Card>

        <Card title={t('fission.form.antiFraud')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="deleteWindowHours"
            label={t('fission.form.deleteWindow')}
            extra={t('fission.form.deleteWindowHelp')}
            rules={[required(t('fission.form.deleteWindow'))]}
          >
            <InputNumber min={0} max={720} precision={0} disabled={started} />
          </Form.Item>
        </Card>

        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="fission-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(editing ? `/fission/${id}` : '/fission')}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
};
