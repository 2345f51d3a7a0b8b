import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { canManageTenant, useSession } from '../lib/session.ts';
import type { TPage, TTag, TTagGroup } from '../types.ts';

const PAGE_SIZE = 30;

type TNameForm = { name: string; sort?: number };

type TEditing = { kind: 'newGroup' } | { kind: 'group'; group: TTagGroup } | { kind: 'tag'; tag: TTag } | null;

const NameModal = ({
  editing,
  onClose,
  onSubmit,
  saving,
}: {
  editing: TEditing;
  onClose: () => void;
  onSubmit: (v: TNameForm) => void;
  saving: boolean;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<TNameForm>();
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.kind === 'group') form.setFieldsValue({ name: editing.group.name, sort: editing.group.sort });
    if (editing.kind === 'tag') form.setFieldsValue({ name: editing.tag.name });
  }, [editing, form]);
  const title =
    editing?.kind === 'newGroup' ? t('tags.newGroup') : editing?.kind === 'group' ? t('tags.editGroup') : t('tags.renameTag');
  return (
    <Modal
      open={editing !== null}
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => onSubmit({ ...v, name: v.name.trim() }))
          .catch(() => undefined)
      }
    >
      <Form<TNameForm> form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('common.name')}
          rules={[
            { required: true, whitespace: true, message: t('tags.nameRequired') },
            { max: 30, message: t('tags.nameTooLong') },
          ]}
        >
          <Input maxLength={30} autoFocus data-testid="tag-name-input" />
        </Form.Item>
        {editing?.kind === 'group' ? (
          <Form.Item name="sort" label={t('tags.sort')} extra={t('tags.sortHint')}>
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
};

const AddTagInput = ({ groupId, onAdded }: { groupId: number; onAdded: () => void }) => {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const add = useMutation({
    mutationFn: (n: string) => api<TTag>('/api/tags', { method: 'POST', body: { groupId, name: n } }),
    onSuccess: () => {
      setName('');
      onAdded();
    },
  });
  const submit = () => {
    const n = name.trim();
    if (n) add.mutate(n);
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        value={name}
        maxLength={30}
        placeholder={t('tags.newTagPlaceholder')}
        onChange={(e) => setName(e.target.value)}
        onPressEnter={submit}
      />
      <Button icon={<PlusOutlined />} onClick={submit} loading={add.isPending} disabled={!name.trim()}>
        {t('common.add')}
      </Button>
    </Space.Compact>
  );
};

export const TagsPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const groups = useQuery({
    queryKey: ['tag-groups', 'page', page],
    queryFn: ({ signal }) => api<TPage<TTagGroup>>('/api/tag-groups', { signal, query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<TEditing>(null);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['tag-groups'] });
    void qc.invalidateQueries({ queryKey: ['customers'] });
    void qc.invalidateQueries({ queryKey: ['customer'] });
  };

  const save = useMutation({
    mutationFn: async (v: TNameForm) => {
      if (!editing) return;
      if (editing.kind === 'newGroup') await api('/api/tag-groups', { method: 'POST', body: { name: v.name } });
      if (editing.kind === 'group') {
        await api(`/api/tag-groups/${editing.group.id}`, { method: 'PATCH', body: { name: v.name, sort: v.sort } });
      }
      if (editing.kind === 'tag') await api(`/api/tags/${editing.tag.id}`, { method: 'PATCH', body: { name: v.name } });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      setEditing(null);
      refresh();
    },
  });

  const removeGroup = useMutation({
    mutationFn: (id: number) => api<void>(`/api/tag-groups/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      refresh();
    },
  });
  const removeTag = useMutation({
    mutationFn: (id: number) => api<void>(`/api/tags/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      refresh();
    },
  });

  const items = [...(groups.data?.items ?? [])].sort((a, b) => a.sort - b.sort || a.id - b.id);

  return (
    <>
      <PageHeader
        title={t('tags.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void groups.refetch()} loading={groups.isFetching}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'newGroup' })}>
                {t('tags.newGroup')}
              </Button>
            ) : null}
          </>
        }
      />
      {groups.isError ? <QueryError error={groups.error} onRetry={() => void groups.refetch()} /> : null}
      {groups.isPending ? <Skeleton active /> : null}
      {groups.isSuccess && items.length === 0 ? (
        <Card>
          <Empty description={t('tags.empty')}>
            {canEdit ? (
              <Button type="primary" onClick={() => setEditing({ kind: 'newGroup' })}>
                {t('tags.newGroup')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {items.map((g) => {
          const carriers = g.tags.reduce((n, tag) => n + tag.customerCount, 0);
          return (
            <Col key={g.id} xs={24} md={12} xl={8}>
              <Card
                title={g.name}
                data-testid={`tag-group-${g.id}`}
                extra={
                  canEdit ? (
                    <Space size={0}>
                      <Tooltip title={t('tags.editGroup')}>
                        <Button
                          type="text"
                          icon={<EditOutlined />}
                          onClick={() => setEditing({ kind: 'group', group: g })}
                          aria-label={t('tags.editGroup')}
                        />
                      </Tooltip>
                      <Popconfirm
                        title={t('tags.deleteGroupTitle', { name: g.name })}
                        description={t('tags.deleteGroupBody', { tags: g.tags.length, customers: carriers })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => removeGroup.mutateAsync(g.id).catch(() => undefined)}
                      >
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('tags.deleteGroup')} />
                      </Popconfirm>
                    </Space>
                  ) : null
                }
              >
                <Flex vertical gap={8}>
                  {g.tags.length === 0 ? <Typography.Text type="secondary">{t('tags.noTags')}</Typography.Text> : null}
                  {g.tags.map((tag) => (
                    <Flex key={tag.id} align="center" justify="space-between" gap={8} data-testid={`tag-${tag.id}`}>
                      <Flex align="center" gap={6} style={{ minWidth: 0 }}>
                        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                          {tag.name}
                        </Tag>
                        {tag.source && tag.source !== 'manual' ? (
                          <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                            {t(`tags.sources.${tag.source}`, { defaultValue: tag.source })}
                          </Tag>
                        ) : null}
                      </Flex>
                      <Flex align="center" gap={4}>
                        <Typography.Text type="secondary">
                          {t('tags.customerCount', { count: tag.customerCount })}
                        </Typography.Text>
                        {canEdit ? (
                          <>
                            <Button
                              type="text"
                              size="small"
                              icon={<EditOutlined />}
                              onClick={() => setEditing({ kind: 'tag', tag })}
                              aria-label={t('tags.renameTag')}
                            />
                            <Popconfirm
                              title={t('tags.deleteTagTitle', { name: tag.name })}
                              description={t('tags.deleteTagBody', { count: tag.customerCount })}
                              okText={t('common.delete')}
                              cancelText={t('common.cancel')}
                              okButtonProps={{ danger: true }}
                              onConfirm={() => removeTag.mutateAsync(tag.id).catch(() => undefined)}
                            >
                              <Button
                                type="text"
                                size="small"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label={t('tags.deleteTag')}
                              />
                            </Popconfirm>
                          </>
                        ) : null}
                      </Flex>
                    </Flex>
                  ))}
                  {canEdit ? <AddTagInput groupId={g.id} onAdded={refresh} /> : null}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
      {(groups.data?.total ?? 0) > PAGE_SIZE ? (
        <Flex justify="flex-end" style={{ marginTop: 16 }}>
          <Pagination current={page} pageSize={PAGE_SIZE} total={groups.data?.total ?? 0} onChange={setPage} />
        </Flex>
      ) : null}
      <NameModal editing={editing} onClose={() => setEditing(null)} onSubmit={(v) => save.mutate(v)} saving={save.isPending} />
    </>
  );
};
