import { Route, Routes } from 'react-router';
import { RuleDetail } from './automations/rule-detail.tsx';
import { RuleForm } from './automations/rule-form.tsx';
import { RuleList } from './automations/rule-list.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/** Automation rules (自动化): the list, the create/edit form, and each rule's runs and dry run. */
export const AutomationsPage = () => (
  <Routes>
    <Route index element={<RuleList />} />
    <Route path="new" element={<RuleForm />} />
    <Route path=":id" element={<RuleDetail />} />
    <Route path=":id/edit" element={<RuleForm />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);
