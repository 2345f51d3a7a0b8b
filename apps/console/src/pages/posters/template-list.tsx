import { DeleteOutlined, EditOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Modal,
  Pagination,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TPage } from '../../types.ts';
import { POSTER_USES, type TPosterDefaults, type TPosterTemplate, type TPosterUse } from './poster-api.ts';

const THUMB_WIDTH = 240;

/** Poster templates as a grid of thumbnails, with filters, paging and per-use defaults. */
export const TemplateList = ({ canEdit }: { canEdit: boolean }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [use, setUse] = useState<TPosterUse | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(12);
  // Roles that cannot edit open a template as a full-size preview instead.
  const [viewing, setViewing] = useState<TPosterTemplate | null>(null);
  const open = (tpl: TPosterTemplate) => (canEdit ? navigate(`/posters/${tpl.id}`) : setViewing(tpl));
  const list = useQuery({
    queryKey: ['poster-templates', use, q, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TPosterTemplate>>('/api/poster-templates', { signal, query: { use, q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/api/poster-templates/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('posters.deleted'));
      void qc.invalidateQueries({ queryKey: ['poster-templates'] });
      void qc.invalidateQueries({ queryKey: ['poster-defaults'] });
    },
  });
  const setDefault = useMutation({
    mutationFn: (v: { use: TPosterUse; templateId: number | null }) =>
      api<TPosterDefaults>('/api/poster-defaults', { method: 'PUT', body: v }),
    onSuccess: () => {
      void message.success(t('posters.defaultSaved'));
      void qc.invalidateQueries({ queryKey: ['poster-templates'] });
      void qc.invalidateQueries({ queryKey: ['poster-defaults'] });
    },
  });

  const items = list.data?.items ?? [];
  return (
    <>
      <Flex wrap gap={12} justify="space-between" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Select
            allowClear
            placeholder={t('posters.allUses')}
            value={use}
            style={{ width: 160 }}
            data-testid="poster-use-filter"
            onChange={(v) => {
              setUse(v);
              setPage(1);
            }}
            options={POSTER_USES.map((u) => ({ value: u, label: t(`posters.use.${u}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={t('posters.searchName')}
            value={search}
            style={{ width: 220 }}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        </Flex>
        {canEdit ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/posters/new')} data-testid="poster-new">
            {t('posters.newTemplate')}
          </Button>
        ) : null}
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <Empty description={q || use ? t('posters.emptyFiltered') : t('posters.empty')} style={{ padding: '48px 0' }}>
          {canEdit && !q && !use ? (
            <Button type="primary" onClick={() => navigate('/posters/new')}>
              {t('posters.newTemplate')}
            </Button>
          ) : null}
        </Empty>
      ) : null}
      <Flex wrap gap={16} data-testid="poster-template-grid">
        {items.map((tpl) => (
          <Card
            key={tpl.id}
            hoverable
            style={{ width: THUMB_WIDTH + 2 }}
            styles={{ body: { padding: 12 } }}
            loading={false}
            data-testid={`poster-template-${tpl.id}`}
            cover={
              <button
                type="button"
                onClick={() => open(tpl)}
                style={{ padding: 0, border: 0, background: '#f5f5f5', cursor: 'pointer' }}
                aria-label={t('posters.editTemplate', { name: tpl.name })}
              >
                <img
                  alt={tpl.name}
                  loading="lazy"
                  width={THUMB_WIDTH}
                  height={Math.round((tpl.layout.height * THUMB_WIDTH) / tpl.layout.width)}
                  style={{ display: 'block', objectFit: 'contain' }}
                  src={`/api/poster-templates/${tpl.id}/preview.png?width=${THUMB_WIDTH}&v=${tpl.version}`}
                />
              </button>
            }
            actions={
              canEdit
                ? [
                    <Tooltip key="edit" title={t('common.edit')}>
                      <EditOutlined onClick={() => navigate(`/posters/${tpl.id}`)} />
                    </Tooltip>,
                    <Popconfirm
                      key="delete"
                      title={t('posters.deleteConfirm', { name: tpl.name })}
                      description={tpl.defaultFor.length ? t('posters.deleteDefaultWarning') : undefined}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.mutate(tpl.id)}
                    >
                      <DeleteOutlined data-testid={`poster-delete-${tpl.id}`} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <Typography.Text strong ellipsis={{ tooltip: tpl.name }} style={{ display: 'block' }}>
              {tpl.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {tpl.layout.width}×{tpl.layout.height} · {formatDateTime(tpl.updatedAt)}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Space size={[4, 4]} wrap>
                {tpl.uses.map((u) => {
                  const isDefault = tpl.defaultFor.includes(u);
                  return canEdit ? (
                    <Tooltip key={u} title={isDefault ? t('posters.unsetDefaultHint') : t('posters.setDefaultHint')}>
                      <Tag
                        color={isDefault ? 'gold' : undefined}
                        icon={isDefault ? <StarOutlined /> : undefined}
                        style={{ cursor: 'pointer' }}
                        onClick={() => setDefault.mutate({ use: u, templateId: isDefault ? null : tpl.id })}
                      >
                        {t(`posters.use.${u}`)}
                      </Tag>
                    </Tooltip>
                  ) : (
                    <Tag key={u} color={isDefault ? 'gold' : undefined} icon={isDefault ? <StarOutlined /> : undefined}>
                      {t(`posters.use.${u}`)}
                    </Tag>
                  );
                })}
              </Space>
            </div>
          </Card>
        ))}
      </Flex>
      <Modal open={viewing !== null} footer={null} onCancel={() => setViewing(null)} title={viewing?.name} width={420}>
        {viewing ? (
          <img
            alt={viewing.name}
            style={{ width: '100%' }}
            src={`/api/poster-templates/${viewing.id}/preview.png?width=720&v=${viewing.version}`}
          />
        ) : null}
      </Modal>
      {(list.data?.total ?? 0) > 0 ? (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Pagination
            current={page}
            pageSize={pageSize}
            total={list.data?.total ?? 0}
            showSizeChanger
            pageSizeOptions={[12, 24, 48]}
            showTotal={(total) => t('common.total', { total })}
            onChange={(p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            }}
          />
        </Flex>
      ) : null}
    </>
  );
};
