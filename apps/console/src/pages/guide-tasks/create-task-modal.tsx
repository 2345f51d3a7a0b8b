import { useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ContentEditor, contentRefProblems, type TContentRefValue } from '../../components/content-editor.tsx';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { StaffSelect } from '../../components/staff-select.tsx';

type TValues = {
  staffId: number;
  title: string;
  body?: string;
  customerId?: number;
  kind: 'manual' | 'follow_up';
  dueAt: Dayjs;
  content?: TContentRefValue;
};

const isEmptyContent = (c: TContentRefValue | undefined) =>
  !c || (!c.text?.trim() && c.materialIds.length === 0 && c.scriptId === undefined);

/** A manual task for a guide (managers: guides of their store), with an optional message to send. */
export const CreateTaskModal = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TValues>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api('/api/tasks', {
        method: 'POST',
        body: {
          staffId: v.staffId,
          title: v.title.trim(),
          body: v.body?.trim() || undefined,
          customerId: v.customerId,
          kind: v.kind,
          dueAt: v.dueAt.toISOString(),
          content: isEmptyContent(v.content) ? undefined : v.content,
        },
      });
      void message.success(t('guideTasks.form.created'));
      void qc.invalidateQueries({ queryKey: ['guide-tasks'] });
      void qc.invalidateQueries({ queryKey: ['guide-task-stats'] });
      form.resetFields();
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('guideTasks.form.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'task-form-submit' } as ButtonProps}
      width={640}
      destroyOnHidden
    >
      <Form<TValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'manual', dueAt: dayjs().add(2, 'hour').startOf('hour') }}
      >
        <Form.Item
          name="staffId"
          label={t('guideTasks.form.staff')}
          rules={[{ required: true, message: t('guideTasks.form.staffRequired') }]}
        >
          <StaffSelect status="active" style={{ width: '100%' }} testId="task-form-staff" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('guideTasks.form.taskTitle')}
          rules={[{ required: true, whitespace: true, message: t('guideTasks.form.titleRequired') }]}
        >
          <Input maxLength={200} placeholder={t('guideTasks.form.titlePlaceholder')} data-testid="task-form-title" />
        </Form.Item>
        <Form.Item name="body" label={t('guideTasks.form.body')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="kind" label={t('guideTasks.form.kind')}>
          <Select options={(['manual', 'follow_up'] as const).map((k) => ({ value: k, label: t(`guideTasks.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="customerId" label={t('guideTasks.form.customer')}>
          <CustomerSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="dueAt"
          label={t('guideTasks.form.dueAt')}
          rules={[{ required: true, message: t('guideTasks.form.dueRequired') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="task-form-due" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('guideTasks.form.content')}
          rules={[
            {
              validator: async (_: unknown, value: TContentRefValue | undefined) => {
                if (isEmptyContent(value)) return;
                const [problem] = contentRefProblems(value);
                if (problem) throw new Error(t(problem));
              },
            },
          ]}
        >
          <ContentEditor data-testid="task-form-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
