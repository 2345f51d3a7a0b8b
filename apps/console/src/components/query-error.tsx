import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api.ts';

/** An inline error for a failed load, with a way to try again. */
export const QueryError = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={errorText(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
};
