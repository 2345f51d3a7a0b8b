import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';

// Placeholder until the Referral console page lands.
export const ReferralPage = () => {
  const { t } = useTranslation();
  return <PageHeader title={t('referral.title')} />;
};
