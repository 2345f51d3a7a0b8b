import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';

/** Toggles zh-CN ↔ en. Its label names the other language: `English` in Chinese, `中文` in English. */
export const LangSwitch = ({ type = 'text' }: { type?: 'text' | 'default' }) => {
  const { t, i18n } = useTranslation();
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switch')}
    </Button>
  );
};
