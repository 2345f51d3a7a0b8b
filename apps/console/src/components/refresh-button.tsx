import { ReloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * "Refresh": refetches a query, spinning while it fetches.
 *
 * @example
 * <RefreshButton query={list} />
 */
export const RefreshButton = ({ query }: { query: { isFetching: boolean; refetch: () => unknown } }) => {
  const { t } = useTranslation();
  return (
    <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>
      {t('common.refresh')}
    </Button>
  );
};
