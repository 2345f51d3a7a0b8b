import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

export const MaterialsPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('materials.title')} />;
};
