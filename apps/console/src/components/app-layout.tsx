import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CalendarOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  DashboardOutlined,
  DollarOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FilterOutlined,
  FolderOpenOutlined,
  GiftOutlined,
  LogoutOutlined,
  MessageOutlined,
  NotificationOutlined,
  PictureOutlined,
  QrcodeOutlined,
  ScheduleOutlined,
  ShareAltOutlined,
  ShoppingOutlined,
  TagsOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UsergroupAddOutlined,
  UserOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Flex, Layout, Menu, type MenuProps, Tag, Typography, theme } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { canManageTenant, canSee, SESSION_KEY, type TSection, useSession } from '../lib/session.ts';
import { FullPageSpin } from './full-page-spin.tsx';
import { LangSwitch } from './lang-switch.tsx';
import { NotificationBell } from './notification-bell.tsx';

// Items with a `group` appear under that submenu (拉新 Acquisition).
type TNavItem = { section: TSection; path: string; icon: ReactNode; group?: 'acquisition' | 'engagement' };

const NAV: TNavItem[] = [
  { section: 'home', path: '/', icon: <DashboardOutlined /> },
  { section: 'customers', path: '/customers', icon: <UserOutlined /> },
  { section: 'tags', path: '/tags', icon: <TagsOutlined /> },
  { section: 'groups', path: '/groups', icon: <WechatOutlined /> },
  { section: 'org', path: '/org', icon: <ApartmentOutlined /> },
  { section: 'orders', path: '/orders', icon: <ShoppingOutlined /> },
  { section: 'liveCodes', path: '/live-codes', icon: <QrcodeOutlined />, group: 'acquisition' },
  { section: 'groupCodes', path: '/group-codes', icon: <UsergroupAddOutlined />, group: 'acquisition' },
  { section: 'storeCodes', path: '/store-codes', icon: <EnvironmentOutlined />, group: 'acquisition' },
  { section: 'posters', path: '/posters', icon: <PictureOutlined />, group: 'acquisition' },
  { section: 'fission', path: '/fission', icon: <ShareAltOutlined />, group: 'acquisition' },
  { section: 'referral', path: '/referral', icon: <DollarOutlined />, group: 'acquisition' },
  { section: 'checkins', path: '/checkins', icon: <CalendarOutlined />, group: 'acquisition' },
  { section: 'rewards', path: '/rewards', icon: <GiftOutlined />, group: 'acquisition' },
  { section: 'materials', path: '/materials', icon: <FolderOpenOutlined />, group: 'engagement' },
  { section: 'scripts', path: '/scripts', icon: <MessageOutlined />, group: 'engagement' },
  { section: 'keywordReplies', path: '/keyword-replies', icon: <CommentOutlined />, group: 'engagement' },
  { section: 'audiences', path: '/audiences', icon: <FilterOutlined />, group: 'engagement' },
  { section: 'automations', path: '/automations', icon: <ThunderboltOutlined />, group: 'engagement' },
  { section: 'broadcasts', path: '/broadcasts', icon: <NotificationOutlined />, group: 'engagement' },
  { section: 'sops', path: '/sops', icon: <ScheduleOutlined />, group: 'engagement' },
  { section: 'moments', path: '/moments', icon: <CameraOutlined />, group: 'engagement' },
  { section: 'guideTasks', path: '/guide-tasks', icon: <CheckSquareOutlined />, group: 'engagement' },
  { section: 'simulator', path: '/simulator', icon: <ExperimentOutlined /> },
  { section: 'audit', path: '/audit', icon: <AuditOutlined /> },
  { section: 'wecom', path: '/wecom', icon: <ApiOutlined /> },
];

const sectionOf = (pathname: string): TSection => {
  const first = pathname.split('/')[1] ?? '';
  const hit = NAV.find((n) => n.path === `/${first}`);
  return hit ? hit.section : 'home';
};

export const AppLayout = () => {
  const { t } = useTranslation();
  const { account, tenant } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [collapsed, setCollapsed] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const { token } = theme.useToken();

  const toItem = (n: TNavItem) => ({
    key: n.section,
    icon: n.icon,
    label: (
      <Link to={n.path} data-testid={`nav-${n.section}`}>
        {t(`nav.${n.section}`)}
      </Link>
    ),
  });
  const visible = NAV.filter((n) => canSee(account.role, n.section));
  const groupIcons = { acquisition: <QrcodeOutlined />, engagement: <ThunderboltOutlined /> } as const;
  const items: MenuProps['items'] = [];
  for (const n of visible) {
    if (!n.group) items.push(toItem(n));
    // A submenu sits where its first item is declared.
    else if (n === visible.find((v) => v.group === n.group)) {
      const group = n.group;
      const children = visible.filter((v) => v.group === group).map(toItem);
      items.push({ key: group, icon: groupIcons[group], label: t(`nav.${group}`), children });
    }
  }

  const logout = async () => {
    setLoggingOut(true);
    try {
      await api<void>('/api/auth/logout', { method: 'POST', allowUnauthenticated: true });
    } catch {
      // The session may already be gone; either way the user ends up signed out locally.
    } finally {
      setLoggingOut(false);
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={208}
        theme="dark"
        // Keep the menu in view while long tables scroll.
        style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}
      >
        <Flex align="center" gap={8} style={{ height: 56, padding: '0 20px', color: '#fff', overflow: 'hidden' }}>
          <span style={{ fontSize: 22 }} aria-hidden>
            🐟
          </span>
          {collapsed ? null : (
            <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('app.brand')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[sectionOf(location.pathname)]}
          defaultOpenKeys={[NAV.find((n) => n.section === sectionOf(location.pathname))?.group ?? ''].filter(Boolean)}
          items={items}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex align="center" justify="space-between" style={{ height: '100%' }}>
            <Typography.Text type="secondary">{tenant.name}</Typography.Text>
            <Flex align="center" gap={12}>
              {canManageTenant(account.role) ? <NotificationBell /> : null}
              <Avatar size="small" icon={<UserOutlined />} />
              <Typography.Text data-testid="account-name">{account.displayName || account.username}</Typography.Text>
              <Tag color="blue" icon={<TeamOutlined />}>
                {t(`roles.${account.role}`)}
              </Tag>
              <LangSwitch />
              <Button
                type="text"
                icon={<LogoutOutlined />}
                loading={loggingOut}
                onClick={() => void logout()}
                data-testid="logout"
              >
                {t('auth.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
