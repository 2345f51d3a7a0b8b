import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { TAttrValue, TCustomer, TCustomerDetail } from '../types.ts';
import { StoreSelect } from './store-select.tsx';

type TFormValues = {
  name: string;
  phone?: string;
  gender?: 0 | 1 | 2;
  storeId?: number;
  attrs?: { key: string; value: string }[];
};

type TBody = {
  name: string;
  phone?: string | null;
  gender?: 0 | 1 | 2;
  storeId?: number | null;
  attrs?: Record<string, TAttrValue>;
};

// The form edits every attribute as text; give numbers and booleans their type back.
const typedAttr = (text: string, original: TAttrValue | undefined): TAttrValue => {
  if (typeof original === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeof original === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (original === null && text === '') return null;
  return text;
};

// Mainland mobile numbers, as the API accepts them.
const PHONE_RE = /^1[3-9]\d{9}$/;

type TProps = {
  open: boolean;
  onClose: () => void;
  /** Edit this customer; create a new one when absent. */
  customer?: TCustomerDetail;
  onSaved?: (c: TCustomer) => void;
};

export const CustomerFormModal = ({ open, onClose, customer, onSaved }: TProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TFormValues>();
  const editing = Boolean(customer);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (customer) {
      form.setFieldsValue({
        name: customer.name,
        // Guides see a masked phone; never send the mask back as a new number.
        phone: customer.phone?.includes('*') ? undefined : (customer.phone ?? undefined),
        gender: customer.gender,
        storeId: customer.storeId ?? undefined,
        attrs: Object.entries(customer.attrs ?? {}).map(([key, value]) => ({ key, value: value === null ? '' : String(value) })),
      });
    }
  }, [open, customer, form]);

  const save = useMutation({
    mutationFn: (body: TBody) =>
      customer
        ? api<TCustomer>(`/api/customers/${customer.id}`, { method: 'PATCH', body })
        : api<TCustomer>('/api/customers', { method: 'POST', body }),
    onSuccess: (c) => {
      void message.success(editing ? t('customers.form.updated') : t('customers.form.created'));
      void qc.invalidateQueries({ queryKey: ['customers'] });
      if (customer) void qc.invalidateQueries({ queryKey: ['customer', customer.id] });
      onSaved?.(c);
      onClose();
    },
  });

  const submit = async () => {
    const v = await form.validateFields();
    const attrs: Record<string, TAttrValue> = {};
    for (const a of v.attrs ?? []) {
      const key = a?.key?.trim();
      if (key) attrs[key] = typedAttr(a.value ?? '', customer?.attrs?.[key]);
    }
    const phone = v.phone?.trim();
    const body: TBody = { name: v.name.trim(), gender: v.gender ?? 0, storeId: v.storeId ?? null, attrs };
    if (phone) body.phone = phone;
    else if (editing && !customer?.phone?.includes('*')) body.phone = null;
    save.mutate(body);
  };

  return (
    <Modal
      open={open}
      title={editing ? t('customers.form.editTitle') : t('customers.form.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      <Form<TFormValues> form={form} layout="vertical" initialValues={{ gender: 0 }}>
        <Form.Item
          name="name"
          label={t('customers.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('customers.form.nameRequired') },
            { max: 64, message: t('customers.form.nameTooLong') },
          ]}
        >
          <Input data-testid="customer-form-name" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('customers.fields.phone')}
          rules={[{ pattern: PHONE_RE, message: t('customers.form.phoneInvalid') }]}
          extra={customer?.phone?.includes('*') ? t('customers.form.phoneMasked') : undefined}
        >
          <Input placeholder="13800138000" maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="gender" label={t('customers.fields.gender')}>
          <Select
            options={[
              { value: 0, label: t('gender.0') },
              { value: 1, label: t('gender.1') },
              { value: 2, label: t('gender.2') },
            ]}
          />
        </Form.Item>
        <Form.Item name="storeId" label={t('common.store')}>
          <StoreSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('customers.fields.attrs')}>
          <Form.List name="attrs">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item
                      name={[f.name, 'key']}
                      noStyle
                      rules={[{ required: true, whitespace: true, message: t('customers.form.attrKeyRequired') }]}
                    >
                      <Input placeholder={t('customers.form.attrKey')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'value']} noStyle>
                      <Input placeholder={t('customers.form.attrValue')} style={{ flex: 1 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Flex>
                ))}
                <Button type="dashed" onClick={() => add({ key: '', value: '' })} icon={<PlusOutlined />}>
                  {t('customers.form.addAttr')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
};
