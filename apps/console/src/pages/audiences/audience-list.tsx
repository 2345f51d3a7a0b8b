import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { countConditions, type TAudiencePreview } from '../../components/audience-builder.tsx';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { PagedListPage } from '../../components/paged-list-page.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { useDeleteMutation } from '../../lib/use-delete-mutation.ts';
import { usePagedList } from '../../lib/use-paged-list.ts';
import { AUDIENCES_KEY, type TSavedAudience } from './types.ts';

/** The count of a saved audience: the server's when the list carries it, else a live preview. */
const AudienceCountCell = ({ audience }: { audience: TSavedAudience }) => {
  const { t } = useTranslation();
  const live = useQuery({
    queryKey: ['audience-preview', JSON.stringify(audience.expression), false],
    queryFn: ({ signal }) =>
      api<TAudiencePreview>('/api/audiences/preview', {
        method: 'POST',
        body: { expression: audience.expression },
        signal,
        silent: true,
      }),
    enabled: typeof audience.count !== 'number',
    staleTime: 30_000,
    retry: false,
  });
  const count = typeof audience.count === 'number' ? audience.count : live.data?.count;
  return (
    <span data-testid={`audience-row-count-${audience.id}`}>
      {count === undefined ? t('audiences.countUnknown') : formatNumber(count)}
    </span>
  );
};

/** Saved audiences, searchable, with their counts; create, edit and delete (with confirmation). */
export const AudienceList = () => {
  const { t } = useTranslation();
  const { account } = useSession();
  const manage = canManageTenant(account.role);
  const navigate = useNavigate();
  const paged = usePagedList<TSavedAudience>({ key: AUDIENCES_KEY, endpoint: '/api/audiences' });
  const remove = useDeleteMutation({
    path: (id) => `/api/audiences/${id}`,
    message: t('audiences.deleted'),
    invalidate: [[AUDIENCES_KEY]],
  });
  return (
    <PagedListPage<TSavedAudience>
      title={t('audiences.title')}
      create={
        manage
          ? { label: t('audiences.newAudience'), onClick: () => navigate('/audiences/new'), testId: 'audience-new' }
          : undefined
      }
      intro={t('audiences.intro')}
      paged={paged}
      search={{ placeholder: t('audiences.search') }}
      tableTestId="audience-list"
      empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audiences.empty')} />}
      columns={[
        {
          title: t('audiences.col.name'),
          dataIndex: 'name',
          render: (name: string, a) => (
            <Flex vertical gap={2}>
              {manage ? <Link to={`/audiences/${a.id}/edit`}>{name}</Link> : name}
              {a.description ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} ellipsis>
                  {a.description}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        },
        {
          title: t('audiences.col.count'),
          key: 'count',
          align: 'right',
          render: (_, a) => <AudienceCountCell audience={a} />,
        },
        {
          title: t('audiences.col.conditions'),
          key: 'conditions',
          render: (_, a) => t('audiences.conditionsText', { count: countConditions(a.expression) }),
        },
        {
          title: t('audiences.col.updatedAt'),
          key: 'updatedAt',
          render: (_, a) => formatDateTime(a.updatedAt ?? a.createdAt ?? null),
        },
        ...(manage
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, a: TSavedAudience) => (
                  <Space>
                    <Button
                      size="small"
                      onClick={() => navigate(`/audiences/${a.id}/edit`)}
                      data-testid={`audience-edit-${a.id}`}
                    >
                      {t('common.edit')}
                    </Button>
                    <ConfirmDeleteButton
                      title={t('audiences.deleteConfirm', { name: a.name })}
                      onConfirm={() => remove.mutateAsync(a.id)}
                      testId={`audience-delete-${a.id}`}
                      okTestId="audience-delete-ok"
                    />
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
};
