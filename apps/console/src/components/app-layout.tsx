import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  LogoutOutlined,
  ShoppingOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Flex, Layout, Menu, type MenuProps, Tag, Typography, theme } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api.ts';
import { canSee, SESSION_KEY, type TSection, useSession } from '../lib/session.ts';
import { FullPageSpin } from './full-page-spin.tsx';
import { LangSwitch } from './lang-switch.tsx';

type TNavItem = { section: TSection; path: string; icon: ReactNode };

const NAV: TNavItem[] = [
  { section: 'home', path: '/', icon: <DashboardOutlined /> },
  { section: 'customers', path: '/customers', icon: <UserOutlined /> },
  { section: 'tags', path: '/tags', icon: <TagsOutlined /> },
  { section: 'groups', path: '/groups', icon: <WechatOutlined /> },
  { section: 'org', path: '/org', icon: <ApartmentOutlined /> },
  { section: 'orders', path: '/orders', icon: <ShoppingOutlined /> },
  { section: 'simulator', path: '/simulator', icon: <ExperimentOutlined /> },
  { section: 'audit', path: '/audit', icon: <AuditOutlined /> },
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

  const items: MenuProps['items'] = NAV.filter((n) => canSee(account.role, n.section)).map((n) => ({
    key: n.section,
    icon: n.icon,
    label: (
      <Link to={n.path} data-testid={`nav-${n.section}`}>
        {t(`nav.${n.section}`)}
      </Link>
    ),
  }));

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
        <Menu theme="dark" mode="inline" selectedKeys={[sectionOf(location.pathname)]} items={items} />
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
