import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Store codes console page lands.
export const StoreCodesPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('storeCodes.title')} />;
};
