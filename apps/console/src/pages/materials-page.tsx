import {
  AppstoreOutlined,
  BarsOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  LinkOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Pagination,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { MaterialThumb, materialTypeIcon } from '../components/content-editor.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatDateTime } from '../lib/format.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TPage } from '../types.ts';
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
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const qc = useQueryClient();
  const [folder, setFolder] = useState<TFolderKey>('all');
  const [type, setType] = useState<TMaterialType | undefined>();
  const [tag, setTag] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(24);
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
  const list = useQuery({
    queryKey: ['materials', 'list', folder, type, tag, search, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TMaterial>>('/api/materials', {
        signal,
        query: { folderId: folder === 'all' ? undefined : folder, type, tag, q: search || undefined, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/api/materials/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('materials.deleted'));
      void qc.invalidateQueries({ queryKey: ['materials'] });
      void qc.invalidateQueries({ queryKey: ['material-folders'] });
    },
  });

  const folderItems = folders.data?.items ?? [];
  const filtered = !!search || type !== undefined || tag !== undefined || folder !== 'all';
  const items = list.data?.items ?? [];
  const empty = list.isSuccess && list.data.total === 0;
  const currentFolderId = typeof folder === 'number' && folder > 0 ? folder : null;
  const resetPage = () => setPage(1);

  const actions = (m: TMaterial) => (
    <Space size={4}>
      <Tooltip title={t('materials.preview')}>
        <Button
          size="small"
          type="text"
          icon={<EyeOutlined />}
          onClick={() => setPreviewing(m)}
          data-testid={`material-preview-${m.id}`}
        />
      </Tooltip>
      {canEdit ? (
        <>
          <Tooltip title={t('common.edit')}>
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              onClick={() => setFormMode({ kind: 'edit', material: m })}
              data-testid={`material-edit-${m.id}`}
            />
          </Tooltip>
          <Popconfirm
            title={t('materials.deleteConfirm', { title: m.title })}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(m.id)}
          >
            <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid={`material-delete-${m.id}`} />
          </Popconfirm>
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
        <Pagination
          current={page}
          pageSize={pageSize}
          total={list.data?.total ?? 0}
          showSizeChanger
          pageSizeOptions={[24, 48, 96, 192]}
          showTotal={(total) => t('common.total', { total })}
          onChange={(p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          }}
        />
      </Flex>
    </Spin>
  );

  const table = (
    <Table<TMaterial>
      rowKey="id"
      loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
      dataSource={items}
      locale={{ emptyText: <Empty description={t('materials.emptyFiltered')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [24, 48, 96, 192],
        showTotal: (total) => t('common.total', { total }),
        onChange: (p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        },
      }}
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
      <PageHeader
        title={t('materials.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <>
                <Button icon={<PlusOutlined />} onClick={() => setFormMode({ kind: 'link' })} data-testid="material-add-link">
                  {t('materials.addLink')}
                </Button>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setFormMode({ kind: 'miniprogram' })}
                  data-testid="material-add-mp"
                >
                  {t('materials.addMiniprogram')}
                </Button>
                <UploadButton folderId={currentFolderId} />
              </>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6} xl={5}>
          {folders.isError ? <QueryError error={folders.error} onRetry={() => void folders.refetch()} /> : null}
          <FolderTree
            folders={folderItems}
            value={folder}
            canEdit={canEdit}
            onChange={(key) => {
              setFolder(key);
              resetPage();
            }}
          />
        </Col>
        <Col xs={24} md={18} xl={19}>
          <Card>
            <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 16 }}>
              <Flex gap={8} wrap>
                <Input.Search
                  allowClear
                  value={q}
                  maxLength={100}
                  placeholder={t('materials.searchPlaceholder')}
                  style={{ width: 240 }}
                  onChange={(e) => {
                    setQ(e.target.value);
                    resetPage();
                  }}
                  data-testid="material-search"
                />
                <Select<TMaterialType>
                  allowClear
                  value={type}
                  placeholder={t('materials.typeFilter')}
                  style={{ width: 130 }}
                  onChange={(v) => {
                    setType(v);
                    resetPage();
                  }}
                  options={MATERIAL_TYPES.map((v) => ({ value: v, label: t(`materials.types.${v}`) }))}
                  data-testid="material-type-filter"
                />
                <Select<string>
                  allowClear
                  showSearch
                  value={tag}
                  placeholder={t('materials.tagFilter')}
                  style={{ width: 160 }}
                  onChange={(v) => {
                    setTag(v);
                    resetPage();
                  }}
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
            </Flex>
            {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
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
          </Card>
        </Col>
      </Row>
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
