import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Fission tasks console page lands.
export const FissionPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('fission.title')} />;
};
