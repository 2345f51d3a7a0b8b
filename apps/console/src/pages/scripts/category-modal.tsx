import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ButtonProps, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { TScriptCategory } from '../materials/types.ts';

type TValues = { name: string; nameEn?: string };

/** Creates or renames a script category. */
export const CategoryModal = ({
  open,
  category,
  onClose,
}: {
  open: boolean;
  category: TScriptCategory | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<TValues>();
  useEffect(() => {
    if (open) form.setFieldsValue({ name: category?.name ?? '', nameEn: category?.nameEn ?? '' });
  }, [open, category, form]);
  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body = { name: v.name.trim(), nameEn: v.nameEn?.trim() || null };
      return category
        ? api(`/api/script-categories/${category.id}`, { method: 'PATCH', body })
        : api('/api/script-categories', { method: 'POST', body });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['script-categories'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={category ? t('scripts.categories.rename') : t('scripts.categories.create')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'script-category-save' } as ButtonProps}
      destroyOnHidden
      forceRender
    >
      <Form<TValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('scripts.categories.name')}
          rules={[{ required: true, whitespace: true, message: t('scripts.categories.name') }]}
        >
          <Input maxLength={32} data-testid="script-category-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('scripts.categories.nameEn')}>
          <Input maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
