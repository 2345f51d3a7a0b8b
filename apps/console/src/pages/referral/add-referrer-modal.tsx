import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { StaffSelect } from '../../components/staff-select.tsx';
import type { TReferrer } from './types.ts';

type TValues = { kind: 'staff' | 'customer'; staffId?: number; customerId?: number };

/** Makes a staff member or a customer a referrer (their link is made at once). */
export const AddReferrerModal = ({ open, onClose }: { open: boolean; onClose: (created?: TReferrer) => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TValues>();
  const kind = Form.useWatch('kind', form) ?? 'staff';
  const create = useMutation({
    mutationFn: (v: TValues) =>
      api<TReferrer>('/api/referral/referrers', {
        method: 'POST',
        body: v.kind === 'staff' ? { kind: 'staff', staffId: v.staffId } : { kind: 'customer', customerId: v.customerId },
      }),
    onSuccess: (r) => {
      void message.success(t('referral.add.created'));
      void qc.invalidateQueries({ queryKey: ['referral-referrers'] });
      form.resetFields();
      onClose(r);
    },
  });
  return (
    <Modal
      open={open}
      title={t('referral.add.title')}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form<TValues> form={form} layout="vertical" initialValues={{ kind: 'staff' }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="kind" label={t('referral.add.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'staff', label: t('referral.add.staff') },
              { value: 'customer', label: t('referral.add.customer') },
            ]}
          />
        </Form.Item>
        {kind === 'staff' ? (
          <Form.Item
            name="staffId"
            label={t('referral.add.staff')}
            rules={[{ required: true, message: t('referral.add.staffRequired') }]}
          >
            <StaffSelect status="active" style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="customerId"
            label={t('referral.add.customer')}
            rules={[{ required: true, message: t('referral.add.customerRequired') }]}
          >
            <CustomerSelect style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
