import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Result,
  Select,
  Skeleton,
  Slider,
  Space,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import {
  AudienceBuilder,
  EMPTY_AUDIENCE,
  isAudienceComplete,
  type TAudienceExpression,
} from '../../components/audience-builder.tsx';
import { ContentEditor, contentRule, EMPTY_CONTENT, type TContentRefValue } from '../../components/content-editor.tsx';
import { GroupMultiSelect } from '../../components/group-multi-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { MAX_PAGE_SIZE, useStores } from '../../lib/queries.ts';
import type { TPage } from '../../types.ts';
import { ReachPreview } from './reach-preview.tsx';
import type { TBroadcast, TGroupKind } from './types.ts';

type TValues = {
  name: string;
  target: 'customers' | 'groups';
  audienceMode: 'saved' | 'build';
  audienceId?: number;
  audience: TAudienceExpression;
  groupIds: number[];
  storeIds: number[];
  kinds: TGroupKind[];
  content: TContentRefValue;
  capPerDay: number;
  capPerWeek: number;
  quiet: [Dayjs, Dayjs];
  holdoutPercent: number;
  when: 'now' | 'at';
  sendAt?: Dayjs;
};

const KINDS: TGroupKind[] = ['store', 'vip', 'activity', 'other'];
const hhmm = (d: Dayjs) => d.format('HH:mm');
const atTime = (s: string) => dayjs(`2000-01-01T${s}:00`);

const defaults: TValues = {
  name: '',
  target: 'customers',
  audienceMode: 'build',
  audience: EMPTY_AUDIENCE,
  groupIds: [],
  storeIds: [],
  kinds: [],
  content: EMPTY_CONTENT,
  capPerDay: 1,
  capPerWeek: 3,
  quiet: [atTime('21:30'), atTime('09:00')],
  holdoutPercent: 0,
  when: 'now',
};

const fromBroadcast = (b: TBroadcast): TValues => ({
  name: b.name,
  target: b.target,
  audienceMode: b.audienceId ? 'saved' : 'build',
  audienceId: b.audienceId ?? undefined,
  audience: b.audience ?? EMPTY_AUDIENCE,
  groupIds: b.groupFilter?.groupIds ?? [],
  storeIds: b.groupFilter?.storeIds ?? [],
  kinds: b.groupFilter?.kinds ?? [],
  content: b.content,
  capPerDay: b.capPerDay,
  capPerWeek: b.capPerWeek,
  quiet: [atTime(b.quietStart), atTime(b.quietEnd)],
  holdoutPercent: b.holdoutPercent,
  when: b.sendAt ? 'at' : 'now',
  sendAt: b.sendAt ? dayjs(b.sendAt) : undefined,
});

// The audience part of a request, or null while it is incomplete.
const audienceOf = (v: Partial<TValues>) => {
  if (v.target === 'groups') {
    const f = { groupIds: v.groupIds ?? [], storeIds: v.storeIds ?? [], kinds: v.kinds ?? [] };
    return f.groupIds.length + f.storeIds.length + f.kinds.length > 0 ? { target: 'groups', groupFilter: f } : null;
  }
  if (v.audienceMode === 'saved') return v.audienceId ? { target: 'customers', audienceId: v.audienceId } : null;
  return v.audience && isAudienceComplete(v.audience) ? { target: 'customers', audience: v.audience } : null;
};

const toRequest = (v: TValues) => ({
  name: v.name,
  ...(audienceOf(v) ?? { target: v.target }),
  content: v.content,
  capPerDay: v.capPerDay,
  capPerWeek: v.capPerWeek,
  quietStart: hhmm(v.quiet[0]),
  quietEnd: hhmm(v.quiet[1]),
  holdoutPercent: v.holdoutPercent,
  sendAt: v.when === 'at' && v.sendAt ? v.sendAt.toISOString() : null,
});

/** Creates a broadcast or edits a draft: audience, content, caps, quiet hours, control group, schedule, reach preview. */
export const BroadcastForm = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id) || undefined;
  const [form] = Form.useForm<TValues>();
  const { stores } = useStores();
  const existing = useQuery({
    queryKey: ['broadcast', id],
    enabled: id !== undefined,
    queryFn: ({ signal }) => api<TBroadcast>(`/api/broadcasts/${id}`, { signal }),
  });
  const saved = useQuery({
    queryKey: ['audiences', 'all'],
    queryFn: ({ signal }) =>
      api<TPage<{ id: number; name: string }>>('/api/audiences', { signal, query: { pageSize: MAX_PAGE_SIZE }, silent: true }),
  });
  const watched = Form.useWatch([], form) as Partial<TValues> | undefined;
  const target = Form.useWatch('target', form) ?? 'customers';
  const mode = Form.useWatch('audienceMode', form) ?? 'build';
  const when = Form.useWatch('when', form) ?? 'now';

  const save = useMutation({
    mutationFn: async ({ values, send }: { values: TValues; send: boolean }) => {
      const body = toRequest(values);
      const b = id
        ? await api<TBroadcast>(`/api/broadcasts/${id}`, { method: 'PATCH', body })
        : await api<TBroadcast>('/api/broadcasts', { method: 'POST', body });
      if (send) {
        return api<TBroadcast>(`/api/broadcasts/${b.id}/send`, {
          method: 'POST',
          body: { when: values.when === 'at' ? 'schedule' : 'now' },
        });
      }
      return b;
    },
    onSuccess: async (b, { send }) => {
      await queryClient.invalidateQueries({ queryKey: ['broadcasts'] });
      await queryClient.invalidateQueries({ queryKey: ['broadcast', b.id] });
      void message.success(send ? t('broadcasts.form.scheduled') : t('broadcasts.form.saved'));
      navigate(`/broadcasts/${b.id}`);
    },
  });

  if (id !== undefined && existing.isError) return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id !== undefined && !existing.data) return <Skeleton active />;
  if (existing.data && existing.data.status !== 'draft') {
    return <Result status="info" title={t(`broadcasts.status.${existing.data.status}`)} />;
  }

  const submit = async (send: boolean) => {
    const values = await form.validateFields();
    save.mutate({ values: { ...form.getFieldsValue(true), ...values }, send });
  };
  const audience = watched ? audienceOf({ ...watched, target, audienceMode: mode }) : null;
  const quiet = watched?.quiet;
  const previewRequest = audience
    ? {
        ...audience,
        capPerDay: watched?.capPerDay ?? 1,
        capPerWeek: Math.max(watched?.capPerWeek ?? 3, watched?.capPerDay ?? 1),
        holdoutPercent: watched?.holdoutPercent ?? 0,
        quietStart: quiet?.[0] ? hhmm(quiet[0]) : '21:30',
        quietEnd: quiet?.[1] ? hhmm(quiet[1]) : '09:00',
        sendAt: when === 'at' && watched?.sendAt ? watched.sendAt.toISOString() : null,
      }
    : null;

  return (
    <>
      <PageHeader title={t(id ? 'broadcasts.form.editTitle' : 'broadcasts.form.createTitle')} />
      <Form<TValues>
        form={form}
        layout="vertical"
        initialValues={existing.data ? fromBroadcast(existing.data) : defaults}
        data-testid="broadcast-form"
      >
        <Flex vertical gap={16}>
          <Card>
            <Form.Item
              name="name"
              label={t('broadcasts.form.name')}
              rules={[{ required: true, whitespace: true, message: t('broadcasts.form.nameRequired') }]}
            >
              <Input maxLength={100} placeholder={t('broadcasts.form.namePlaceholder')} data-testid="broadcast-name" />
            </Form.Item>
            <Form.Item name="target" label={t('broadcasts.form.target')}>
              <Radio.Group
                optionType="button"
                data-testid="broadcast-target"
                options={(['customers', 'groups'] as const).map((v) => ({ value: v, label: t(`broadcasts.target.${v}`) }))}
              />
            </Form.Item>
            {target === 'customers' ? (
              <>
                <Form.Item name="audienceMode" label={t('broadcasts.form.audienceMode')}>
                  <Radio.Group
                    data-testid="broadcast-audience-mode"
                    options={[
                      { value: 'build', label: t('broadcasts.form.buildAudience') },
                      { value: 'saved', label: t('broadcasts.form.savedAudience') },
                    ]}
                  />
                </Form.Item>
                {mode === 'saved' ? (
                  <Form.Item name="audienceId" rules={[{ required: true, message: t('broadcasts.form.savedAudienceRequired') }]}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={saved.isPending}
                      placeholder={t('broadcasts.form.savedAudiencePlaceholder')}
                      options={(saved.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                      data-testid="broadcast-saved-audience"
                    />
                  </Form.Item>
                ) : (
                  <Form.Item name="audience">
                    <AudienceBuilder />
                  </Form.Item>
                )}
              </>
            ) : (
              <>
                <Form.Item name="groupIds" label={t('broadcasts.form.groupIds')}>
                  <GroupMultiSelect data-testid="broadcast-groups" />
                </Form.Item>
                <Form.Item name="storeIds" label={t('broadcasts.form.storeIds')}>
                  <Select
                    mode="multiple"
                    showSearch={{ optionFilterProp: 'label' }}
                    options={stores.map((s) => ({ value: s.id, label: s.name }))}
                    data-testid="broadcast-group-stores"
                  />
                </Form.Item>
                <Form.Item
                  name="kinds"
                  label={t('broadcasts.form.kinds')}
                  rules={[
                    {
                      validator: async () => {
                        const v = form.getFieldsValue(['groupIds', 'storeIds', 'kinds']);
                        if ((v.groupIds?.length ?? 0) + (v.storeIds?.length ?? 0) + (v.kinds?.length ?? 0) === 0)
                          throw new Error(t('broadcasts.form.groupFilterRequired'));
                      },
                    },
                  ]}
                >
                  <Select mode="multiple" options={KINDS.map((k) => ({ value: k, label: t(`broadcasts.form.kind.${k}`) }))} />
                </Form.Item>
              </>
            )}
          </Card>
          <Card>
            <Form.Item name="content" label={t('broadcasts.form.content')} rules={[contentRule(t)]}>
              <ContentEditor data-testid="broadcast-content" />
            </Form.Item>
          </Card>
          <Card>
            <Form.Item label={t('broadcasts.form.caps')} extra={t('broadcasts.form.capsHelp')}>
              <Space wrap>
                <Form.Item name="capPerDay" noStyle>
                  <InputNumber min={1} max={10} addonBefore={t('broadcasts.form.capPerDay')} data-testid="broadcast-cap-day" />
                </Form.Item>
                <Form.Item
                  name="capPerWeek"
                  noStyle
                  dependencies={['capPerDay']}
                  rules={[
                    {
                      validator: async (_, v: number) => {
                        if (v < form.getFieldValue('capPerDay')) throw new Error(t('broadcasts.form.capWeekTooLow'));
                      },
                    },
                  ]}
                >
                  <InputNumber min={1} max={50} addonBefore={t('broadcasts.form.capPerWeek')} data-testid="broadcast-cap-week" />
                </Form.Item>
              </Space>
            </Form.Item>
            <Form.Item name="quiet" label={t('broadcasts.form.quiet')} extra={t('broadcasts.form.quietHelp')}>
              <TimePicker.RangePicker format="HH:mm" order={false} allowClear={false} data-testid="broadcast-quiet" />
            </Form.Item>
            <Form.Item name="holdoutPercent" label={t('broadcasts.form.holdout')} extra={t('broadcasts.form.holdoutHelp')}>
              <Slider
                min={0}
                max={50}
                marks={{ 0: '0%', 10: '10%', 25: '25%', 50: '50%' }}
                tooltip={{ formatter: (v) => `${v}%` }}
                data-testid="broadcast-holdout"
              />
            </Form.Item>
            <Form.Item name="when" label={t('broadcasts.form.schedule')}>
              <Radio.Group
                data-testid="broadcast-when"
                options={[
                  { value: 'now', label: t('broadcasts.form.sendNow') },
                  { value: 'at', label: t('broadcasts.form.sendAt') },
                ]}
              />
            </Form.Item>
            {when === 'at' ? (
              <Form.Item
                name="sendAt"
                rules={[
                  { required: true, message: t('broadcasts.form.sendAtRequired') },
                  {
                    validator: async (_, v: Dayjs | undefined) => {
                      if (v?.isBefore(dayjs())) throw new Error(t('broadcasts.form.sendAtPast'));
                    },
                  },
                ]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="broadcast-send-at" />
              </Form.Item>
            ) : null}
          </Card>
          <ReachPreview request={previewRequest} broadcastId={id} />
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => navigate(id ? `/broadcasts/${id}` : '/broadcasts')}>{t('common.cancel')}</Button>
            <Button onClick={() => void submit(false)} loading={save.isPending} data-testid="broadcast-save">
              {t('broadcasts.form.saveDraft')}
            </Button>
            <Popconfirm
              title={t('broadcasts.form.sendConfirm')}
              onConfirm={() => void submit(true)}
              okButtonProps={{ 'data-testid': 'broadcast-send-confirm' } as ButtonProps}
            >
              <Button type="primary" loading={save.isPending} data-testid="broadcast-send">
                {t('broadcasts.form.saveAndSend')}
              </Button>
            </Popconfirm>
          </Flex>
        </Flex>
      </Form>
    </>
  );
};
