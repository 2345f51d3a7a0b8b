import { ArrowRightOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Form, Modal, Radio, Steps, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { THandoverKind, TStaff } from '../types.ts';
import { StaffSelect } from './staff-select.tsx';

type TForm = { toStaffId: number; kind: THandoverKind; includeGroups: boolean };
type TResult = { customersMoved: number; groupsMoved: number };

type TProps = { from: TStaff | null; onClose: () => void };

/**
 * Hands a staff member's customers (and optionally groups) to a colleague: 离职继承 when they leave,
 * 在职继承 while they stay. Two steps: choose, then confirm the counts.
 */
export const HandoverModal = ({ from, onClose }: TProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TForm>();
  const [step, setStep] = useState<0 | 1>(0);
  const [choice, setChoice] = useState<TForm | null>(null);
  // The chosen colleague, for the confirmation step.
  const [target, setTarget] = useState<TStaff | undefined>();

  useEffect(() => {
    if (!from) return;
    setStep(0);
    setChoice(null);
    setTarget(undefined);
    form.resetFields();
    form.setFieldsValue({ kind: 'resigned', includeGroups: true });
  }, [from, form]);

  const run = useMutation({
    mutationFn: async (c: TForm) => {
      if (!from) throw new Error('no staff');
      // With kind 'resigned' the server also marks the person as resigned.
      return api<TResult>(`/api/staff/${from.id}/handover`, { method: 'POST', body: c });
    },
    onSuccess: (r) => {
      void message.success(t('org.handover.done', { customers: r.customersMoved, groups: r.groupsMoved }));
      void qc.invalidateQueries({ queryKey: ['staff'] });
      void qc.invalidateQueries({ queryKey: ['staff-options'] });
      void qc.invalidateQueries({ queryKey: ['handovers'] });
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['groups'] });
      onClose();
    },
  });

  const next = async () => {
    try {
      const v = await form.validateFields();
      setChoice(v);
      setStep(1);
    } catch {
      // The form shows what is missing.
    }
  };

  const footer =
    step === 0
      ? [
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>,
          <Button key="next" type="primary" onClick={() => void next()} data-testid="handover-next">
            {t('common.next')}
          </Button>,
        ]
      : [
          <Button key="back" onClick={() => setStep(0)} disabled={run.isPending}>
            {t('common.back')}
          </Button>,
          <Button
            key="confirm"
            type="primary"
            danger
            loading={run.isPending}
            onClick={() => choice && run.mutate(choice)}
            data-testid="handover-confirm"
          >
            {t('org.handover.confirm')}
          </Button>,
        ];

  return (
    <Modal
      open={from !== null}
      title={t('org.handover.title', { name: from?.name ?? '' })}
      onCancel={onClose}
      footer={footer}
      width={560}
      maskClosable={false}
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('org.handover.stepChoose') }, { title: t('org.handover.stepConfirm') }]}
      />
      <div style={{ display: step === 0 ? 'block' : 'none' }}>
        <Form<TForm> form={form} layout="vertical">
          <Form.Item
            name="toStaffId"
            label={t('org.handover.to')}
            rules={[{ required: true, message: t('org.handover.toRequired') }]}
          >
            <StaffSelect
              status="active"
              excludeIds={from ? [from.id] : []}
              style={{ width: '100%' }}
              placeholder={t('org.handover.toPlaceholder')}
              testId="handover-to"
              onPick={setTarget}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('org.handover.kind')}>
            <Radio.Group
              options={[
                { value: 'resigned', label: t('org.handover.kinds.resigned') },
                { value: 'in_service', label: t('org.handover.kinds.in_service') },
              ]}
            />
          </Form.Item>
          <Form.Item name="includeGroups" label={t('org.handover.includeGroups')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </div>
      {step === 1 && choice && from ? (
        <Flex vertical gap={16}>
          <Flex align="center" justify="center" gap={16}>
            <Typography.Text strong>{from.name}</Typography.Text>
            <ArrowRightOutlined />
            <Typography.Text strong>{target?.name ?? `#${choice.toStaffId}`}</Typography.Text>
          </Flex>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'kind', label: t('org.handover.kind'), children: t(`org.handover.kinds.${choice.kind}`) },
              { key: 'customers', label: t('org.handover.customers'), children: from.customerCount },
              {
                key: 'groups',
                label: t('org.handover.groups'),
                children: choice.includeGroups ? from.groupCount : t('org.handover.groupsKept'),
              },
            ]}
          />
          <Alert
            type="warning"
            showIcon
            title={choice.kind === 'resigned' ? t('org.handover.warnResigned') : t('org.handover.warnInService')}
          />
        </Flex>
      ) : null}
    </Modal>
  );
};
