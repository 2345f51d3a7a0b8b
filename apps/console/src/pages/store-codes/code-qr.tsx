import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { qrSrc, type TStoreCode } from './types.ts';

/** The QR of a code's permanent link, to download for print. */
export const CodeQr = ({ code }: { code: Pick<TStoreCode, 'url' | 'name'> }) => {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      content={
        <Flex vertical align="center" gap={8}>
          <Image src={qrSrc(code.url, 360)} width={180} height={180} alt={code.name} preview={false} />
          <Typography.Text type="secondary">{t('storeCodes.qrHint')}</Typography.Text>
        </Flex>
      }
    >
      <Button size="small" icon={<QrcodeOutlined />}>
        {t('storeCodes.qr')}
      </Button>
    </Popover>
  );
};
