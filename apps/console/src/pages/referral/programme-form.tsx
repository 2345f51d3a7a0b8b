import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { StaffMultiSelect } from '../../components/staff-multi-select.tsx';
import { formatDateTime, yuanToCents } from '../../lib/format.ts';
import type { TCommissionRule, TProgramme, TRate } from './types.ts';

type TRateKind = 'percent' | 'fixed';
type TRuleValues = {
  name?: string;
  skuPrefixes?: string[];
  l1Kind?: TRateKind;
  l1Value?: number | null;
  l2Kind?: TRateKind | 'none';
  l2Value?: number | null;
};
type TValues = {
  enabled: boolean;
  attributionDays: number;
  refundDays: number;
  level2Enabled: boolean;
  level1CapYuan: number | null;
  level2CapYuan: number | null;
  staffIds: number[];
  welcomeText: string;
  rules: TRuleValues[];
};

// Fixed rates and caps are typed in yuan and stored in cents; percentages as they are.
const rateValue = (r: TRate) => (r.kind === 'fixed' ? r.value / 100 : r.value);
const toRate = (kind: TRateKind, value: number): TRate => ({ kind, value: kind === 'fixed' ? yuanToCents(value) : value });

const toValues = (p: TProgramme): TValues => ({
  enabled: p.enabled,
  attributionDays: p.attributionDays,
  refundDays: p.refundDays,
  level2Enabled: p.level2Enabled,
  level1CapYuan: p.level1CapCents === null ? null : p.level1CapCents / 100,
  level2CapYuan: p.level2CapCents === null ? null : p.level2CapCents / 100,
  staffIds: p.staffIds,
  welcomeText: p.welcomeText ?? '',
  rules: p.rules.map((r) => ({
    name: r.name,
    skuPrefixes: r.skuPrefixes,
    l1Kind: r.level1.kind,
    l1Value: rateValue(r.level1),
    l2Kind: r.level2?.kind ?? 'none',
    l2Value: r.level2 ? rateValue(r.level2) : null,
  })),
});

const toBody = (v: TValues) => ({
  enabled: v.enabled,
  attributionDays: v.attributionDays,
  refundDays: v.refundDays,
  level2Enabled: v.level2Enabled,
  level1CapCents: v.level1CapYuan === null || v.level1CapYuan === undefined ? null : yuanToCents(v.level1CapYuan),
  level2CapCents: v.level2CapYuan === null || v.level2CapYuan === undefined ? null : yuanToCents(v.level2CapYuan),
  staffIds: v.staffIds ?? [],
  welcomeText: v.welcomeText?.trim() ? v.welcomeText.trim() : null,
  rules: (v.rules ?? []).map(
    (r): TCommissionRule => ({
      name: (r.name ?? '').trim(),
      skuPrefixes: (r.skuPrefixes ?? []).map((s) => s.trim()).filter(Boolean),
      level1: toRate(r.l1Kind ?? 'percent', r.l1Value ?? 0),
      level2: !r.l2Kind || r.l2Kind === 'none' ? null : toRate(r.l2Kind, r.l2Value ?? 0),
    }),
  ),
});

/** A rate's number: percent 0–100 with two decimals, or yuan ≥ 0 with two decimals. */
const RateInput = ({ index, level }: { index: number; level: 1 | 2 }) => {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['rules', index, level === 1 ? 'l1Kind' : 'l2Kind'], form) as TRateKind | 'none' | undefined;
  if (kind === 'none') return null;
  return (
    <Form.Item
      name={[index, level === 1 ? 'l1Value' : 'l2Value']}
      noStyle
      rules={[
        { required: true, message: t('referral.form.valueRequired') },
        {
          validator: async (_, value: number | null) => {
            if (value === null || value === undefined) return;
            if (kind === 'percent' && (value < 0 || value > 100 || Math.round(value * 100) !== value * 100)) {
              throw new Error(t('referral.form.percentRange'));
            }
            if (kind === 'fixed' && value < 0) throw new Error(t('referral.form.fixedRange'));
            const rule = form.getFieldValue(['rules', index]) as TRuleValues | undefined;
            if (level === 2 && rule?.l1Kind === 'percent' && rule.l2Kind === 'percent' && (rule.l1Value ?? 0) + value > 100) {
              throw new Error(t('referral.form.percentSum'));
            }
          },
        },
      ]}
    >
      <InputNumber
        min={0}
        max={kind === 'percent' ? 100 : 100_000}
        precision={2}
        step={kind === 'percent' ? 0.5 : 1}
        style={{ width: 120 }}
        suffix={kind === 'percent' ? '%' : '¥'}
      />
    </Form.Item>
  );
};

/** The programme settings: windows, levels, caps, staff pool, welcome text and the commission rules. */
export const ProgrammeForm = ({ programme, canEdit }: { programme: TProgramme; canEdit: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TValues>();
  useEffect(() => {
    form.setFieldsValue(toValues(programme));
  }, [form, programme]);
  const level2 = Form.useWatch('level2Enabled', form);
  const rules = Form.useWatch('rules', form) as TRuleValues[] | undefined;
  const save = useMutation({
    mutationFn: (v: TValues) => api<TProgramme>('/api/referral/programme', { method: 'PUT', body: toBody(v) }),
    onSuccess: (saved) => {
      void message.success(t('referral.form.saved'));
      qc.setQueryData(['referral-programme'], saved);
      void qc.invalidateQueries({ queryKey: ['referral-ledger'] });
    },
  });
  const kindOptions = [
    { value: 'percent', label: t('referral.form.percent') },
    { value: 'fixed', label: t('referral.form.fixed') },
  ];
  return (
    <Card>
      {!canEdit ? <Alert type="info" showIcon title={t('referral.form.readOnly')} style={{ marginBottom: 16 }} /> : null}
      <Form<TValues>
        form={form}
        layout="vertical"
        disabled={!canEdit || save.isPending}
        initialValues={toValues(programme)}
        onFinish={(v) => save.mutate(v)}
        style={{ maxWidth: 960 }}
        data-testid="referral-programme-form"
      >
        <Form.Item
          name="enabled"
          label={t('referral.form.enabled')}
          valuePropName="checked"
          extra={t('referral.form.enabledHelp')}
        >
          <Switch data-testid="referral-enabled" />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item
            name="attributionDays"
            label={t('referral.form.attributionDays')}
            extra={t('referral.form.attributionDaysHelp')}
            rules={[{ required: true, type: 'integer', min: 1, max: 3650 }]}
            style={{ width: 280 }}
          >
            <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="refundDays"
            label={t('referral.form.refundDays')}
            extra={t('referral.form.refundDaysHelp')}
            rules={[{ required: true, type: 'integer', min: 0, max: 365 }]}
            style={{ width: 280 }}
          >
            <InputNumber min={0} max={365} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="level2Enabled"
          label={t('referral.form.level2Enabled')}
          valuePropName="checked"
          extra={t('referral.form.level2EnabledHelp')}
        >
          <Switch />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item name="level1CapYuan" label={t('referral.form.level1Cap')} style={{ width: 280 }}>
            <InputNumber
              min={0}
              max={1_000_000}
              precision={2}
              placeholder={t('referral.form.capPlaceholder')}
              style={{ width: 160 }}
            />
          </Form.Item>
          {level2 ? (
            <Form.Item name="level2CapYuan" label={t('referral.form.level2Cap')} style={{ width: 280 }}>
              <InputNumber
                min={0}
                max={1_000_000}
                precision={2}
                placeholder={t('referral.form.capPlaceholder')}
                style={{ width: 160 }}
              />
            </Form.Item>
          ) : null}
        </Flex>
        <Form.Item name="staffIds" label={t('referral.form.staffIds')} extra={t('referral.form.staffIdsHelp')}>
          <StaffMultiSelect
            known={programme.staff}
            placeholder={t('referral.form.staffPlaceholder')}
            data-testid="referral-staff-pool"
          />
        </Form.Item>
        <Form.Item name="welcomeText" label={t('referral.form.welcomeText')} extra={t('referral.form.welcomeTextHelp')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>

        <Typography.Title level={5}>{t('referral.form.rules')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('referral.form.rulesHelp')}</Typography.Paragraph>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 ? (
                <Alert type="warning" showIcon title={t('referral.form.noRules')} style={{ marginBottom: 12 }} />
              ) : null}
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid="referral-rule"
                  title={
                    (rules?.[field.name]?.skuPrefixes ?? []).length === 0 ? (
                      <Tag color="blue">{t('referral.form.defaultRule')}</Tag>
                    ) : (
                      `#${field.name + 1}`
                    )
                  }
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('referral.form.removeRule')}
                      onClick={() => remove(field.name)}
                    >
                      {t('referral.form.removeRule')}
                    </Button>
                  }
                >
                  <Flex gap={12} align="flex-start">
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('referral.form.ruleName')}
                      rules={[{ required: true, whitespace: true, message: t('referral.form.ruleNameRequired') }, { max: 30 }]}
                      style={{ width: 200 }}
                    >
                      <Input maxLength={30} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'skuPrefixes']}
                      label={t('referral.form.prefixes')}
                      style={{ flex: 1 }}
                      rules={[
                        {
                          validator: async (_, value: string[] | undefined) => {
                            const earlier = ((form.getFieldValue('rules') ?? []) as TRuleValues[]).slice(0, field.name);
                            const mine = value ?? [];
                            if (mine.length === 0 && earlier.some((r) => (r.skuPrefixes ?? []).length === 0)) {
                              throw new Error(t('referral.form.twoDefaults'));
                            }
                            const taken = mine.find((p) => earlier.some((r) => (r.skuPrefixes ?? []).includes(p)));
                            if (taken) throw new Error(t('referral.form.duplicatePrefix', { prefix: taken }));
                          },
                        },
                      ]}
                    >
                      <Select
                        mode="tags"
                        tokenSeparators={[',', ' ']}
                        placeholder={t('referral.form.prefixesPlaceholder')}
                        open={false}
                      />
                    </Form.Item>
                  </Flex>
                  <Flex gap={24} wrap>
                    <Form.Item label={t('referral.form.level1')} required style={{ marginBottom: 0 }}>
                      <Space.Compact>
                        <Form.Item name={[field.name, 'l1Kind']} noStyle>
                          <Select options={kindOptions} style={{ width: 170 }} />
                        </Form.Item>
                        <RateInput index={field.name} level={1} />
                      </Space.Compact>
                    </Form.Item>
                    {level2 ? (
                      <Form.Item label={t('referral.form.level2')} style={{ marginBottom: 0 }}>
                        <Space.Compact>
                          <Form.Item name={[field.name, 'l2Kind']} noStyle>
                            <Select
                              options={[{ value: 'none', label: t('referral.form.level2None') }, ...kindOptions]}
                              style={{ width: 170 }}
                            />
                          </Form.Item>
                          <RateInput index={field.name} level={2} />
                        </Space.Compact>
                      </Form.Item>
                    ) : null}
                  </Flex>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', skuPrefixes: [], l1Kind: 'percent', l1Value: 5, l2Kind: 'none', l2Value: null })}
                data-testid="referral-add-rule"
              >
                {t('referral.form.addRule')}
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={12} align="center" style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="referral-save">
            {t('referral.form.save')}
          </Button>
          {programme.updatedBy && programme.updatedAt ? (
            <Typography.Text type="secondary">
              {t('referral.form.updatedBy', { name: programme.updatedBy, time: formatDateTime(programme.updatedAt) })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Form>
    </Card>
  );
};
