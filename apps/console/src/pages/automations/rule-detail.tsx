import { CheckCircleTwoTone, ClockCircleOutlined, CloseCircleTwoTone, EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, List, Result, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import type { TPage } from '../../types.ts';
import { RULES_KEY } from './rule-list.tsx';
import { TriggerSummary } from './trigger-summary.tsx';
import {
  RUN_STATUS_COLOR,
  RUN_STATUSES,
  SKIP_REASONS,
  type TAutomation,
  type TAutomationRun,
  type TDryRunResult,
  type TRunStatus,
} from './types.ts';

const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The runs log of a rule: newest first, by status or customer, with each run's results. */
const RunsTab = ({ ruleId }: { ruleId: number }) => {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TRunStatus | undefined>();
  const [customerId, setCustomerId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const runs = useQuery({
    queryKey: [RULES_KEY, 'runs', ruleId, status, customerId, page, pageSize],
    queryFn: ({ signal }) =>
      api<TPage<TAutomationRun>>(`/api/automations/${ruleId}/runs`, { signal, query: { status, customerId, page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const reasonText = (reason: string | null) =>
    reason && (SKIP_REASONS as readonly string[]).includes(reason) ? t(`automations.skip.${reason}`) : (reason ?? '');
  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('automations.detail.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={RUN_STATUSES.map((s) => ({ value: s, label: t(`automations.status.${s}`) }))}
          data-testid="automation-runs-status"
        />
        <CustomerSelect
          placeholder={t('automations.detail.customerFilter')}
          style={{ width: 280 }}
          value={customerId}
          onChange={(v) => {
            setCustomerId(v);
            setPage(1);
          }}
        />
      </Flex>
      {runs.isError ? <QueryError error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      <Table<TAutomationRun>
        rowKey="id"
        data-testid="automation-runs"
        loading={runs.isFetching}
        dataSource={runs.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: runs.isPending ? ' ' : t('automations.detail.runsEmpty') }}
        expandable={{
          rowExpandable: (r) => r.results.length > 0,
          expandedRowRender: (r) => (
            <List
              size="small"
              dataSource={r.results}
              renderItem={(x) => (
                <List.Item>
                  {x.index + 1}. {t(`automations.action.${x.type}`, { defaultValue: x.type })} — {x.result}
                </List.Item>
              )}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: runs.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('common.time'), dataIndex: 'createdAt', render: fmt },
          { title: t('common.customer'), key: 'customer', render: (_, r) => r.customerName ?? `#${r.customerId}` },
          {
            title: t('automations.detail.event'),
            dataIndex: 'eventType',
            render: (x: string) => t(`automations.trigger.${x}`, { defaultValue: x }),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: TRunStatus, r) => (
              <Flex vertical gap={2}>
                <Tag color={RUN_STATUS_COLOR[s]} data-testid={`automation-run-status-${r.id}`}>
                  {t(`automations.status.${s}`)}
                </Tag>
                {r.reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 280 }} ellipsis={{ tooltip: r.reason }}>
                    {reasonText(r.reason)}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { title: t('automations.detail.actionsDone'), dataIndex: 'actionsDone', align: 'right' },
          {
            title: t('automations.detail.resumeAt'),
            dataIndex: 'resumeAt',
            render: (x: string | null, r) => (r.status === 'waiting' ? fmt(x) : '—'),
          },
        ]}
      />
    </>
  );
};

/** Pick a customer: would the rule run for them now, and what would it do. */
const DryRunTab = ({ ruleId }: { ruleId: number }) => {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState<number | undefined>();
  const dry = useMutation({
    mutationFn: (cid: number) =>
      api<TDryRunResult>(`/api/automations/${ruleId}/dry-run`, { method: 'POST', body: { customerId: cid } }),
  });
  const icon = (passed: boolean | null) =>
    passed === null ? (
      <ClockCircleOutlined />
    ) : passed ? (
      <CheckCircleTwoTone twoToneColor="#52c41a" />
    ) : (
      <CloseCircleTwoTone twoToneColor="#ff4d4f" />
    );
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('automations.detail.dryRunIntro')}</Typography.Text>
      <Flex gap={8} wrap>
        <div data-testid="automation-dry-run-customer">
          <CustomerSelect value={customerId} onChange={setCustomerId} style={{ width: 320 }} />
        </div>
        <Button
          type="primary"
          disabled={customerId === undefined}
          loading={dry.isPending}
          onClick={() => customerId !== undefined && dry.mutate(customerId)}
          data-testid="automation-dry-run"
        >
          {t('automations.detail.dryRunButton')}
        </Button>
      </Flex>
      {dry.data ? (
        <Card size="small" data-testid="automation-dry-run-result">
          <Alert
            type={dry.data.wouldMatch ? 'success' : 'warning'}
            showIcon
            title={dry.data.wouldMatch ? t('automations.detail.wouldMatch') : t('automations.detail.wouldNotMatch')}
            style={{ marginBottom: 12 }}
          />
          <List
            size="small"
            dataSource={dry.data.checks}
            renderItem={(c) => (
              <List.Item>
                <Flex gap={8} align="center">
                  {icon(c.passed)}
                  <Typography.Text strong>{t(`automations.check.${c.check}`, { defaultValue: c.check })}</Typography.Text>
                  <Typography.Text type="secondary">{c.detail}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
          <List
            size="small"
            header={t('automations.col.actions')}
            dataSource={dry.data.actions}
            renderItem={(a) => (
              <List.Item>
                {a.index + 1}. {t(`automations.action.${a.type}`)} — {a.description}
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </Flex>
  );
};

/** One rule: what it does, its runs, and a dry run for a customer. */
export const RuleDetail = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const rule = useQuery({
    queryKey: [RULES_KEY, 'one', id],
    queryFn: ({ signal }) => api<TAutomation>(`/api/automations/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
  if (rule.isError) return <QueryError error={rule.error} onRetry={() => void rule.refetch()} />;
  if (rule.isPending) return <Skeleton active />;
  const r = rule.data;
  if (!r) return <Result status="404" title={t('common.notFound')} />;
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            {r.name}
            <Tag color={r.enabled ? 'green' : 'default'}>
              {r.enabled ? t('automations.enabledOn') : t('automations.enabledOff')}
            </Tag>
          </Flex>
        }
        extra={
          <Button icon={<EditOutlined />} onClick={() => navigate(`/automations/${id}/edit`)} data-testid="automation-edit">
            {t('automations.detail.edit')}
          </Button>
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'rule',
              label: t('automations.detail.tabRule'),
              children: (
                <Descriptions column={1} bordered size="small">
                  <Descriptions.Item label={t('automations.col.trigger')}>
                    <TriggerSummary trigger={r.trigger} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('automations.col.actions')}>
                    <Flex vertical gap={4}>
                      {r.actions.map((a, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: actions are an ordered list without ids
                        <span key={i}>
                          {i + 1}. {t(`automations.action.${a.type}`)}
                          {a.type === 'wait' ? ` ${a.amount} ${t(`automations.unit.${a.unit}`)}` : ''}
                        </span>
                      ))}
                    </Flex>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('automations.form.loopWindow')}>{r.loopWindowMinutes}</Descriptions.Item>
                  <Descriptions.Item label={t('automations.col.runs')}>{`${r.runCount} / ${r.doneLast24h}`}</Descriptions.Item>
                  {r.description ? (
                    <Descriptions.Item label={t('automations.form.description')}>{r.description}</Descriptions.Item>
                  ) : null}
                </Descriptions>
              ),
            },
            { key: 'runs', label: t('automations.detail.tabRuns'), children: <RunsTab ruleId={id} /> },
            { key: 'dry-run', label: t('automations.detail.tabDryRun'), children: <DryRunTab ruleId={id} /> },
          ]}
        />
      </Card>
    </>
  );
};
