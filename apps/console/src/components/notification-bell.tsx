import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { formatDateTime } from '../lib/format.ts';
import type { TPage } from '../types.ts';

type TNotification = {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
};

/** The header bell: what Pond told operators (a group code opened a group, a reward waits for review). */
export const NotificationBell = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) =>
      api<TPage<TNotification> & { unread: number }>('/api/notifications', { signal, query: { pageSize: 10 }, silent: true }),
    refetchInterval: 30_000,
  });
  const markRead = useMutation({
    mutationFn: (ids?: number[]) => api('/api/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = list.data?.items ?? [];
  const content = (
    <div style={{ width: 360 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('rewards.notifications')}</Typography.Text>
        <Button size="small" type="link" disabled={!list.data?.unread} onClick={() => markRead.mutate(undefined)}>
          {t('rewards.markAllRead')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rewards.noNotifications')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.link ? 'pointer' : 'default', opacity: n.read ? 0.6 : 1 }}
              onClick={() => {
                if (!n.read) markRead.mutate([n.id]);
                if (n.link) {
                  setOpen(false);
                  navigate(n.link);
                }
              }}
            >
              <List.Item.Meta
                title={n.title}
                description={
                  <>
                    {n.body ? <div>{n.body}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={list.data?.unread ?? 0} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('rewards.notifications')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
};
