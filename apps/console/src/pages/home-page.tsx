import { InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatMoney, formatNumber, formatPercent } from '../lib/format.ts';
import { useSession } from '../lib/session.ts';
import type { TDashboardSummary } from '../types.ts';

type TCard = { key: keyof TDashboardSummary; value: (s: TDashboardSummary) => ReactNode; hint?: boolean };

const CARDS: TCard[] = [
  { key: 'customers', value: (s) => formatNumber(s.customers) },
  { key: 'newCustomers7d', value: (s) => formatNumber(s.newCustomers7d) },
  { key: 'activeFollows', value: (s) => formatNumber(s.activeFollows), hint: true },
  { key: 'groups', value: (s) => formatNumber(s.groups) },
  { key: 'groupMembers', value: (s) => formatNumber(s.groupMembers) },
  { key: 'staff', value: (s) => formatNumber(s.staff) },
  { key: 'stores', value: (s) => formatNumber(s.stores) },
  { key: 'orders30d', value: (s) => formatNumber(s.orders30d) },
  { key: 'gmv30dCents', value: (s) => formatMoney(s.gmv30dCents), hint: true },
  { key: 'aov30dCents', value: (s) => formatMoney(s.aov30dCents), hint: true },
  { key: 'repurchaseRate90d', value: (s) => formatPercent(s.repurchaseRate90d), hint: true },
  { key: 'purchaseFrequency90d', value: (s) => formatNumber(s.purchaseFrequency90d, 2), hint: true },
];

export const HomePage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const q = useQuery({
    queryKey: ['dashboard-summary'],
    queryFn: ({ signal }) => api<TDashboardSummary>('/api/dashboard/summary', { signal }),
  });

  return (
    <>
      <PageHeader
        title={t('home.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        {t('home.welcome', { name: account.displayName || account.username })}
        {account.role === 'admin' || account.role === 'operator' ? null : ` ${t('home.scoped')}`}
      </Typography.Paragraph>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        {CARDS.map((c) => (
          <Col key={c.key} xs={24} sm={12} lg={8} xl={6}>
            <Card loading={q.isPending} data-testid={`stat-${c.key}`}>
              <Statistic
                title={
                  <span>
                    {t(`home.stats.${c.key}`)}{' '}
                    {c.hint ? (
                      <Tooltip title={t(`home.hints.${c.key}`)}>
                        <InfoCircleOutlined />
                      </Tooltip>
                    ) : null}
                  </span>
                }
                value={q.data ? String(c.value(q.data)) : '—'}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
};
