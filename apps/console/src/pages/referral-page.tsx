import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Skeleton, Statistic, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { QueryError } from '../components/query-error.tsx';
import { formatMoney } from '../lib/format.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { LedgerTable } from './referral/ledger-table.tsx';
import { ProgrammeForm } from './referral/programme-form.tsx';
import { ReferrerDrawer } from './referral/referrer-drawer.tsx';
import { ReferrersTable } from './referral/referrers-table.tsx';
import type { TLedgerPage, TProgramme } from './referral/types.ts';

type TTab = 'referrers' | 'ledger' | 'programme';

/** 分销: referrers with their totals, the commission ledger (batch payout, export) and the programme settings. */
export const ReferralPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const canManage = canManageTenant(account.role);
  const [tab, setTab] = useState<TTab>('referrers');
  const [open, setOpen] = useState<number | null>(null);
  const programme = useQuery({
    queryKey: ['referral-programme'],
    queryFn: ({ signal }) => api<TProgramme>('/api/referral/programme', { signal }),
  });
  // The sums over the whole ledger in the actor's scope (one row is enough to get them).
  const totals = useQuery({
    queryKey: ['referral-ledger', 'totals'],
    queryFn: ({ signal }) => api<TLedgerPage>('/api/referral/ledger', { signal, query: { page: 1, pageSize: 1 } }),
  });
  const sums = totals.data?.sums;
  return (
    <>
      <PageHeader title={t('referral.title')} />
      <Typography.Paragraph type="secondary">{t('referral.intro')}</Typography.Paragraph>
      {programme.data && !programme.data.enabled ? (
        <Alert
          type="warning"
          showIcon
          title={t('referral.programmeOff')}
          action={
            canManage ? (
              <Button size="small" onClick={() => setTab('programme')}>
                {t('referral.openSettings')}
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="referral-off"
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        {totals.isError ? <QueryError error={totals.error} onRetry={() => void totals.refetch()} /> : null}
        <Flex wrap gap={48}>
          <Statistic
            title={t('referral.stats.pending')}
            value={sums ? formatMoney(sums.pendingCents) : '—'}
            loading={totals.isPending}
          />
          <Statistic
            title={t('referral.stats.settled')}
            value={sums ? formatMoney(sums.settledCents) : '—'}
            loading={totals.isPending}
          />
          <Statistic
            title={t('referral.stats.paid')}
            value={sums ? formatMoney(sums.paidCents) : '—'}
            loading={totals.isPending}
          />
          <Statistic
            title={t('referral.stats.reversed')}
            value={sums ? formatMoney(sums.reversedCents) : '—'}
            loading={totals.isPending}
          />
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TTab)}
        items={[
          {
            key: 'referrers',
            label: t('referral.tabs.referrers'),
            children: (
              <Card>
                <ReferrersTable canManage={canManage} onOpen={setOpen} />
              </Card>
            ),
          },
          {
            key: 'ledger',
            label: t('referral.tabs.ledger'),
            children: (
              <Card>
                <LedgerTable canPay={canManage} canExport={canManage} />
              </Card>
            ),
          },
          {
            key: 'programme',
            label: t('referral.tabs.programme'),
            children: programme.isError ? (
              <QueryError error={programme.error} onRetry={() => void programme.refetch()} />
            ) : programme.data ? (
              <ProgrammeForm programme={programme.data} canEdit={canManage} />
            ) : (
              <Skeleton active />
            ),
          },
        ]}
      />
      <ReferrerDrawer referrerId={open} onClose={() => setOpen(null)} canManage={canManage} />
    </>
  );
};
