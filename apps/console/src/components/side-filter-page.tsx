import { Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PageHeader } from './page-header.tsx';
import { QueryError } from './query-error.tsx';
import { RefreshButton } from './refresh-button.tsx';

/**
 * A library page: a header with "Refresh" and the page's own buttons, an optional intro, a filter
 * column on the left (folders, categories) and on the right a card with a toolbar, the list's load
 * error and the list itself (`children`).
 *
 * @example
 * <SideFilterPage title={t('scripts.title')} list={paged.list} actions={createButton} side={<FilterMenuCard … />}
 *   toolbar={<Input.Search … />}>
 *   <Table … />
 * </SideFilterPage>
 */
export const SideFilterPage = ({
  title,
  list,
  actions,
  intro,
  side,
  toolbar,
  toolbarJustify,
  children,
}: {
  title: ReactNode;
  /** The list's query: refreshed by the header's button, its error shown above the list. */
  list: { isFetching: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** Header buttons after "Refresh". */
  actions?: ReactNode;
  intro?: ReactNode;
  side: ReactNode;
  toolbar: ReactNode;
  toolbarJustify?: 'space-between';
  children: ReactNode;
}) => (
  <>
    <PageHeader
      title={title}
      extra={
        <>
          <RefreshButton query={list} />
          {actions}
        </>
      }
    />
    {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
    <Row gutter={[16, 16]}>
      <Col xs={24} md={6} xl={5}>
        {side}
      </Col>
      <Col xs={24} md={18} xl={19}>
        <Card>
          <Flex gap={8} wrap justify={toolbarJustify} style={{ marginBottom: 16 }}>
            {toolbar}
          </Flex>
          {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
          {children}
        </Card>
      </Col>
    </Row>
  </>
);
