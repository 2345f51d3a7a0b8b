import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ButtonProps, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ContentEditor, type TContentRefValue } from '../../components/content-editor.tsx';
import { type TScript, type TScriptCategory, unknownVariables } from '../materials/types.ts';
import { categoryName } from './category-name.ts';

type TValues = { categoryId: number; title: string; content: TContentRefValue; tags: string[]; enabled: boolean };

/** Creates or edits a script: category, title, text with variables (live preview) and materials, tags, enabled. */
export const ScriptEditor = ({
  open,
  script,
  categories,
  defaultCategoryId,
  onClose,
}: {
  open: boolean;
  script: TScript | null;
  categories: TScriptCategory[];
  defaultCategoryId: number | undefined;
  onClose: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<TValues>();

  useEffect(() => {
    if (!open) return;
    if (script)
      form.setFieldsValue({
        categoryId: script.categoryId,
        title: script.title,
        content: { text: script.body, materialIds: script.materialIds },
        tags: script.tags,
        enabled: script.enabled,
      });
    else {
      form.resetFields();
      form.setFieldsValue({ categoryId: defaultCategoryId, content: { text: '', materialIds: [] }, tags: [], enabled: true });
    }
  }, [open, script, form, defaultCategoryId]);

  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body = {
        categoryId: v.categoryId,
        title: v.title.trim(),
        body: (v.content.text ?? '').trim(),
        materialIds: v.content.materialIds,
        tags: v.tags ?? [],
        enabled: v.enabled,
      };
      return script
        ? api<TScript>(`/api/scripts/${script.id}`, { method: 'PATCH', body })
        : api<TScript>('/api/scripts', { method: 'POST', body });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['scripts'] });
      void qc.invalidateQueries({ queryKey: ['script-categories'] });
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={script ? t('scripts.edit') : t('scripts.create')}
      width={720}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'script-save' } as ButtonProps}
      destroyOnHidden
      forceRender
    >
      <Form<TValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="categoryId"
          label={t('scripts.fields.category')}
          rules={[{ required: true, message: t('scripts.required.category') }]}
        >
          <Select
            options={categories.map((c) => ({ value: c.id, label: categoryName(c, i18n.language) }))}
            data-testid="script-category"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('scripts.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('scripts.required.title') }]}
        >
          <Input maxLength={64} data-testid="script-title" />
        </Form.Item>
        <Form.Item
          name="content"
          label={t('scripts.fields.body')}
          rules={[
            {
              validator: async (_, v: TContentRefValue | undefined) => {
                if (!v?.text?.trim()) throw new Error(t('scripts.required.body'));
                if (unknownVariables(v.text).length > 0) throw new Error(t('materials.editor.unknownVariable'));
              },
            },
          ]}
        >
          <ContentEditor allowScript={false} rows={6} data-testid="script-body" />
        </Form.Item>
        <Form.Item name="tags" label={t('scripts.fields.tags')} extra={t('materials.hints.tags')}>
          <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} open={false} />
        </Form.Item>
        <Form.Item name="enabled" label={t('scripts.fields.enabled')} valuePropName="checked">
          <Switch checkedChildren={t('scripts.enabled')} unCheckedChildren={t('scripts.disabled')} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
