import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Rewards console page lands.
export const RewardsPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('rewards.title')} />;
};
