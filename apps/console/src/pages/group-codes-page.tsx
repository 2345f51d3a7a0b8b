import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Group live codes console page lands.
export const GroupCodesPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('groupCodes.title')} />;
};
