import { PlusOutlined } from '@ant-design/icons';
import { Button, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';
import { useSession } from '../lib/session.ts';
import { CreateTaskModal } from './guide-tasks/create-task-modal.tsx';
import { TaskStats } from './guide-tasks/task-stats.tsx';
import { TaskTable } from './guide-tasks/task-table.tsx';

/** 导购任务: every guide task in scope with filters and bulk actions, completion per store and guide, manual tasks. */
export const GuideTasksPage = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const [creating, setCreating] = useState(false);
  const isGuide = account.role === 'guide';
  return (
    <>
      <PageHeader
        title={t('guideTasks.title')}
        extra={
          <>
            <Button href="/h5/workbench" target="_blank" data-testid="open-workbench">
              {t('guideTasks.openWorkbench')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
              {t('guideTasks.newTask')}
            </Button>
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('guideTasks.intro')}</Typography.Paragraph>
      {isGuide ? (
        <TaskTable />
      ) : (
        <Tabs
          items={[
            { key: 'list', label: t('guideTasks.tabs.list'), children: <TaskTable /> },
            { key: 'stats', label: t('guideTasks.tabs.stats'), children: <TaskStats /> },
          ]}
        />
      )}
      <CreateTaskModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
};
