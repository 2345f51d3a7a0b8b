import { CopyOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Divider, Drawer, Flex, Image, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import type { TPage } from '../../types.ts';
import { LedgerTable } from './ledger-table.tsx';
import { qrImageUrl, type TReferral, type TReferrer } from './types.ts';

type TProps = { referrerId: number | null; onClose: () => void; canManage: boolean };

/** One referrer: their link and its QR, totals by state, the customers they referred and their ledger. */
export const ReferrerDrawer = ({ referrerId, onClose, canManage }: TProps) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const referrer = useQuery({
    queryKey: ['referral-referrers', 'one', referrerId],
    queryFn: ({ signal }) =>
      api<TPage<TReferrer>>('/api/referral/referrers', {
        signal,
        query: { referrerId: referrerId ?? undefined, page: 1, pageSize: 1 },
      }),
    enabled: referrerId !== null,
  });
  const referrals = useQuery({
    queryKey: ['referral-referrals', referrerId, page],
    queryFn: ({ signal }) =>
      api<TPage<TReferral>>('/api/referral/referrals', {
        signal,
        query: { referrerId: referrerId ?? undefined, page, pageSize: 10 },
      }),
    enabled: referrerId !== null,
    placeholderData: keepPreviousData,
  });
  const r = referrer.data?.items[0];
  const copy = async (text: string) => {
    await navigator.clipboard.writeText(text);
    void message.success(t('referral.referrers.copied'));
  };
  return (
    <Drawer
      open={referrerId !== null}
      onClose={onClose}
      size="large"
      title={r ? t('referral.drawer.title', { name: r.name }) : ' '}
      destroyOnHidden
      data-testid="referral-drawer"
    >
      {referrer.isError ? <QueryError error={referrer.error} onRetry={() => void referrer.refetch()} /> : null}
      {r ? (
        <>
          <Flex gap={24} wrap align="flex-start">
            <Descriptions
              column={1}
              size="small"
              style={{ flex: 1, minWidth: 280 }}
              items={[
                { key: 'kind', label: t('referral.add.kind'), children: <Tag>{t(`referral.kind.${r.kind}`)}</Tag> },
                { key: 'status', label: t('common.status'), children: t(`referral.status.${r.status}`) },
                {
                  key: 'link',
                  label: t('referral.drawer.link'),
                  children: r.url ? (
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text copyable={false} code>
                        {r.url}
                      </Typography.Text>
                      <Button size="small" icon={<CopyOutlined />} onClick={() => void copy(r.url ?? '')}>
                        {t('referral.referrers.copyLink')}
                      </Button>
                    </Flex>
                  ) : (
                    t('referral.drawer.noLink')
                  ),
                },
                { key: 'referrals', label: t('referral.referrers.referrals'), children: r.referrals },
                {
                  key: 'parent',
                  label: t('referral.referrers.parent'),
                  children: r.parentReferrerId ? `#${r.parentReferrerId}` : '—',
                },
                { key: 'created', label: t('common.createdAt'), children: formatDateTime(r.createdAt) },
              ]}
            />
            {r.url ? (
              <Flex vertical align="center">
                <Image src={qrImageUrl(r.url)} width={140} height={140} alt={t('referral.drawer.qr')} preview={false} />
                <Typography.Text type="secondary">{t('referral.drawer.qr')}</Typography.Text>
              </Flex>
            ) : null}
          </Flex>
          <Flex wrap gap={32} style={{ margin: '16px 0' }}>
            <Statistic title={t('referral.stats.pending')} value={formatMoney(r.totals.pendingCents)} />
            <Statistic title={t('referral.stats.settled')} value={formatMoney(r.totals.settledCents)} />
            <Statistic title={t('referral.stats.paid')} value={formatMoney(r.totals.paidCents)} />
            <Statistic title={t('referral.stats.reversed')} value={formatMoney(r.totals.reversedCents)} />
          </Flex>
          <Divider titlePlacement="start">{t('referral.drawer.referrals')}</Divider>
          {referrals.isError ? <QueryError error={referrals.error} onRetry={() => void referrals.refetch()} /> : null}
          <Table<TReferral>
            rowKey="id"
            size="small"
            loading={referrals.isFetching}
            dataSource={referrals.data?.items ?? []}
            locale={{ emptyText: referrals.isPending ? ' ' : t('referral.drawer.noReferrals') }}
            columns={[
              {
                title: t('referral.drawer.customer'),
                dataIndex: 'customerName',
                render: (v: string, x) => v || `#${x.customerId}`,
              },
              { title: t('referral.drawer.boundAt'), dataIndex: 'boundAt', render: (v: string) => formatDateTime(v) },
              {
                title: t('referral.drawer.source'),
                dataIndex: 'source',
                render: (v: TReferral['source']) => t(`referral.source.${v}`),
              },
              { title: t('referral.drawer.orders'), dataIndex: 'orders', align: 'right' },
              {
                title: t('referral.drawer.commission'),
                dataIndex: 'commissionCents',
                align: 'right',
                render: (v: number) => formatMoney(v),
              },
            ]}
            pagination={{
              current: page,
              pageSize: 10,
              total: referrals.data?.total ?? 0,
              onChange: setPage,
              hideOnSinglePage: true,
            }}
          />
          <Divider titlePlacement="start">{t('referral.drawer.ledger')}</Divider>
          <LedgerTable referrerId={r.id} canPay={canManage} canExport={canManage} />
        </>
      ) : null}
    </Drawer>
  );
};
