import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { TStaff, TStaffRole } from '../types.ts';
import { StoreSelect } from './store-select.tsx';

type TForm = { name: string; storeId?: number; role: TStaffRole; wecomUserId?: string; status?: TStaff['status'] };

export type TStaffEditing = { mode: 'create'; storeId?: number } | { mode: 'edit'; staff: TStaff } | null;

export const STAFF_ROLES: TStaffRole[] = ['guide', 'store_manager', 'hq'];

export const StaffFormModal = ({ editing, onClose }: { editing: TStaffEditing; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TForm>();
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.mode === 'edit') {
      const s = editing.staff;
      form.setFieldsValue({
        name: s.name,
        storeId: s.storeId ?? undefined,
        role: s.role,
        wecomUserId: s.wecomUserId,
        status: s.status,
      });
    } else {
      form.setFieldsValue({ role: 'guide', storeId: editing.storeId });
    }
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: TForm) => {
      if (editing?.mode === 'edit') {
        return api<TStaff>(`/api/staff/${editing.staff.id}`, {
          method: 'PATCH',
          body: { name: v.name.trim(), storeId: v.storeId ?? null, role: v.role, status: v.status },
        });
      }
      return api<TStaff>('/api/staff', {
        method: 'POST',
        body: { name: v.name.trim(), storeId: v.storeId ?? null, role: v.role, wecomUserId: v.wecomUserId?.trim() },
      });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['staff'] });
      void qc.invalidateQueries({ queryKey: ['staff-options'] });
      onClose();
    },
  });

  return (
    <Modal
      open={editing !== null}
      title={editing?.mode === 'edit' ? t('org.staff.editTitle', { name: editing.staff.name }) : t('org.staff.createTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v))
          .catch(() => undefined)
      }
    >
      <Form<TForm> form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[{ required: true, whitespace: true, message: t('org.staff.nameRequired') }, { max: 64 }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('org.staff.role')} rules={[{ required: true }]}>
          <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`staffRoles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="storeId"
          label={t('common.store')}
          rules={[{ required: role !== 'hq', message: t('org.staff.storeRequired') }]}
        >
          <StoreSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="wecomUserId"
          label={t('org.staff.wecomUserId')}
          extra={t('org.staff.wecomUserIdHint')}
          rules={[
            { required: editing?.mode === 'create', whitespace: true, message: t('org.staff.wecomUserIdRequired') },
            { pattern: /^[A-Za-z0-9_.@-]{1,64}$/, message: t('org.staff.wecomUserIdInvalid') },
          ]}
        >
          <Input maxLength={64} disabled={editing?.mode === 'edit'} />
        </Form.Item>
        {editing?.mode === 'edit' ? (
          <Form.Item name="status" label={t('common.status')}>
            <Select
              options={[
                { value: 'active', label: t('org.staff.statuses.active') },
                { value: 'resigned', label: t('org.staff.statuses.resigned') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
};
