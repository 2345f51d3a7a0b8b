import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, errorText } from '../api.ts';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { LangSwitch } from '../components/lang-switch.tsx';
import { SESSION_KEY, useSessionQuery } from '../lib/session.ts';
import type { TSession } from '../types.ts';

type TLoginForm = { tenant: string; username: string; password: string };

const redirectTarget = (state: unknown): string => {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = (state as { from: unknown }).from;
    // Only same-app paths; never bounce back to the login page itself.
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) {
      return from;
    }
  }
  return '/';
};

export const LoginPage = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSessionQuery();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session.isPending) return <FullPageSpin />;
  if (session.data) return <Navigate to={redirectTarget(location.state)} replace />;

  const onFinish = async (values: TLoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const s = await api<TSession>('/api/auth/login', {
        method: 'POST',
        body: { tenant: values.tenant.trim(), username: values.username.trim(), password: values.password },
        silent: true,
        allowUnauthenticated: true,
      });
      qc.clear();
      qc.setQueryData(SESSION_KEY, s);
      navigate(redirectTarget(location.state), { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f5ff', padding: 16 }}>
      <Flex justify="flex-end" style={{ position: 'absolute', top: 16, right: 16 }}>
        <LangSwitch type="default" />
      </Flex>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <span style={{ fontSize: 40 }} aria-hidden>
            🐟
          </span>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.brand')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<TLoginForm>
          layout="vertical"
          initialValues={{ tenant: 'demo', username: '', password: '' }}
          onFinish={(v) => void onFinish(v)}
          requiredMark={false}
        >
          <Form.Item
            name="tenant"
            label={t('auth.tenant')}
            rules={[{ required: true, whitespace: true, message: t('auth.tenantRequired') }]}
          >
            <Input prefix={<ShopOutlined />} autoComplete="organization" data-testid="login-tenant" />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
};
