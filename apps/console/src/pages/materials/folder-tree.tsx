import { DeleteOutlined, EditOutlined, FolderAddOutlined, FolderOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Card, Flex, Input, Modal, Popconfirm, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import type { TMaterialFolder } from './types.ts';

/** The folder filter: every material, materials in no folder (0), or one folder. */
export type TFolderKey = 'all' | number;

type TEditing = { mode: 'create'; parentId: number | null } | { mode: 'rename'; folder: TMaterialFolder };

const FolderModal = ({ editing, onClose }: { editing: TEditing | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () =>
      editing?.mode === 'rename'
        ? api(`/api/material-folders/${editing.folder.id}`, { method: 'PATCH', body: { name: name.trim() } })
        : api('/api/material-folders', { method: 'POST', body: { name: name.trim(), parentId: editing?.parentId ?? null } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['material-folders'] });
      onClose();
    },
  });
  return (
    <Modal
      open={editing !== null}
      title={
        editing?.mode === 'rename'
          ? t('materials.folders.rename')
          : editing?.parentId
            ? t('materials.folders.createChild')
            : t('materials.folders.create')
      }
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !name.trim(), 'data-testid': 'material-folder-save' } as ButtonProps}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      afterOpenChange={(open) => {
        if (open) setName(editing?.mode === 'rename' ? editing.folder.name : '');
      }}
      destroyOnHidden
    >
      <Input
        value={name}
        maxLength={32}
        autoFocus
        placeholder={t('materials.folders.name')}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={() => name.trim() && save.mutate()}
        data-testid="material-folder-name"
      />
    </Modal>
  );
};

const toTree = (folders: TMaterialFolder[], parentId: number | null): DataNode[] =>
  folders
    .filter((f) => f.parentId === parentId)
    .map((f) => ({
      key: String(f.id),
      icon: <FolderOutlined />,
      title: (
        <span>
          {f.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.materialCount}
          </Typography.Text>
        </span>
      ),
      children: toTree(folders, f.id),
    }));

/** The folder tree at the left of the materials page, with create / rename / delete for HQ. */
export const FolderTree = ({
  folders,
  value,
  onChange,
  canEdit,
}: {
  folders: TMaterialFolder[];
  value: TFolderKey;
  onChange: (key: TFolderKey) => void;
  canEdit: boolean;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<TEditing | null>(null);
  const current = typeof value === 'number' && value > 0 ? folders.find((f) => f.id === value) : undefined;
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/material-folders/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      onChange('all');
      void qc.invalidateQueries({ queryKey: ['material-folders'] });
    },
  });
  const treeData: DataNode[] = [
    { key: 'all', icon: <FolderOutlined />, title: t('materials.folders.all') },
    { key: '0', icon: <FolderOutlined />, title: t('materials.folders.none') },
    ...toTree(folders, null),
  ];
  return (
    <Card
      size="small"
      title={t('materials.fields.folder')}
      extra={
        canEdit ? (
          <Button
            size="small"
            type="text"
            icon={<PlusOutlined />}
            aria-label={t('materials.folders.create')}
            onClick={() => setEditing({ mode: 'create', parentId: null })}
            data-testid="material-folder-create"
          />
        ) : null
      }
    >
      <Tree
        showIcon
        blockNode
        defaultExpandAll
        selectedKeys={[String(value)]}
        treeData={treeData}
        onSelect={(keys) => {
          const key = keys[0];
          if (key === undefined) return;
          onChange(key === 'all' ? 'all' : Number(key));
        }}
        data-testid="material-folders"
      />
      {canEdit && current ? (
        <Flex gap={6} wrap style={{ marginTop: 8 }}>
          <Button size="small" icon={<FolderAddOutlined />} onClick={() => setEditing({ mode: 'create', parentId: current.id })}>
            {t('materials.folders.createChild')}
          </Button>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'rename', folder: current })}>
            {t('materials.folders.rename')}
          </Button>
          <Popconfirm
            title={t('materials.folders.deleteConfirm', { name: current.name })}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(current.id)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} data-testid="material-folder-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
      <FolderModal editing={editing} onClose={() => setEditing(null)} />
    </Card>
  );
};
