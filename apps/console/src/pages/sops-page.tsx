import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { canManageTenant, useSession } from '../lib/session.ts';
import { CalendarList } from './sops/calendar-list.tsx';
import { GroupCalendarView } from './sops/group-calendar-view.tsx';
import { JourneyList } from './sops/journey-list.tsx';
import { PlansTable } from './sops/plans-table.tsx';

/** SOPs: group calendars, a group's calendar view, customer journeys, and the plans they make. */
export const SopsPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [params, setParams] = useSearchParams();
  const hq = canManageTenant(account.role) || account.role === 'store_manager';
  const tabs = [
    ...(hq ? [{ key: 'calendars', label: t('sops.tabs.calendars'), children: <CalendarList /> }] : []),
    { key: 'groupView', label: t('sops.tabs.groupView'), children: <GroupCalendarView /> },
    ...(hq ? [{ key: 'journeys', label: t('sops.tabs.journeys'), children: <JourneyList /> }] : []),
    { key: 'plans', label: t('sops.tabs.plans'), children: <PlansTable /> },
  ];
  const active = tabs.some((x) => x.key === params.get('tab')) ? (params.get('tab') as string) : (tabs[0]?.key ?? 'plans');
  return (
    <>
      <PageHeader title={t('sops.title')} />
      <Typography.Paragraph type="secondary">{t('sops.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={tabs}
        destroyOnHidden
        data-testid="sop-tabs"
      />
    </>
  );
};
