import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Image,
  Popconfirm,
  Popover,
  Progress,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { GroupSelect } from '../../components/group-select.tsx';
import { formatNumber } from '../../lib/format.ts';
import { qrSrc, type TGroupCodeDetail, type TPoolGroup } from './types.ts';

const stateOf = (g: TPoolGroup): 'dismissed' | 'full' | 'hasRoom' =>
  g.status === 'dismissed' ? 'dismissed' : g.members + g.reserved >= g.cap ? 'full' : 'hasRoom';

export const PoolState = ({ group }: { group: TPoolGroup }) => {
  const { t } = useTranslation();
  const state = stateOf(group);
  return (
    <Tag color={state === 'hasRoom' ? 'green' : state === 'full' ? 'orange' : 'default'}>{t(`groupCodes.pool.${state}`)}</Tag>
  );
};

export const MembersBar = ({ group }: { group: Pick<TPoolGroup, 'members' | 'cap'> }) => (
  <Flex vertical style={{ minWidth: 120 }}>
    <Typography.Text>
      {formatNumber(group.members)} / {formatNumber(group.cap)}
    </Typography.Text>
    <Progress
      percent={Math.min(100, Math.round((group.members / Math.max(1, group.cap)) * 100))}
      size="small"
      showInfo={false}
      status={group.members >= group.cap ? 'exception' : 'normal'}
    />
  </Flex>
);

/** The pool of a code: order, add, remove; saved in one call (PUT /pool). Read-only for `canEdit` false. */
export const PoolEditor = ({
  code,
  canEdit,
  onSaved,
}: {
  code: TGroupCodeDetail;
  canEdit: boolean;
  onSaved: (code: TGroupCodeDetail) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<TPoolGroup[]>(code.pool);
  const [dirty, setDirty] = useState(false);
  // The server's pool replaces the draft whenever it changes and there is nothing unsaved.
  useEffect(() => {
    if (!dirty) setRows(code.pool);
  }, [code.pool, dirty]);

  const save = useMutation({
    mutationFn: () =>
      api<TGroupCodeDetail>(`/api/group-codes/${code.id}/pool`, {
        method: 'PUT',
        body: { groupIds: rows.map((r) => r.groupId) },
      }),
    onSuccess: (saved) => {
      setDirty(false);
      setRows(saved.pool);
      void message.success(t('groupCodes.pool.saved'));
      onSaved(saved);
    },
  });
  const edit = (next: TPoolGroup[]) => {
    setRows(next);
    setDirty(true);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...rows];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    edit(next);
  };

  return (
    <Card
      title={t('groupCodes.pool.title')}
      extra={
        canEdit ? (
          <Flex gap={8} wrap>
            <GroupSelect
              value={null}
              allowClear={false}
              placeholder={t('groupCodes.pool.addPlaceholder')}
              style={{ width: 260 }}
              onChange={(id, group) => {
                if (!id || rows.some((r) => r.groupId === id)) return;
                edit([
                  ...rows,
                  {
                    groupId: id,
                    name: group?.name ?? `#${id}`,
                    position: rows.length + 1,
                    cap: Math.min(code.memberCap, group?.memberCap ?? code.memberCap),
                    members: group?.memberCount ?? 0,
                    reserved: 0,
                    status: group?.status ?? 'active',
                    wayId: null,
                    qrCode: null,
                    openedNumber: null,
                  },
                ]);
              }}
            />
            {dirty ? (
              <Button
                onClick={() => {
                  setRows(code.pool);
                  setDirty(false);
                }}
              >
                {t('groupCodes.pool.reset')}
              </Button>
            ) : null}
            <Button
              type="primary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="pool-save"
            >
              {t('groupCodes.pool.save')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('groupCodes.pool.help')}</Typography.Paragraph>
      {dirty ? <Alert type="warning" showIcon title={t('groupCodes.pool.unsaved')} style={{ marginBottom: 12 }} /> : null}
      <Table<TPoolGroup>
        rowKey="groupId"
        size="small"
        dataSource={rows}
        pagination={false}
        data-testid="pool-table"
        locale={{ emptyText: <Empty description={t('groupCodes.pool.empty')} /> }}
        columns={[
          { title: t('groupCodes.pool.columns.order'), width: 64, render: (_, __, i) => i + 1 },
          {
            title: t('groupCodes.pool.columns.group'),
            render: (_, g) => (
              <Flex vertical>
                <Link to={`/groups/${g.groupId}`}>{g.name}</Link>
                {g.openedNumber ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('groupCodes.pool.opened', { n: g.openedNumber })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { title: t('groupCodes.pool.columns.members'), render: (_, g) => <MembersBar group={g} /> },
          {
            title: (
              <Tooltip title={t('groupCodes.pool.reservedHelp')}>
                <span>{t('groupCodes.pool.columns.reserved')}</span>
              </Tooltip>
            ),
            dataIndex: 'reserved',
            width: 90,
          },
          { title: t('groupCodes.pool.columns.state'), width: 96, render: (_, g) => <PoolState group={g} /> },
          {
            title: t('groupCodes.pool.columns.way'),
            width: 110,
            render: (_, g) =>
              g.qrCode ? (
                <Popover
                  trigger="click"
                  content={<Image src={qrSrc(g.qrCode, 320)} width={160} height={160} alt={g.name} preview={false} />}
                >
                  <Button size="small" icon={<QrcodeOutlined />} aria-label={t('groupCodes.qr')} />
                </Popover>
              ) : (
                <Typography.Text type="secondary">{t('groupCodes.pool.noWay')}</Typography.Text>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  width: 130,
                  render: (_: unknown, g: TPoolGroup, i: number) => (
                    <Flex gap={4}>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('groupCodes.pool.moveUp')}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('groupCodes.pool.moveDown')}
                        disabled={i === rows.length - 1}
                        onClick={() => move(i, 1)}
                      />
                      <Popconfirm
                        title={t('groupCodes.pool.removeConfirm', { name: g.name })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => edit(rows.filter((r) => r.groupId !== g.groupId))}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
};
