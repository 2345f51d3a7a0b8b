import { ArrowLeftOutlined, ExperimentOutlined, SyncOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api.ts';
import { CustomerDrawer } from '../components/customer-drawer.tsx';
import { GroupStatusTag } from '../components/group-status-tag.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatDateTime } from '../lib/format.ts';
import type { TGroup, TGroupMember, TGroupMessage, TPage } from '../types.ts';

const MESSAGES_REFRESH_MS = 3000;

const senderColor: Record<TGroupMessage['senderType'], string> = { customer: 'default', staff: 'blue', pond: 'purple' };

const Members = ({ groupId, onCustomer }: { groupId: number; onCustomer: (id: number) => void }) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [includeLeft, setIncludeLeft] = useState(false);
  const q = useQuery({
    queryKey: ['group', groupId, 'members', page, pageSize, includeLeft],
    queryFn: ({ signal }) =>
      api<TPage<TGroupMember>>(`/api/groups/${groupId}/members`, {
        signal,
        query: { page, pageSize, includeLeft: includeLeft || undefined },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title={t('groups.memberList')}
      extra={
        <Checkbox
          checked={includeLeft}
          onChange={(e) => {
            setIncludeLeft(e.target.checked);
            setPage(1);
          }}
        >
          {t('groups.includeLeft')}
        </Checkbox>
      }
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<TGroupMember>
        size="small"
        rowKey="id"
        data-testid="group-members"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: q.isPending ? ' ' : t('groups.noMembers') }}
        columns={[
          {
            title: t('common.name'),
            dataIndex: 'name',
            render: (v: string, r) =>
              r.customerId ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => r.customerId && onCustomer(r.customerId)}>
                  {v}
                </Button>
              ) : (
                v
              ),
          },
          {
            title: t('groups.memberType'),
            dataIndex: 'memberType',
            render: (v: TGroupMember['memberType']) => (
              <Tag color={v === 'staff' ? 'blue' : 'default'}>{t(`groups.memberTypes.${v}`)}</Tag>
            ),
          },
          {
            title: t('groups.joinScene'),
            dataIndex: 'joinScene',
            render: (v: TGroupMember['joinScene']) =>
              v === null || v === undefined ? '—' : t(`groups.joinScenes.${v}`, { defaultValue: String(v) }),
          },
          { title: t('groups.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('groups.memberStatus'),
            dataIndex: 'leftAt',
            render: (v: string | null) =>
              v ? <Tag>{t('groups.leftAt', { time: formatDateTime(v) })}</Tag> : <Tag color="green">{t('groups.inGroup')}</Tag>,
          },
        ]}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          size: 'small',
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </Card>
  );
};

const Messages = ({ groupId }: { groupId: number }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['group', groupId, 'messages'],
    queryFn: ({ signal }) =>
      api<TPage<TGroupMessage>>(`/api/groups/${groupId}/messages`, {
        signal,
        query: { page: 1, pageSize: 50 },
        // Polling: one toast per failure streak is enough, the card shows the error.
        silent: true,
      }),
    refetchInterval: MESSAGES_REFRESH_MS,
  });
  return (
    <Card
      title={t('groups.recentMessages')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <SyncOutlined spin={q.isFetching} /> {t('groups.autoRefresh', { seconds: MESSAGES_REFRESH_MS / 1000 })}
        </Typography.Text>
      }
    >
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isPending ? <Skeleton active /> : null}
      {q.isSuccess && q.data.items.length === 0 ? <Empty description={t('groups.noMessages')} /> : null}
      <Flex vertical gap={12} style={{ maxHeight: 640, overflowY: 'auto' }} data-testid="group-messages">
        {(q.data?.items ?? []).map((m) => (
          <Flex key={m.id} vertical gap={2}>
            <Flex gap={8} align="center">
              <Tag color={senderColor[m.senderType]} style={{ marginInlineEnd: 0 }}>
                {t(`groups.senderTypes.${m.senderType}`)}
              </Tag>
              <Typography.Text strong>{m.senderName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(m.sentAt, true)}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
              {m.msgType === 'text' ? m.content : `[${t(`msgTypes.${m.msgType}`, { defaultValue: m.msgType })}] ${m.content}`}
            </Typography.Paragraph>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
};

export const GroupDetailPage = () => {
  const { t } = useTranslation();
  const params = useParams();
  const groupId = Number(params.id);
  const [customerId, setCustomerId] = useState<number | null>(null);
  const valid = Number.isInteger(groupId) && groupId > 0;
  const q = useQuery({
    queryKey: ['group', groupId, 'detail'],
    queryFn: ({ signal }) => api<TGroup>(`/api/groups/${groupId}`, { signal }),
    enabled: valid,
  });

  const back = (
    <Link to="/groups">
      <Button icon={<ArrowLeftOutlined />}>{t('groups.backToList')}</Button>
    </Link>
  );
  const simulate = (
    <Link to={`/simulator?group=${groupId}`}>
      <Button icon={<ExperimentOutlined />}>{t('groups.openSimulator')}</Button>
    </Link>
  );

  if (!valid || (q.error instanceof ApiError && q.error.status === 404)) {
    return <Result status="404" title={t('groups.notFound')} extra={back} />;
  }
  const g = q.data;
  return (
    <>
      <PageHeader
        title={g ? g.name : t('groups.detail')}
        extra={
          <>
            {simulate}
            {back}
          </>
        }
      />
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card style={{ marginBottom: 16 }}>
        {g ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            items={[
              { key: 'store', label: t('common.store'), children: g.storeName ?? '—' },
              { key: 'owner', label: t('groups.owner'), children: g.ownerName ?? '—' },
              { key: 'kind', label: t('groups.kind'), children: t(`groups.kinds.${g.kind}`, { defaultValue: g.kind }) },
              { key: 'members', label: t('groups.members'), children: `${g.memberCount}/${g.memberCap}` },
              { key: 'status', label: t('common.status'), children: <GroupStatusTag status={g.status} /> },
              { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(g.createdAt) },
              {
                key: 'chatId',
                label: t('groups.chatId'),
                children: <Typography.Text copyable>{g.externalChatId}</Typography.Text>,
              },
              { key: 'notice', label: t('groups.notice'), children: g.notice || '—' },
            ]}
          />
        ) : (
          <Skeleton active paragraph={{ rows: 2 }} />
        )}
      </Card>
      {valid ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Members groupId={groupId} onCustomer={setCustomerId} />
          </Col>
          <Col xs={24} xl={10}>
            <Messages groupId={groupId} />
          </Col>
        </Row>
      ) : null}
      <CustomerDrawer customerId={customerId} onClose={() => setCustomerId(null)} />
    </>
  );
};
