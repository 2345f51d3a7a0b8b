import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { canManageTenant, useSession } from '../lib/session.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import type { TPage } from '../types.ts';
import { PageHeader } from './page-header.tsx';
import { QueryError } from './query-error.tsx';

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
  const [status, setStatus] = useState<TCampaignStatus | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useQuery({
    queryKey: [`${kind}-campaigns`, status, q, page, pageSize],
    queryFn: ({ signal }) => api<TPage<T>>(endpoint, { signal, query: { status, q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t(`${section}.title`)}
        extra={
          canManageTenant(account.role) ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(`/${section}/new`)}
              data-testid={`${kind}-new`}
            >
              {t(`${section}.newCampaign`)}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t(`${section}.intro`)}</Typography.Paragraph>
      <Card>
        <Flex wrap gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t(`${section}.search`)}
            style={{ width: 240 }}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select
            allowClear
            placeholder={t(`${section}.allStatuses`)}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['draft', 'active', 'ended'] as const).map((s) => ({ value: s, label: t(`${section}.status.${s}`) }))}
          />
        </Flex>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<T>
          rowKey="id"
          data-testid={`${kind}-campaigns`}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : t(`${section}.empty`) }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={columns}
        />
      </Card>
    </>
  );
};
