import { Select, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { canManageTenant, useSession } from '../lib/session.ts';
import { usePagedList } from '../lib/use-paged-list.ts';
import { PagedListPage } from './paged-list-page.tsx';

type TCampaignStatus = 'draft' | 'active' | 'ended';

type TProps<T extends { id: number }> = {
  /** i18n section (its title, intro, newCampaign, search, allStatuses, status.*, empty texts) and route base. */
  section: 'checkins' | 'fission';
  /** Prefix of the react-query key `<kind>-campaigns` (which the forms invalidate) and of the test ids. */
  kind: 'checkin' | 'fission';
  endpoint: string;
  columns: TableColumnsType<T>;
};

/** A campaign list page: newest first, searchable by name, filtered by status, paged on the server. */
export const CampaignListPage = <T extends { id: number }>({ section, kind, endpoint, columns }: TProps<T>) => {
  const { t } = useTranslation();
  const { account } = useSession();
  const navigate = useNavigate();
  const paged = usePagedList<T, { status?: TCampaignStatus }>({ key: `${kind}-campaigns`, endpoint });
  return (
    <PagedListPage<T>
      title={t(`${section}.title`)}
      create={
        canManageTenant(account.role)
          ? { label: t(`${section}.newCampaign`), onClick: () => navigate(`/${section}/new`), testId: `${kind}-new` }
          : undefined
      }
      intro={t(`${section}.intro`)}
      paged={paged}
      search={{ placeholder: t(`${section}.search`) }}
      filters={
        <Select
          allowClear
          placeholder={t(`${section}.allStatuses`)}
          style={{ width: 160 }}
          value={paged.filters.status}
          onChange={(status) => paged.setFilters({ status })}
          options={(['draft', 'active', 'ended'] as const).map((s) => ({ value: s, label: t(`${section}.status.${s}`) }))}
        />
      }
      tableTestId={`${kind}-campaigns`}
      empty={t(`${section}.empty`)}
      columns={columns}
    />
  );
};
