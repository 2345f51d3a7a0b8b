import {
  AppstoreAddOutlined,
  EditOutlined,
  FolderOutlined,
  PlusOutlined,
  QrcodeOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Image, Input, Modal, Popover, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { api } from '../api.ts';
import { ConfirmDeleteButton } from '../components/confirm-delete-button.tsx';
import { CountLabel, FilterMenuCard } from '../components/filter-menu-card.tsx';
import { SideFilterPage } from '../components/side-filter-page.tsx';
import { formatNumber } from '../lib/format.ts';
import { pagedTableProps } from '../lib/paged-table-props.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDeleteMutation } from '../lib/use-delete-mutation.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { BatchCreate } from './live-codes/batch-create.tsx';
import { LiveCodeDetail } from './live-codes/live-code-detail.tsx';
import { LiveCodeForm } from './live-codes/live-code-form.tsx';
import { StatusTag } from './live-codes/status-tag.tsx';
import { qrImageSrc, type TFolder, type TLiveCode, type TLiveCodeStatus } from './live-codes/types.ts';

// The folder filter: every code, codes in no folder (0), or one folder.
type TFolderKey = 'all' | number;

const FolderModal = ({
  folder,
  open,
  onClose,
  onSaved,
}: {
  folder: TFolder | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () =>
      folder
        ? api(`/api/live-code-folders/${folder.id}`, { method: 'PATCH', body: { name: name.trim() } })
        : api('/api/live-code-folders', { method: 'POST', body: { name: name.trim() } }),
    onSuccess: onSaved,
  });
  return (
    <Modal
      open={open}
      title={folder ? t('liveCodes.folders.rename') : t('liveCodes.folders.create')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !name.trim() }}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      afterOpenChange={(visible) => {
        if (visible) setName(folder?.name ?? '');
      }}
      destroyOnHidden
    >
      <Input
        value={name}
        maxLength={32}
        autoFocus
        placeholder={t('liveCodes.folders.namePlaceholder')}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={() => name.trim() && save.mutate()}
      />
    </Modal>
  );
};

const QrPopover = ({ code }: { code: TLiveCode }) => {
  const { t } = useTranslation();
  if (!code.qrCode) {
    return (
      <Tooltip title={code.status === 'archived' ? t('liveCodes.qr.archived') : t('liveCodes.qr.pending')}>
        <Button size="small" icon={<QrcodeOutlined />} disabled />
      </Tooltip>
    );
  }
  return (
    <Popover
      trigger="click"
      content={
        <Flex vertical align="center" gap={8}>
          <Image src={qrImageSrc(code.qrCode, 360)} width={180} height={180} alt={code.name} preview={false} />
          <Typography.Text type="secondary">{t('liveCodes.qr.hint')}</Typography.Text>
        </Flex>
      }
    >
      <Button size="small" icon={<QrcodeOutlined />} aria-label={t('liveCodes.qr.title')} />
    </Popover>
  );
};

const LiveCodeList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const qc = useQueryClient();
  const paged = usePagedList<TLiveCode, { folder: TFolderKey; status?: TLiveCodeStatus }>({
    key: 'live-codes',
    endpoint: '/api/live-codes',
    filters: { folder: 'all' },
    toQuery: ({ folder, status }) => ({ folderId: folder === 'all' ? undefined : folder, status }),
    paging: { pageSizeOptions: [20, 50, 100, 200], firstPageOnResize: true },
    refetchInterval: 60_000,
  });
  const {
    list,
    q: search,
    filters: { folder, status },
    setFilters,
  } = paged;
  const [editing, setEditing] = useState<TLiveCode | 'new' | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const [folderEditing, setFolderEditing] = useState<TFolder | 'new' | null>(null);

  const folders = useQuery({
    queryKey: ['live-code-folders'],
    queryFn: ({ signal }) => api<{ items: TFolder[] }>('/api/live-code-folders', { signal }),
  });
  const invalidate = [['live-codes'], ['live-code-folders']];
  const refresh = () => {
    for (const queryKey of invalidate) void qc.invalidateQueries({ queryKey });
  };
  const remove = useDeleteMutation({ path: (id) => `/api/live-codes/${id}`, message: t('common.deleted'), invalidate });
  const removeFolder = useDeleteMutation({
    path: (id) => `/api/live-code-folders/${id}`,
    message: t('common.deleted'),
    invalidate,
    onSuccess: () => setFilters({ folder: 'all' }),
  });

  const folderItems = folders.data?.items ?? [];
  const filtered = !!search || status !== undefined || folder !== 'all';
  const empty = list.isSuccess && list.data.total === 0;
  const currentFolder = typeof folder === 'number' ? folderItems.find((f) => f.id === folder) : undefined;

  return (
    <>
      <SideFilterPage
        title={t('liveCodes.title')}
        list={list}
        actions={
          canEdit ? (
            <>
              <Button icon={<AppstoreAddOutlined />} onClick={() => setBatchOpen(true)} data-testid="live-code-batch">
                {t('liveCodes.batch.button')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="live-code-create">
                {t('liveCodes.create')}
              </Button>
            </>
          ) : null
        }
        intro={t('liveCodes.intro')}
        side={
          <FilterMenuCard
            title={t('liveCodes.folders.title')}
            create={canEdit ? { label: t('liveCodes.folders.create'), onClick: () => setFolderEditing('new') } : undefined}
            query={folders}
            selectedKey={String(folder)}
            onSelect={(key) => setFilters({ folder: key === 'all' ? 'all' : Number(key) })}
            items={[
              { key: 'all', icon: <FolderOutlined />, label: t('liveCodes.folders.all') },
              { key: '0', icon: <FolderOutlined />, label: t('liveCodes.folders.none') },
              ...folderItems.map((f) => ({
                key: String(f.id),
                icon: <FolderOutlined />,
                label: <CountLabel name={f.name} count={f.codeCount} />,
              })),
            ]}
            selected={
              canEdit && currentFolder
                ? {
                    editLabel: t('liveCodes.folders.rename'),
                    onEdit: () => setFolderEditing(currentFolder),
                    deleteTitle: t('liveCodes.folders.deleteConfirm', { name: currentFolder.name }),
                    onDelete: () => removeFolder.mutate(currentFolder.id),
                  }
                : undefined
            }
          />
        }
        toolbar={
          <>
            <Input.Search
              allowClear
              {...paged.searchProps}
              maxLength={64}
              placeholder={t('liveCodes.searchPlaceholder')}
              style={{ width: 260 }}
              data-testid="live-code-search"
            />
            <Select<TLiveCodeStatus>
              allowClear
              value={status}
              placeholder={t('common.status')}
              style={{ width: 140 }}
              onChange={(v) => setFilters({ status: v })}
              options={(['active', 'paused', 'archived'] as const).map((s) => ({
                value: s,
                label: t(`liveCodes.status.${s}`),
              }))}
            />
          </>
        }
      >
        {empty && !filtered ? (
          <Empty description={t('liveCodes.empty')}>
            {canEdit ? (
              <Flex gap={8} justify="center">
                <Button type="primary" onClick={() => setEditing('new')}>
                  {t('liveCodes.create')}
                </Button>
                <Button onClick={() => setBatchOpen(true)}>{t('liveCodes.batch.button')}</Button>
              </Flex>
            ) : null}
          </Empty>
        ) : (
          <Table<TLiveCode>
            {...pagedTableProps(paged)}
            locale={{ emptyText: <Empty description={t('liveCodes.noMatch')} /> }}
            columns={[
              {
                title: t('liveCodes.fields.name'),
                key: 'name',
                render: (_, c) => (
                  <Flex gap={6} align="center">
                    <Link to={`/live-codes/${c.id}`}>{c.name}</Link>
                    {c.syncError ? (
                      <Tooltip title={c.syncError}>
                        <WarningOutlined style={{ color: '#ff4d4f' }} />
                      </Tooltip>
                    ) : c.appliedMode === 'fallback' ? (
                      <Tooltip title={t('liveCodes.fallbackWarning')}>
                        <WarningOutlined style={{ color: '#faad14' }} />
                      </Tooltip>
                    ) : null}
                  </Flex>
                ),
              },
              { title: t('liveCodes.fields.channel'), dataIndex: 'channelName', key: 'channel' },
              {
                title: t('liveCodes.fields.pool'),
                key: 'pool',
                render: (_, c) => (
                  <Flex gap={4} wrap>
                    {c.pool.slice(0, 4).map((m) => (
                      <Tag
                        key={m.staffId}
                        color={!m.active ? 'red' : c.appliedStaff.some((s) => s.staffId === m.staffId) ? 'geekblue' : 'default'}
                      >
                        {m.name}
                        {m.weight !== 1 ? ` ×${m.weight}` : ''}
                      </Tag>
                    ))}
                    {c.pool.length > 4 ? <Tag>+{c.pool.length - 4}</Tag> : null}
                  </Flex>
                ),
              },
              {
                title: t('liveCodes.list.onWay'),
                key: 'applied',
                render: (_, c) =>
                  c.appliedStaff.length ? (
                    <Typography.Text>
                      {c.appliedMode && c.appliedMode !== 'pool' ? (
                        <Tag color={c.appliedMode === 'backup' ? 'orange' : 'red'}>
                          {t(`liveCodes.routing.mode.${c.appliedMode}`)}
                        </Tag>
                      ) : null}
                      {c.appliedStaff.map((s) => s.name).join(t('common.listSep'))}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('liveCodes.list.todayAdds'),
                dataIndex: 'todayAdds',
                key: 'today',
                align: 'right',
                render: (v: number) => formatNumber(v),
              },
              { title: t('common.status'), key: 'status', render: (_, c) => <StatusTag status={c.status} /> },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, c) => (
                  <Flex gap={4}>
                    <QrPopover code={c} />
                    {canEdit ? (
                      <>
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setEditing(c)}
                        />
                        <ConfirmDeleteButton
                          title={t('liveCodes.actions.deleteConfirm', { name: c.name })}
                          onConfirm={() => remove.mutate(c.id)}
                          icon
                        />
                      </>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </SideFilterPage>
      <LiveCodeForm
        open={editing !== null}
        code={editing === 'new' ? null : editing}
        folders={folderItems}
        defaultFolderId={typeof folder === 'number' && folder > 0 ? folder : null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
      <BatchCreate open={batchOpen} folders={folderItems} onClose={() => setBatchOpen(false)} onDone={refresh} />
      <FolderModal
        open={folderEditing !== null}
        folder={folderEditing === 'new' ? null : folderEditing}
        onClose={() => setFolderEditing(null)}
        onSaved={() => {
          setFolderEditing(null);
          void message.success(t('common.saved'));
          refresh();
        }}
      />
    </>
  );
};

/** Staff live codes (渠道活码): the list with folders, and one code's page at /live-codes/:id. */
export const LiveCodesPage = () => (
  <Routes>
    <Route index element={<LiveCodeList />} />
    <Route path=":id" element={<LiveCodeDetail />} />
  </Routes>
);
