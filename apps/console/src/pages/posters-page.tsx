import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Posters console page lands.
export const PostersPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('posters.title')} />;
};
