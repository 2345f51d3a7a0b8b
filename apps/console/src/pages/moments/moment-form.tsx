import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ContentEditor, contentRule, EMPTY_CONTENT, type TContentRefValue } from '../../components/content-editor.tsx';
import { StaffMultiSelect } from '../../components/staff-multi-select.tsx';
import { useStores } from '../../lib/queries.ts';
import type { TMomentTaskDetail } from './types.ts';

type TForm = {
  title: string;
  content: TContentRefValue;
  targetKind: 'all' | 'stores' | 'staff';
  storeIds: number[];
  staffIds: number[];
};

/** Creates a moments task: content, and which staff should publish it. */
export const MomentForm = ({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (task: TMomentTaskDetail) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TForm>();
  const { stores } = useStores();
  const targetKind = Form.useWatch('targetKind', form);
  const create = useMutation({
    mutationFn: (v: TForm) => api<TMomentTaskDetail>('/api/moments', { method: 'POST', body: v }),
    onSuccess: (task) => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['moments'] });
      form.resetFields();
      onCreated(task);
    },
  });
  return (
    <Modal
      open={open}
      title={t('moments.new')}
      onCancel={onClose}
      width={680}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ id: 'moment-create-ok' }}
    >
      <Form<TForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ title: '', content: EMPTY_CONTENT, targetKind: 'all', storeIds: [], staffIds: [] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="title"
          label={t('moments.form.title')}
          rules={[{ required: true, whitespace: true, message: t('moments.form.titleRequired') }]}
        >
          <Input maxLength={64} data-testid="moment-title" />
        </Form.Item>
        <Alert type="info" showIcon title={t('moments.form.rule')} style={{ marginBottom: 12 }} />
        <Form.Item name="content" label={t('moments.form.content')} rules={[contentRule(t)]}>
          <ContentEditor allowScript={false} />
        </Form.Item>
        <Form.Item name="targetKind" label={t('moments.form.target')}>
          <Radio.Group
            optionType="button"
            options={(['all', 'stores', 'staff'] as const).map((k) => ({ value: k, label: t(`moments.target.${k}`) }))}
          />
        </Form.Item>
        {targetKind === 'stores' ? (
          <Form.Item
            name="storeIds"
            label={t('moments.form.stores')}
            rules={[{ required: true, message: t('moments.form.storesRequired') }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={stores.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="moment-stores"
            />
          </Form.Item>
        ) : null}
        {targetKind === 'staff' ? (
          <Form.Item
            name="staffIds"
            label={t('moments.form.staff')}
            rules={[{ required: true, message: t('moments.form.staffRequired') }]}
          >
            <StaffMultiSelect />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
};
