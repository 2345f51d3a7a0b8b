import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Check-in console page lands.
export const CheckinsPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('checkins.title')} />;
};
