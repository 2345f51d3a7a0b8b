import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Switch,
  Timeline,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { AudienceBuilder, EMPTY_AUDIENCE, type TAudienceExpression } from '../../components/audience-builder.tsx';
import { ContentEditor, contentRule, EMPTY_CONTENT, type TContentRefValue } from '../../components/content-editor.tsx';
import type { TSopJourney } from './types.ts';

type TStepForm = {
  id?: number;
  dayOffset: number;
  time: Dayjs | null;
  title: string;
  content: TContentRefValue;
  hasCondition: boolean;
  condition: TAudienceExpression;
};
type TForm = {
  name: string;
  trigger: TSopJourney['trigger'];
  statePrefix: string;
  newCustomersOnly: boolean;
  active: boolean;
  steps: TStepForm[];
};

const DEFAULT_STEPS: TStepForm[] = [0, 1, 3, 7].map((d) => ({
  dayOffset: d,
  time: d === 0 ? null : dayjs('2000-01-01T10:00'),
  title: '',
  content: EMPTY_CONTENT,
  hasCondition: false,
  condition: EMPTY_AUDIENCE,
}));

/** Creates or edits a customer journey: trigger, filters and the timeline of steps (day, time, condition, content). */
export const JourneyEditor = ({
  journey,
  open,
  onClose,
}: {
  journey: TSopJourney | null;
  open: boolean;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TForm>();
  const trigger = Form.useWatch('trigger', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      journey
        ? {
            name: journey.name,
            trigger: journey.trigger,
            statePrefix: journey.statePrefix ?? '',
            newCustomersOnly: journey.newCustomersOnly,
            active: journey.status === 'active',
            steps: journey.steps.map((s) => ({
              id: s.id,
              dayOffset: s.dayOffset,
              time: s.time ? dayjs(`2000-01-01T${s.time}`) : null,
              title: s.title,
              content: s.content,
              hasCondition: s.condition !== null,
              condition: s.condition ?? EMPTY_AUDIENCE,
            })),
          }
        : { name: '', trigger: 'customer_added', statePrefix: '', newCustomersOnly: true, active: true, steps: DEFAULT_STEPS },
    );
  }, [open, journey, form]);

  const save = useMutation({
    mutationFn: async (v: TForm) => {
      const body = {
        name: v.name,
        trigger: v.trigger,
        statePrefix: v.trigger === 'customer_added' && v.statePrefix?.trim() ? v.statePrefix.trim() : null,
        newCustomersOnly: v.newCustomersOnly,
        status: v.active ? 'active' : 'paused',
        steps: v.steps.map((s) => ({
          ...(s.id ? { id: s.id } : {}),
          dayOffset: s.dayOffset,
          time: s.time ? s.time.format('HH:mm') : null,
          title: s.title,
          content: s.content,
          condition: s.hasCondition ? s.condition : null,
        })),
      };
      return journey
        ? api<TSopJourney>(`/api/sops/journeys/${journey.id}`, { method: 'PATCH', body })
        : api<TSopJourney>('/api/sops/journeys', { method: 'POST', body });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['sops'] });
      onClose();
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={900}
      destroyOnHidden
      title={journey ? t('sops.journey.edit') : t('sops.journey.new')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="sop-journey-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<TForm> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label={t('sops.journey.name')}
            rules={[{ required: true, whitespace: true, message: t('sops.journey.nameRequired') }]}
            style={{ minWidth: 280, flex: 1 }}
          >
            <Input maxLength={64} data-testid="sop-journey-name" />
          </Form.Item>
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch checkedChildren={t('sops.status.active')} unCheckedChildren={t('sops.status.paused')} />
          </Form.Item>
        </Flex>
        <Form.Item name="trigger" label={t('sops.journey.col.trigger')}>
          <Radio.Group
            options={(['customer_added', 'enrollment'] as const).map((v) => ({
              value: v,
              label: t(`sops.journey.trigger.${v}`),
            }))}
          />
        </Form.Item>
        {trigger === 'customer_added' ? (
          <Flex gap={16} wrap>
            <Form.Item
              name="statePrefix"
              label={t('sops.journey.statePrefix')}
              extra={t('sops.journey.statePrefixHelp')}
              style={{ minWidth: 280 }}
            >
              <Input maxLength={30} allowClear />
            </Form.Item>
            <Form.Item name="newCustomersOnly" label={t('sops.journey.newCustomersOnly')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
        ) : null}
        <Typography.Title level={5}>{t('sops.journey.steps')}</Typography.Title>
        <Alert type="info" showIcon title={t('sops.journey.day0Note')} style={{ marginBottom: 16 }} />
        <Form.List
          name="steps"
          rules={[
            {
              validator: async (_, steps: TStepForm[] | undefined) => {
                if (!steps?.length) throw new Error(t('sops.journey.stepsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              <Timeline
                items={fields.map((f) => ({
                  key: f.key,
                  content: (
                    <Card size="small" data-testid={`sop-journey-step-${f.name}`}>
                      <Flex gap={12} wrap align="flex-start">
                        <Form.Item name={[f.name, 'dayOffset']} label={t('sops.journey.dayOffset')} rules={[{ required: true }]}>
                          <InputNumber min={0} max={365} prefix="D" style={{ width: 110 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'time']} label={t('sops.journey.time')}>
                          <TimePicker
                            format="HH:mm"
                            minuteStep={5}
                            needConfirm={false}
                            placeholder={t('sops.journey.timeAnchor')}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'title']}
                          label={t('sops.journey.stepTitle')}
                          rules={[{ required: true, whitespace: true, message: t('sops.calendar.itemTitleRequired') }]}
                          style={{ flex: 1, minWidth: 200 }}
                        >
                          <Input maxLength={100} />
                        </Form.Item>
                        <Button
                          danger
                          type="text"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('sops.journey.removeStep')}
                          style={{ marginTop: 30 }}
                        />
                      </Flex>
                      <Form.Item name={[f.name, 'content']} rules={[contentRule(t)]} style={{ marginBottom: 8 }}>
                        <ContentEditor rows={3} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'hasCondition']} valuePropName="checked" style={{ marginBottom: 8 }}>
                        <Switch size="small" />
                      </Form.Item>
                      <Typography.Text type="secondary">{t('sops.journey.conditionOn')}</Typography.Text>
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['steps', f.name, 'hasCondition']) ? (
                            <Form.Item name={[f.name, 'condition']} style={{ marginTop: 8 }}>
                              <AudienceBuilder preview={false} />
                            </Form.Item>
                          ) : null
                        }
                      </Form.Item>
                    </Card>
                  ),
                }))}
              />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  const steps: TStepForm[] = form.getFieldValue('steps') ?? [];
                  const last = steps.reduce((m, s) => Math.max(m, s?.dayOffset ?? 0), 0);
                  add({ ...(DEFAULT_STEPS[1] as TStepForm), dayOffset: steps.length ? last + 1 : 0 });
                }}
                data-testid="sop-journey-add-step"
              >
                {t('sops.journey.addStep')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
};
