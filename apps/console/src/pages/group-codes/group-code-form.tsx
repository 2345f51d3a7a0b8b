import { useMutation } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Radio, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { StaffMultiSelect } from '../../components/staff-multi-select.tsx';
import { StoreSelect } from '../../components/store-select.tsx';
import type { TGroupCodeBody, TGroupCodeDetail, TGroupCodeRule } from './types.ts';

type TValues = Omit<TGroupCodeBody, 'storeId' | 'status'> & { storeId?: number; active: boolean };

const RULES: TGroupCodeRule[] = ['fill_in_order', 'least_full'];

/** Create (no `code`) or edit the settings of a group code, in a modal. */
export const GroupCodeForm = ({
  code,
  open,
  onClose,
  onSaved,
}: {
  code: TGroupCodeDetail | null;
  open: boolean;
  onClose: () => void;
  onSaved: (code: TGroupCodeDetail) => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<TValues>();
  const autoOpen = Form.useWatch('autoOpen', form);
  const rule = Form.useWatch('rule', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      code
        ? {
            name: code.name,
            storeId: code.storeId ?? undefined,
            active: code.status === 'active',
            rule: code.rule,
            memberCap: code.memberCap,
            autoOpen: code.autoOpen,
            groupNameTemplate: code.groupNameTemplate,
            nextNumber: code.nextNumber,
            ownerStaffIds: code.ownerStaffIds,
            welcomeText: code.welcomeText,
            notice: code.notice,
          }
        : {
            active: true,
            rule: 'fill_in_order',
            memberCap: 200,
            autoOpen: true,
            groupNameTemplate: '',
            ownerStaffIds: [],
            welcomeText: '',
            notice: '',
          },
    );
  }, [open, code, form]);

  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body: TGroupCodeBody = {
        name: v.name.trim(),
        storeId: v.storeId ?? null,
        status: v.active ? 'active' : 'paused',
        rule: v.rule,
        memberCap: v.memberCap,
        autoOpen: v.autoOpen,
        groupNameTemplate: v.groupNameTemplate.trim(),
        nextNumber: v.nextNumber ?? undefined,
        ownerStaffIds: v.ownerStaffIds ?? [],
        welcomeText: v.welcomeText ?? '',
        notice: v.notice ?? '',
      };
      return code
        ? api<TGroupCodeDetail>(`/api/group-codes/${code.id}`, { method: 'PATCH', body })
        : api<TGroupCodeDetail>('/api/group-codes', { method: 'POST', body });
    },
    onSuccess: onSaved,
  });

  return (
    <Modal
      open={open}
      title={code ? t('groupCodes.form.editTitle') : t('groupCodes.form.createTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="group-code-form">
        <Form.Item
          name="name"
          label={t('groupCodes.form.name')}
          rules={[{ required: true, whitespace: true, message: t('groupCodes.form.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('groupCodes.form.namePlaceholder')} data-testid="group-code-name" />
        </Form.Item>
        <Form.Item name="storeId" label={t('groupCodes.form.store')} extra={t('groupCodes.form.storeHelp')}>
          <StoreSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rule" label={t('groupCodes.form.rule')} extra={rule ? t(`groupCodes.ruleHelp.${rule}`) : null}>
          <Radio.Group optionType="button" options={RULES.map((r) => ({ value: r, label: t(`groupCodes.rules.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="memberCap"
          label={t('groupCodes.form.memberCap')}
          extra={t('groupCodes.form.memberCapHelp')}
          rules={[{ required: true, type: 'integer', min: 1, max: 200, message: t('groupCodes.form.memberCapRequired') }]}
        >
          <InputNumber min={1} max={200} precision={0} style={{ width: 160 }} data-testid="group-code-cap" />
        </Form.Item>
        <Form.Item name="active" label={t('groupCodes.form.status')} valuePropName="checked">
          <Switch checkedChildren={t('groupCodes.status.active')} unCheckedChildren={t('groupCodes.status.paused')} />
        </Form.Item>
        <Form.Item
          name="autoOpen"
          label={t('groupCodes.form.autoOpen')}
          extra={t('groupCodes.form.autoOpenHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="groupNameTemplate"
          label={t('groupCodes.form.template')}
          extra={t('groupCodes.form.templateHelp')}
          rules={[
            {
              required: true,
              validator: (_, v: string | undefined) =>
                v?.trim() && v.includes('{n}')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('groupCodes.form.templateRequired'))),
            },
          ]}
        >
          <Input maxLength={60} placeholder="茶屿会员群{n}" data-testid="group-code-template" />
        </Form.Item>
        <Form.Item name="nextNumber" label={t('groupCodes.form.nextNumber')}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="ownerStaffIds"
          label={t('groupCodes.form.owners')}
          extra={t('groupCodes.form.ownersHelp')}
          rules={[
            {
              validator: (_, v: number[] | undefined) =>
                !autoOpen || (v?.length ?? 0) > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('groupCodes.form.ownersRequired'))),
            },
          ]}
          dependencies={['autoOpen']}
        >
          <StaffMultiSelect known={code?.owners} data-testid="group-code-owners" />
        </Form.Item>
        <Form.Item name="welcomeText" label={t('groupCodes.form.welcome')} extra={t('groupCodes.form.welcomeHelp')}>
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="notice" label={t('groupCodes.form.notice')}>
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        {code ? null : <Typography.Text type="secondary">{t('groupCodes.form.initialPoolHelp')}</Typography.Text>}
      </Form>
    </Modal>
  );
};
