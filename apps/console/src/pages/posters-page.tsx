import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { canManageTenant, useSession } from '../lib/session.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { StaffCardsPanel } from './posters/staff-cards-panel.tsx';
import { TemplateEditor } from './posters/template-editor.tsx';
import { TemplateList } from './posters/template-list.tsx';

/** Poster templates (list, editor) and staff cards: `/posters`, `/posters/new`, `/posters/:id`, `/posters?tab=cards`. */
export const PostersPage = () => (
  <Routes>
    <Route index element={<PostersHome />} />
    <Route path="new" element={<EditorRoute />} />
    <Route path=":id" element={<EditorRoute />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);

const PostersHome = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'cards' ? 'cards' : 'templates';
  const canEdit = canManageTenant(account.role);
  return (
    <>
      <PageHeader title={t('posters.title')} />
      <Typography.Paragraph type="secondary">{t('posters.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'cards' ? { tab: 'cards' } : {}, { replace: true })}
        items={[
          { key: 'templates', label: t('posters.tabs.templates'), children: <TemplateList canEdit={canEdit} /> },
          {
            key: 'cards',
            label: t('posters.tabs.cards'),
            children: <StaffCardsPanel canEdit={canEdit} defaultStaffId={account.staffId} />,
          },
        ]}
      />
    </>
  );
};

const EditorRoute = () => {
  const { id } = useParams();
  const { account } = useSession();
  const navigate = useNavigate();
  const { t } = useTranslation();
  if (!canManageTenant(account.role)) {
    return (
      <>
        <PageHeader title={t('posters.title')} />
        <Typography.Paragraph>{t('common.forbidden')}</Typography.Paragraph>
        <Typography.Link onClick={() => navigate('/posters')}>{t('posters.backToList')}</Typography.Link>
      </>
    );
  }
  const numeric = id === undefined ? null : Number(id);
  if (numeric !== null && (!Number.isInteger(numeric) || numeric <= 0)) return <NotFoundPage />;
  // key: a new id mounts a fresh editor.
  return <TemplateEditor key={id ?? 'new'} id={numeric} />;
};
