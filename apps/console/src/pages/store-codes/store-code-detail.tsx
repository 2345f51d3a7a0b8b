import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { CodeQr } from './code-qr.tsx';
import { LocationTest } from './location-test.tsx';
import { StoreCodeForm } from './store-code-form.tsx';
import { StoreCodeStats } from './store-code-stats.tsx';
import type { TStoreCodeDetail } from './types.ts';

const TABS = ['settings', 'test', 'stats'] as const;
type TTab = (typeof TABS)[number];

/** One store code: its settings, the "test a location" box and its statistics (`?tab=`). */
export const StoreCodeDetail = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as TTab | null;
  // Store managers only read: their first tab is the numbers.
  const tab: TTab = requested && TABS.includes(requested) ? requested : canManageTenant(account.role) ? 'settings' : 'stats';
  const code = useQuery({
    queryKey: ['store-code', id],
    queryFn: ({ signal }) => api<TStoreCodeDetail>(`/api/store-codes/${id}`, { signal, silent: true }),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/store-codes')}>
      {t('storeCodes.backToList')}
    </Button>
  );
  const notFound = !(Number.isSafeInteger(id) && id > 0) || (code.error instanceof ApiError && code.error.status === 404);
  if (notFound) return <Result status="404" subTitle={t('storeCodes.notFound')} extra={back} />;

  const c = code.data;
  return (
    <>
      <PageHeader title={c?.name ?? t('storeCodes.title')} extra={back} />
      {code.isError ? <QueryError error={code.error} onRetry={() => void code.refetch()} /> : null}
      {code.isPending ? <Skeleton active /> : null}
      {c ? (
        <>
          <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
            <Typography.Text copyable={{ text: c.url }} code>
              {c.url}
            </Typography.Text>
            <CodeQr code={c} />
          </Flex>
          {c.fallbackStoreOpen ? null : (
            <Alert type="error" showIcon title={t('storeCodes.fallbackClosedHint')} style={{ marginBottom: 16 }} />
          )}
          <Card>
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams({ tab: key }, { replace: true })}
              items={[
                { key: 'settings', label: t('storeCodes.tabs.settings'), children: <StoreCodeForm code={c} /> },
                { key: 'test', label: t('storeCodes.tabs.test'), children: <LocationTest codeId={c.id} /> },
                { key: 'stats', label: t('storeCodes.tabs.stats'), children: <StoreCodeStats codeId={c.id} /> },
              ]}
            />
          </Card>
        </>
      ) : null}
    </>
  );
};
