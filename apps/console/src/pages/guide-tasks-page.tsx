import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

export const GuideTasksPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('guideTasks.title')} />;
};
