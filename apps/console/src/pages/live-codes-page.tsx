import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Staff live codes console page lands.
export const LiveCodesPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('liveCodes.title')} />;
};
