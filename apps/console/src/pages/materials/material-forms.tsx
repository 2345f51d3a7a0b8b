import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ButtonProps, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { TMaterial, TMaterialFolder } from './types.ts';

type TFormValues = {
  title: string;
  folderId?: number | null;
  tags?: string[];
  description?: string;
  linkUrl?: string;
  picUrl?: string;
  appId?: string;
  pagePath?: string;
};

/** Folders as TreeSelect data. */
export const folderTreeData = (folders: TMaterialFolder[], parentId: number | null = null): object[] =>
  folders
    .filter((f) => f.parentId === parentId)
    .map((f) => ({ value: f.id, title: f.name, children: folderTreeData(folders, f.id) }));

export type TMaterialFormMode = { kind: 'link' } | { kind: 'miniprogram' } | { kind: 'edit'; material: TMaterial };

/**
 * Creates a link or mini-program card, or edits any material's title, folder, tags and description
 * (and the card fields of links and mini programs).
 */
export const MaterialFormModal = ({
  mode,
  folders,
  defaultFolderId,
  onClose,
}: {
  mode: TMaterialFormMode | null;
  folders: TMaterialFolder[];
  defaultFolderId: number | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<TFormValues>();
  const type = mode?.kind === 'edit' ? mode.material.type : mode?.kind;
  const isLink = type === 'link';
  const isMp = type === 'miniprogram';

  useEffect(() => {
    if (!mode) return;
    if (mode.kind === 'edit') {
      const m = mode.material;
      form.setFieldsValue({
        title: m.title,
        folderId: m.folderId,
        tags: m.tags,
        description: m.description ?? '',
        linkUrl: m.linkUrl ?? undefined,
        picUrl: m.picUrl ?? undefined,
        appId: m.appId ?? undefined,
        pagePath: m.pagePath ?? undefined,
      });
    } else {
      form.resetFields();
      form.setFieldsValue({ folderId: defaultFolderId });
    }
  }, [mode, form, defaultFolderId]);

  const save = useMutation({
    mutationFn: (v: TFormValues) => {
      const common = {
        title: v.title.trim(),
        folderId: v.folderId ?? null,
        tags: v.tags ?? [],
        description: v.description?.trim() || null,
      };
      const card = {
        ...(isLink ? { linkUrl: v.linkUrl?.trim() } : {}),
        ...(isMp ? { appId: v.appId?.trim(), pagePath: v.pagePath?.trim() } : {}),
        ...(isLink || isMp ? { picUrl: v.picUrl?.trim() || null } : {}),
      };
      if (mode?.kind === 'edit')
        return api<TMaterial>(`/api/materials/${mode.material.id}`, { method: 'PATCH', body: { ...common, ...card } });
      return api<TMaterial>('/api/materials', { method: 'POST', body: { type, ...common, ...card } });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['materials'] });
      void qc.invalidateQueries({ queryKey: ['material-folders'] });
      onClose();
    },
  });

  const title =
    mode?.kind === 'edit'
      ? t('materials.edit')
      : mode?.kind === 'miniprogram'
        ? t('materials.addMiniprogram')
        : t('materials.addLink');
  return (
    <Modal
      open={mode !== null}
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'material-form-save' } as ButtonProps}
      destroyOnHidden
      forceRender
    >
      <Form<TFormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="title"
          label={t('materials.fields.title')}
          extra={t('materials.hints.title')}
          rules={[{ required: true, whitespace: true, message: t('materials.required.title') }]}
        >
          <Input maxLength={isMp ? 64 : 128} data-testid="material-form-title" />
        </Form.Item>
        {isLink ? (
          <Form.Item
            name="linkUrl"
            label={t('materials.fields.linkUrl')}
            rules={[{ required: true, pattern: /^https?:\/\/\S+$/i, message: t('materials.required.linkUrl') }]}
          >
            <Input maxLength={2048} placeholder="https://" data-testid="material-form-url" />
          </Form.Item>
        ) : null}
        {isMp ? (
          <>
            <Form.Item
              name="appId"
              label={t('materials.fields.appId')}
              extra={t('materials.hints.appId')}
              rules={[{ required: true, pattern: /^wx[0-9a-f]{16}$/i, message: t('materials.required.appId') }]}
            >
              <Input maxLength={18} data-testid="material-form-appid" />
            </Form.Item>
            <Form.Item
              name="pagePath"
              label={t('materials.fields.pagePath')}
              extra={t('materials.hints.pagePath')}
              rules={[{ required: true, whitespace: true, message: t('materials.required.pagePath') }]}
            >
              <Input maxLength={1024} data-testid="material-form-page" />
            </Form.Item>
          </>
        ) : null}
        {isLink || isMp ? (
          <Form.Item
            name="picUrl"
            label={t('materials.fields.picUrl')}
            rules={[{ pattern: /^https?:\/\/\S+$/i, message: t('materials.required.linkUrl') }]}
          >
            <Input maxLength={2048} placeholder="https://" />
          </Form.Item>
        ) : null}
        <Form.Item name="folderId" label={t('materials.fields.folder')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={folderTreeData(folders)}
            placeholder={t('materials.folders.none')}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('materials.fields.tags')} extra={t('materials.hints.tags')}>
          <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} open={false} />
        </Form.Item>
        <Form.Item name="description" label={t('materials.fields.description')}>
          <Input.TextArea rows={2} maxLength={512} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
