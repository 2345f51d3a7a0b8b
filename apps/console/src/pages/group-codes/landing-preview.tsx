import { LinkOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Image, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { qrSrc, type TGroupCodePreview } from './types.ts';

/** What a customer opening the link now would see (the preview route holds no seat). */
export const LandingPreview = ({ codeId, version }: { codeId: number; version: string }) => {
  const { t } = useTranslation();
  const preview = useQuery({
    queryKey: ['group-codes', codeId, 'preview', version],
    queryFn: ({ signal }) => api<TGroupCodePreview>(`/api/group-codes/${codeId}/preview`, { signal }),
    refetchInterval: 15_000,
  });
  const p = preview.data;
  return (
    <Card title={t('groupCodes.preview.title')} size="small" data-testid="group-code-preview">
      <Typography.Paragraph type="secondary">{t('groupCodes.preview.help')}</Typography.Paragraph>
      {preview.isError ? <QueryError error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.isPending ? <Skeleton active /> : null}
      {p?.status === 'paused' ? <Alert type="warning" showIcon title={t('groupCodes.preview.paused')} /> : null}
      {p?.status === 'full' ? (
        <Alert
          type={p.opensNext ? 'info' : 'error'}
          showIcon
          title={p.opensNext ? t('groupCodes.preview.fullOpens') : t('groupCodes.preview.fullNoOpen')}
        />
      ) : null}
      {p?.status === 'ok' && p.group ? (
        <Flex vertical align="center" gap={8}>
          <Typography.Text strong data-testid="preview-group-name">
            {p.group.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('groupCodes.preview.members', { count: p.group.memberCount, cap: p.group.cap })}
          </Typography.Text>
          {p.qrCode ? (
            <Image src={qrSrc(p.qrCode, 320)} width={160} height={160} alt={p.group.name} preview={false} />
          ) : (
            <Typography.Text type="secondary">{t('groupCodes.preview.noQr')}</Typography.Text>
          )}
        </Flex>
      ) : null}
      {p ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button icon={<LinkOutlined />} href={p.url} target="_blank" rel="noreferrer">
            {t('groupCodes.preview.openLanding')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
};
