import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { WecomSyncPanel } from './sync-panel.tsx';

// Shapes of /api/wecom/* (packages/core/src/modules/wecom/wecom.schemas.ts).
type TTestStep = {
  step: 'token' | 'staff_list' | 'staff_detail' | 'app_token';
  ok: boolean;
  detail?: string;
  code?: string;
  vendorCode?: number;
  fix?: string;
};
type TTestReport = { ok: boolean; at: string; version: number; steps: TTestStep[] };
type TConnection = {
  configured: boolean;
  corpId: string | null;
  contactSecret: string | null;
  agentId: string | null;
  appSecret: string | null;
  callbackToken: string | null;
  encodingAesKey: string | null;
  version: number;
  updatedAt: string | null;
  callbackUrl: string;
  active: boolean;
  lastTest: TTestReport | null;
};
type TCallbacks = {
  items: { id: number; type: string; receivedAt: string; status: string; attempts: number; error: string | null }[];
  rejections: { at: string; status: number; reason: string; message: string }[];
};
type TFormValues = {
  corpId: string;
  contactSecret?: string;
  agentId?: string;
  appSecret?: string;
  callbackToken?: string;
  encodingAesKey?: string;
};

const CONNECTION_KEY = ['wecom', 'connection'];
const CALLBACKS_KEY = ['wecom', 'callbacks'];
const CALLBACKS_POLL_MS = 5000;

// The same rules as the server (wecom-connection-rules.ts), so mistakes show before saving.
const CORP_ID_RE = /^w[wx][0-9a-zA-Z]{14,30}$/;
const SECRET_RE = /^[A-Za-z0-9_-]{20,64}$/;
const AGENT_ID_RE = /^[0-9]{1,10}$/;
const TOKEN_RE = /^[A-Za-z0-9]{1,32}$/;
const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;

const pattern =
  (re: RegExp, message: (v: string) => string): Rule =>
  () => ({
    validator: (_: unknown, value?: string) => {
      const v = value?.trim() ?? '';
      return !v || re.test(v) ? Promise.resolve() : Promise.reject(new Error(message(v)));
    },
  });

// Empty → left out of the request (the server keeps the stored secret).
const trimmed = (v?: string) => {
  const t = v?.trim();
  return t ? t : undefined;
};

const StepIcon = ({ ok }: { ok: boolean }) =>
  ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />;

/** Settings → WeCom: the connection form, Test connection, activation and the latest callbacks (admins). */
export const WecomPage = () => {
  const { t } = useTranslation();
  const tw = (key: string, options?: Record<string, unknown>) => t(`wecom.${key}`, options);
  const qc = useQueryClient();
  const [form] = Form.useForm<TFormValues>();
  const conn = useQuery({ queryKey: CONNECTION_KEY, queryFn: () => api<TConnection>('/api/wecom/connection') });
  const callbacks = useQuery({
    queryKey: CALLBACKS_KEY,
    queryFn: () => api<TCallbacks>('/api/wecom/callbacks', { query: { limit: 20 } }),
    refetchInterval: CALLBACKS_POLL_MS,
  });
  const setConn = (data: TConnection) => qc.setQueryData(CONNECTION_KEY, data);
  const save = useMutation({
    mutationFn: (v: TFormValues) =>
      api<TConnection>('/api/wecom/connection', {
        method: 'PUT',
        body: {
          corpId: v.corpId.trim(),
          contactSecret: trimmed(v.contactSecret),
          agentId: trimmed(v.agentId),
          appSecret: trimmed(v.appSecret),
          callbackToken: trimmed(v.callbackToken),
          encodingAesKey: trimmed(v.encodingAesKey),
        },
      }),
    onSuccess: (data) => {
      setConn(data);
      form.setFieldsValue({ contactSecret: '', appSecret: '', callbackToken: '', encodingAesKey: '' });
    },
  });
  const test = useMutation({
    mutationFn: () => api<TTestReport>('/api/wecom/connection/test', { method: 'POST' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: CONNECTION_KEY }),
  });
  const toggle = useMutation({
    mutationFn: (on: boolean) => api<TConnection>(`/api/wecom/connection/${on ? 'activate' : 'deactivate'}`, { method: 'POST' }),
    onSuccess: setConn,
  });

  const c = conn.data;
  if (!c) return <Card loading />;
  const configured = c.configured;
  const report = test.data ?? c.lastTest;
  const testCurrent = report !== null && report.version === c.version && report.ok;
  const secretItem = (name: keyof TFormValues, label: string, stored: string | null, rule: Rule, required: boolean) => (
    <Form.Item
      name={name}
      label={label}
      extra={stored ? tw('form.stored', { masked: stored }) : undefined}
      rules={[...(required && !stored ? [{ required: true, message: tw('form.required', { field: label }) }] : []), rule]}
    >
      <Input.Password
        autoComplete="new-password"
        placeholder={stored ? tw('form.replace') : undefined}
        data-testid={`wecom-${name}`}
      />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={tw('title')}
        extra={
          <Tag color={c.active ? 'green' : configured ? 'default' : 'orange'} data-testid="wecom-status">
            {c.active ? tw('status.active') : configured ? tw('status.inactive') : tw('status.notConfigured')}
          </Tag>
        }
      />
      <Typography.Paragraph type="secondary">{tw('intro')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        <Card title={tw('form.section')}>
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 560 }}
            initialValues={{ corpId: c.corpId ?? '', agentId: c.agentId ?? '' }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.Item
              name="corpId"
              label={tw('form.corpId')}
              extra={tw('form.corpIdHelp')}
              rules={[
                { required: true, message: tw('form.required', { field: tw('form.corpId') }) },
                pattern(CORP_ID_RE, () => tw('rules.corpId')),
              ]}
            >
              <Input data-testid="wecom-corpId" />
            </Form.Item>
            {secretItem(
              'contactSecret',
              tw('form.contactSecret'),
              c.contactSecret,
              pattern(SECRET_RE, () => tw('rules.secret')),
              true,
            )}
            {secretItem(
              'callbackToken',
              tw('form.callbackToken'),
              c.callbackToken,
              pattern(TOKEN_RE, () => tw('rules.token')),
              true,
            )}
            {secretItem(
              'encodingAesKey',
              tw('form.encodingAesKey'),
              c.encodingAesKey,
              pattern(AES_KEY_RE, (v) => tw('rules.aesKey', { n: v.length })),
              true,
            )}
            <Typography.Paragraph type="secondary">{tw('form.callbackHelp')}</Typography.Paragraph>
            <Form.Item name="agentId" label={tw('form.agentId')} rules={[pattern(AGENT_ID_RE, () => tw('rules.agentId'))]}>
              <Input data-testid="wecom-agentId" />
            </Form.Item>
            {secretItem(
              'appSecret',
              tw('form.appSecret'),
              c.appSecret,
              ({ getFieldValue }) => ({
                validator: (_: unknown, value?: string) => {
                  const v = value?.trim() ?? '';
                  if (v && !SECRET_RE.test(v)) return Promise.reject(new Error(tw('rules.secret')));
                  if (v && !trimmed(getFieldValue('agentId'))) return Promise.reject(new Error(tw('rules.appPair')));
                  return Promise.resolve();
                },
              }),
              false,
            )}
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="wecom-save">
                {tw('form.save')}
              </Button>
              {save.isSuccess ? (
                <Typography.Text type="success">{tw('form.saved', { version: c.version })}</Typography.Text>
              ) : null}
            </Space>
          </Form>
        </Card>

        <Card title={tw('callbackUrl')}>
          <Typography.Paragraph
            copyable={{ text: c.callbackUrl, tooltips: [tw('copy'), tw('copied')] }}
            code
            data-testid="wecom-callback-url"
          >
            {c.callbackUrl}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{tw('callbackUrlHelp')}</Typography.Text>
        </Card>

        <Card
          title={tw('test.title')}
          extra={
            <Space>
              <Button onClick={() => test.mutate()} loading={test.isPending} disabled={!configured} data-testid="wecom-test">
                {tw('test.button')}
              </Button>
              {c.active ? (
                <Popconfirm title={tw('activate.confirmOff')} onConfirm={() => toggle.mutate(false)}>
                  <Button danger loading={toggle.isPending} data-testid="wecom-deactivate">
                    {tw('activate.off')}
                  </Button>
                </Popconfirm>
              ) : (
                <Popconfirm title={tw('activate.confirmOn')} onConfirm={() => toggle.mutate(true)} disabled={!testCurrent}>
                  <Button
                    type="primary"
                    disabled={!testCurrent}
                    title={testCurrent ? undefined : tw('activate.needTest')}
                    data-testid="wecom-activate"
                  >
                    {tw('activate.on')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          }
        >
          {!report ? (
            <Typography.Text type="secondary">{tw('test.never')}</Typography.Text>
          ) : (
            <>
              <Alert
                type={report.ok && report.version === c.version ? 'success' : report.ok ? 'warning' : 'error'}
                showIcon
                message={report.version !== c.version ? tw('test.stale') : report.ok ? tw('test.ok') : tw('test.failed')}
                description={tw('test.at', { at: formatDateTime(report.at, true) })}
                style={{ marginBottom: 12 }}
              />
              <List
                data-testid="wecom-test-report"
                dataSource={report.steps}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta
                      avatar={<StepIcon ok={s.ok} />}
                      title={
                        <Space>
                          {tw(`test.steps.${s.step}`)}
                          {s.code ? (
                            <Tag color="red">{s.vendorCode !== undefined ? `${s.code} ${s.vendorCode}` : s.code}</Tag>
                          ) : null}
                        </Space>
                      }
                      description={
                        <>
                          {s.detail ? <div>{s.detail}</div> : null}
                          {s.fix ? <Typography.Text strong>{s.fix}</Typography.Text> : null}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </>
          )}
        </Card>

        {c.configured ? <WecomSyncPanel /> : null}

        <Card
          title={tw('callbacks.title')}
          extra={<Typography.Text type="secondary">{tw('callbacks.autoRefresh')}</Typography.Text>}
        >
          <Table
            size="small"
            rowKey="id"
            data-testid="wecom-callbacks"
            pagination={false}
            loading={callbacks.isLoading}
            dataSource={callbacks.data?.items ?? []}
            locale={{ emptyText: tw('callbacks.empty') }}
            columns={[
              { title: tw('callbacks.type'), dataIndex: 'type', render: (v: string) => v.replace(/^wecom:/, '') },
              { title: tw('callbacks.received'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v, true) },
              {
                title: tw('callbacks.status'),
                dataIndex: 'status',
                render: (v: string) => (
                  <Tag color={v === 'processed' ? 'green' : v === 'failed' ? 'red' : 'blue'}>{tw(`callbacks.statuses.${v}`)}</Tag>
                ),
              },
              { title: tw('callbacks.attempts'), dataIndex: 'attempts' },
              { title: tw('callbacks.error'), dataIndex: 'error', render: (v: string | null) => v ?? '' },
            ]}
          />
          {callbacks.data?.rejections.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {tw('callbacks.rejections')}
              </Typography.Title>
              <Table
                size="small"
                rowKey={(r) => `${r.at}-${r.reason}`}
                pagination={false}
                dataSource={callbacks.data.rejections}
                columns={[
                  { title: tw('callbacks.received'), dataIndex: 'at', render: (v: string) => formatDateTime(v, true) },
                  { title: tw('callbacks.status'), dataIndex: 'status' },
                  { title: tw('callbacks.reason'), dataIndex: 'reason', render: (v: string) => <Tag color="red">{v}</Tag> },
                  { title: tw('callbacks.error'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
        </Card>
      </Flex>
    </>
  );
};
