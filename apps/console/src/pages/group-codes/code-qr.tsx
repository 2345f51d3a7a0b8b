import { CopyOutlined, QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qrSrc } from './types.ts';

/** The QR of a code's permanent link (to save for print) and a button that copies the link. */
export const CodeQr = ({ url, name, size = 'small' }: { url: string; name: string; size?: 'small' | 'middle' }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Flex gap={4}>
      <Popover
        trigger="click"
        content={
          <Flex vertical align="center" gap={8}>
            <Image src={qrSrc(url, 360)} width={180} height={180} alt={name} preview={false} />
            <Typography.Text type="secondary" style={{ maxWidth: 220, textAlign: 'center' }}>
              {t('groupCodes.qrHint')}
            </Typography.Text>
          </Flex>
        }
      >
        <Button size={size} icon={<QrcodeOutlined />} aria-label={t('groupCodes.qr')} data-testid="group-code-qr">
          {size === 'middle' ? t('groupCodes.qr') : null}
        </Button>
      </Popover>
      <Button
        size={size}
        icon={<CopyOutlined />}
        aria-label={t('groupCodes.copyLink')}
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(
            () => message.success(t('groupCodes.copied')),
            () => undefined,
          );
        }}
      >
        {size === 'middle' ? t('groupCodes.copyLink') : null}
      </Button>
    </Flex>
  );
};
