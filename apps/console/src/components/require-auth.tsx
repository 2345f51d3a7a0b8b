import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { errorText } from '../api.ts';
import { setDisplayTimeZone } from '../lib/format.ts';
import { canSee, SessionContext, type TSection, useSession, useSessionQuery } from '../lib/session.ts';
import { FullPageSpin } from './full-page-spin.tsx';

/** Renders the signed-in part of the app, or sends the visitor to /login. */
export const RequireAuth = () => {
  const { t } = useTranslation();
  const location = useLocation();
  const q = useSessionQuery();
  if (q.isPending) return <FullPageSpin />;
  if (q.isError) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorText(q.error)}
        extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!q.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // Idempotent, so setting it while rendering is harmless; every time below renders in the tenant's zone.
  setDisplayTimeZone(q.data.tenant.timezone);
  return (
    <SessionContext.Provider value={q.data}>
      <Outlet />
    </SessionContext.Provider>
  );
};

/** Shows a 403 page instead of a section the role may not see (the API refuses it anyway). */
export const RequireSection = ({ section, children }: { section: TSection; children: ReactNode }) => {
  const { t } = useTranslation();
  const { account } = useSession();
  if (canSee(account.role, section)) return children;
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('common.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
};
