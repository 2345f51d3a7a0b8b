import { AppstoreOutlined, BarsOutlined, EditOutlined, EyeOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Pagination,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ConfirmDeleteButton } from '../components/confirm-delete-button.tsx';
import { MaterialThumb, materialTypeIcon } from '../components/content-editor.tsx';
import { QueryError } from '../components/query-error.tsx';
import { SideFilterPage } from '../components/side-filter-page.tsx';
import { TooltipIconButton } from '../components/tooltip-icon-button.tsx';
import { formatDateTime } from '../lib/format.ts';
import { pagedTableProps } from '../lib/paged-table-props.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDeleteMutation } from '../lib/use-delete-mutation.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { FolderTree, type TFolderKey } from './materials/folder-tree.tsx';
import { MaterialFormModal, type TMaterialFormMode } from './materials/material-forms.tsx';
import { MaterialPreview } from './materials/material-preview.tsx';
import {
  formatBytes,
  isImageMaterial,
  MATERIAL_TYPES,
  type TMaterial,
  type TMaterialFolder,
  type TMaterialType,
} from './materials/types.ts';
import { UploadButton } from './materials/upload-button.tsx';

type TView = 'grid' | 'table';

export const MaterialsPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const paged = usePagedList<TMaterial, { folder: TFolderKey; type?: TMaterialType; tag?: string }>({
    key: ['materials', 'list'],
    endpoint: '/api/materials',
    filters: { folder: 'all' },
    toQuery: ({ folder, type, tag }) => ({ folderId: folder === 'all' ? undefined : folder, type, tag }),
    paging: { pageSize: 24, pageSizeOptions: [24, 48, 96, 192], firstPageOnResize: true },
  });
  const {
    list,
    paging,
    q: search,
    filters: { folder, type, tag },
    setFilters,
  } = paged;
  const [view, setView] = useState<TView>('grid');
  const [previewing, setPreviewing] = useState<TMaterial | null>(null);
  const [formMode, setFormMode] = useState<TMaterialFormMode | null>(null);

  const folders = useQuery({
    queryKey: ['material-folders'],
    queryFn: ({ signal }) => api<{ items: TMaterialFolder[] }>('/api/material-folders', { signal }),
  });
  const tags = useQuery({
    queryKey: ['materials', 'tags'],
    queryFn: ({ signal }) => api<{ items: string[] }>('/api/materials/tags', { signal }),
  });
  const remove = useDeleteMutation({
    path: (id) => `/api/materials/${id}`,
    message: t('materials.deleted'),
    invalidate: [['materials'], ['material-folders']],
  });

  const folderItems = folders.data?.items ?? [];
  const filtered = !!search || type !== undefined || tag !== undefined || folder !== 'all';
  const items = list.data?.items ?? [];
  const empty = list.isSuccess && list.data.total === 0;
  const currentFolderId = typeof folder === 'number' && folder > 0 ? folder : null;

  const actions = (m: TMaterial) => (
    <Space size={4}>
      <TooltipIconButton
        title={t('materials.preview')}
        icon={<EyeOutlined />}
        onClick={() => setPreviewing(m)}
        testId={`material-preview-${m.id}`}
      />
      {canEdit ? (
        <>
          <TooltipIconButton
            title={t('common.edit')}
            icon={<EditOutlined />}
            onClick={() => setFormMode({ kind: 'edit', material: m })}
            testId={`material-edit-${m.id}`}
          />
          <ConfirmDeleteButton
            title={t('materials.deleteConfirm', { title: m.title })}
            onConfirm={() => remove.mutate(m.id)}
            icon
            type="text"
            testId={`material-delete-${m.id}`}
          />
        </>
      ) : null}
    </Space>
  );

  const grid = (
    <Spin spinning={list.isFetching && list.isPlaceholderData}>
      <Row gutter={[12, 12]}>
        {items.map((m) => (
          <Col key={m.id} xs={12} sm={8} lg={6} xxl={4}>
            <Card
              size="small"
              hoverable
              data-testid={`material-card-${m.id}`}
              cover={
                <button
                  type="button"
                  onClick={() => setPreviewing(m)}
                  style={{ height: 140, border: 'none', padding: 0, cursor: 'pointer', background: '#fafafa' }}
                >
                  {isImageMaterial(m) && m.fileUrl ? (
                    <img
                      src={m.fileUrl}
                      alt={m.title}
                      loading="lazy"
                      style={{ width: '100%', height: 140, objectFit: 'cover' }}
                    />
                  ) : (
                    <Flex vertical align="center" justify="center" style={{ height: 140, fontSize: 36, color: '#8c8c8c' }}>
                      {materialTypeIcon(m.type)}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                        {m.fileName ?? m.linkUrl ?? m.pagePath ?? ''}
                      </Typography.Text>
                    </Flex>
                  )}
                </button>
              }
              actions={[actions(m)]}
            >
              <Typography.Text strong ellipsis={{ tooltip: m.title }} style={{ display: 'block' }}>
                {m.title}
              </Typography.Text>
              <Flex justify="space-between" align="center">
                <Tag>{t(`materials.types.${m.type}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('materials.fields.usageCount')} {m.usageCount}
                </Typography.Text>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      {items.length === 0 && filtered ? <Empty description={t('materials.emptyFiltered')} /> : null}
      <Flex justify="end" style={{ marginTop: 16 }}>
        <Pagination {...paging.pagination(list.data?.total ?? 0)} />
      </Flex>
    </Spin>
  );

  const table = (
    <Table<TMaterial>
      {...pagedTableProps(paged)}
      locale={{ emptyText: <Empty description={t('materials.emptyFiltered')} /> }}
      columns={[
        { key: 'thumb', width: 64, render: (_, m) => <MaterialThumb material={m} size={44} /> },
        {
          title: t('materials.fields.title'),
          key: 'title',
          render: (_, m) => (
            <Flex vertical>
              <Typography.Link onClick={() => setPreviewing(m)}>{m.title}</Typography.Link>
              <Space size={2} wrap>
                {m.tags.map((x) => (
                  <Tag key={x}>{x}</Tag>
                ))}
              </Space>
            </Flex>
          ),
        },
        {
          title: t('materials.fields.type'),
          dataIndex: 'type',
          width: 100,
          render: (v: TMaterialType) => t(`materials.types.${v}`),
        },
        {
          title: t('materials.fields.size'),
          key: 'size',
          width: 100,
          render: (_, m) => (m.byteSize ? formatBytes(m.byteSize) : m.type === 'link' ? <LinkOutlined /> : '—'),
        },
        { title: t('materials.fields.usageCount'), dataIndex: 'usageCount', width: 90 },
        { title: t('materials.fields.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
        { title: t('common.actions'), key: 'actions', width: 120, render: (_, m) => actions(m) },
      ]}
    />
  );

  return (
    <>
      <SideFilterPage
        title={t('materials.title')}
        list={list}
        actions={
          canEdit ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'link' })} data-testid="material-add-link">
                {t('materials.addLink')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'miniprogram' })} data-testid="material-add-mp">
                {t('materials.addMiniprogram')}
              </Button>
              <UploadButton folderId={currentFolderId} />
            </>
          ) : null
        }
        side={
          <>
            {folders.isError ? <QueryError error={folders.error} onRetry={() => void folders.refetch()} /> : null}
            <FolderTree folders={folderItems} value={folder} canEdit={canEdit} onChange={(key) => setFilters({ folder: key })} />
          </>
        }
        toolbarJustify="space-between"
        toolbar={
          <>
            <Flex gap={8} wrap>
              <Input.Search
                allowClear
                {...paged.searchProps}
                maxLength={100}
                placeholder={t('materials.searchPlaceholder')}
                style={{ width: 240 }}
                data-testid="material-search"
              />
              <Select<TMaterialType>
                allowClear
                value={type}
                placeholder={t('materials.typeFilter')}
                style={{ width: 130 }}
                onChange={(v) => setFilters({ type: v })}
                options={MATERIAL_TYPES.map((v) => ({ value: v, label: t(`materials.types.${v}`) }))}
                data-testid="material-type-filter"
              />
              <Select<string>
                allowClear
                showSearch
                value={tag}
                placeholder={t('materials.tagFilter')}
                style={{ width: 160 }}
                onChange={(v) => setFilters({ tag: v })}
                options={(tags.data?.items ?? []).map((x) => ({ value: x, label: x }))}
                data-testid="material-tag-filter"
              />
            </Flex>
            <Segmented<TView>
              value={view}
              onChange={setView}
              options={[
                { value: 'grid', icon: <AppstoreOutlined />, label: t('materials.grid') },
                { value: 'table', icon: <BarsOutlined />, label: t('materials.table') },
              ]}
            />
          </>
        }
      >
        {list.isPending ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : empty && !filtered ? (
          <Empty description={t('materials.empty')} data-testid="materials-empty">
            {canEdit ? (
              <Flex gap={8} justify="center" wrap>
                <UploadButton folderId={currentFolderId} />
                <Button onClick={() => setFormMode({ kind: 'link' })}>{t('materials.addLink')}</Button>
              </Flex>
            ) : null}
          </Empty>
        ) : view === 'grid' ? (
          grid
        ) : (
          table
        )}
      </SideFilterPage>
      <MaterialPreview material={previewing} onClose={() => setPreviewing(null)} />
      <MaterialFormModal
        mode={formMode}
        folders={folderItems}
        defaultFolderId={currentFolderId}
        onClose={() => setFormMode(null)}
      />
    </>
  );
};
