import { ClockCircleOutlined, MinusCircleOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../api.ts';
import { CustomerSelect } from '../components/customer-select.tsx';
import { GroupSelect } from '../components/group-select.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { StaffSelect } from '../components/staff-select.tsx';
import { StoreSelect } from '../components/store-select.tsx';
import { formatDateTime, formatTime, yuanToCents } from '../lib/format.ts';
import type { TGroup, TGroupMember, TPage, TSimLogItem, TSimStatus } from '../types.ts';

const LOG_POLL_MS = 2000;
const MAX_LOG = 500;

type TActionType = 'add_staff' | 'delete_staff' | 'join_group' | 'leave_group' | 'message' | 'order';
const ACTION_TYPES: TActionType[] = ['add_staff', 'delete_staff', 'join_group', 'leave_group', 'message', 'order'];

type TActionForm = {
  type: TActionType;
  customerMode?: 'existing' | 'new';
  customerId?: number;
  newName?: string;
  newGender?: 0 | 1 | 2;
  staffId?: number;
  state?: string;
  by?: 'customer' | 'staff';
  groupId?: number;
  joinScene?: 1 | 2 | 3;
  target?: 'group' | 'staff';
  content?: string;
  storeId?: number;
  amountYuan?: number;
  items?: { sku: string; name: string; quantity: number; priceYuan: number }[];
};

type TSimBody = Record<string, unknown> & { type: TActionType };

const toBody = (v: TActionForm): TSimBody => {
  switch (v.type) {
    case 'add_staff':
      return {
        type: 'add_staff',
        staffId: v.staffId,
        ...(v.customerMode === 'new'
          ? { newCustomer: { name: v.newName?.trim(), gender: v.newGender ?? 0 } }
          : { customerId: v.customerId }),
        ...(v.state?.trim() ? { state: v.state.trim() } : {}),
      };
    case 'delete_staff':
      return { type: 'delete_staff', staffId: v.staffId, customerId: v.customerId, by: v.by ?? 'customer' };
    case 'join_group':
      return {
        type: 'join_group',
        groupId: v.groupId,
        customerId: v.customerId,
        joinScene: v.joinScene ?? 3,
        ...(v.state?.trim() ? { state: v.state.trim() } : {}),
      };
    case 'leave_group':
      return { type: 'leave_group', groupId: v.groupId, customerId: v.customerId };
    case 'message':
      return {
        type: 'message',
        customerId: v.customerId,
        ...(v.target === 'staff' ? { staffId: v.staffId } : { groupId: v.groupId }),
        content: v.content?.trim(),
      };
    case 'order':
      return {
        type: 'order',
        customerId: v.customerId,
        ...(v.storeId ? { storeId: v.storeId } : {}),
        ...(v.staffId ? { staffId: v.staffId } : {}),
        amountCents: yuanToCents(v.amountYuan ?? 0),
        items: (v.items ?? []).map((i) => ({
          sku: i.sku.trim(),
          name: i.name.trim(),
          quantity: i.quantity,
          priceCents: yuanToCents(i.priceYuan),
        })),
      };
  }
};

const SimStatusBar = () => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['sim-status'],
    queryFn: ({ signal }) => api<TSimStatus>('/api/sim/status', { signal, silent: true }),
    refetchInterval: 5000,
  });
  if (q.isError) return <Tag color="red">{t('sim.statusUnavailable')}</Tag>;
  if (!q.data) return null;
  return (
    <Space data-testid="sim-status">
      <Tag icon={<ClockCircleOutlined />} color="blue">
        {t('sim.clock')}: {formatDateTime(q.data.clock, true)}
      </Tag>
      <Tag>{t('sim.speed', { speed: q.data.speed })}</Tag>
      <Tag color={q.data.running ? 'green' : 'default'}>{q.data.running ? t('sim.running') : t('sim.paused')}</Tag>
    </Space>
  );
};

/** The live view of one group's virtual WeCom chat, polled with `afterId` so only new lines travel. */
const ChatView = ({ group }: { group: TGroup }) => {
  const { t } = useTranslation();
  const [log, setLog] = useState<TSimLogItem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const members = useQuery({
    queryKey: ['group', group.id, 'members', 'all-staff'],
    queryFn: ({ signal }) =>
      api<TPage<TGroupMember>>(`/api/groups/${group.id}/members`, { signal, query: { page: 1, pageSize: 200 }, silent: true }),
    staleTime: 60_000,
  });
  // The log names senders by WeCom id; staff are told apart from customers by the group's staff members.
  const staffNames = useMemo(() => {
    const s = new Set<string>();
    if (group.ownerName) s.add(group.ownerName);
    for (const m of members.data?.items ?? []) if (m.memberType === 'staff') s.add(m.name);
    return s;
  }, [members.data, group.ownerName]);

  useEffect(() => {
    const conversation = `group:${group.externalChatId}`;
    const ctrl = new AbortController();
    let afterId = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setLog([]);
    setError(null);
    stickToBottom.current = true;
    const tick = async () => {
      try {
        const r = await api<{ items: TSimLogItem[] }>('/api/sim/log', {
          query: { conversation, afterId },
          signal: ctrl.signal,
          silent: true,
        });
        if (ctrl.signal.aborted) return;
        if (r.items.length > 0) {
          afterId = Math.max(afterId, ...r.items.map((i) => i.id));
          setLog((prev) => [...prev, ...r.items].slice(-MAX_LOG));
        }
        setError(null);
      } catch (err) {
        if (ctrl.signal.aborted) return;
        setError(err);
      }
      timer = setTimeout(() => void tick(), LOG_POLL_MS);
    };
    void tick();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [group.externalChatId]);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box && stickToBottom.current && log.length > 0) box.scrollTop = box.scrollHeight;
  }, [log]);

  return (
    <Flex vertical gap={8}>
      {error ? <Alert type="error" showIcon title={t('sim.logFailed')} description={errorText(error)} /> : null}
      <div
        ref={boxRef}
        className="pond-chat"
        style={{ height: 520 }}
        data-testid="sim-chat"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {log.length === 0 ? <Empty description={t('sim.noMessages')} style={{ margin: 'auto' }} /> : null}
        {log.map((m) => {
          const kind = m.sender === 'pond' ? 'pond' : staffNames.has(m.senderName) ? 'mine' : 'other';
          return (
            <div key={m.id} className={`pond-chat-row ${kind === 'other' ? '' : `mine ${kind}`}`} data-sender={m.sender}>
              <span className="pond-chat-meta">
                {kind === 'pond' ? `${m.senderName || t('sim.pond')} · ${t('sim.pondTag')}` : m.senderName} · {formatTime(m.at)}
              </span>
              <div className="pond-chat-bubble">
                {m.msgType === 'text' ? m.content : `[${t(`msgTypes.${m.msgType}`, { defaultValue: m.msgType })}] ${m.content}`}
              </div>
            </div>
          );
        })}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sim.pollHint', { seconds: LOG_POLL_MS / 1000, count: log.length })}
      </Typography.Text>
    </Flex>
  );
};

/** Picks a customer among a group's members: the quickest way to make a member speak or leave. */
const MemberPicker = ({ groupId, onPick }: { groupId: number; onPick: (o: { value: number; label: string }) => void }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['group', groupId, 'members', 'picker'],
    queryFn: ({ signal }) =>
      api<TPage<TGroupMember>>(`/api/groups/${groupId}/members`, { signal, query: { page: 1, pageSize: 200 }, silent: true }),
    staleTime: 30_000,
  });
  const options = (q.data?.items ?? [])
    .filter((m) => m.memberType === 'customer' && m.customerId !== null && !m.leftAt)
    .map((m) => ({ value: m.customerId ?? 0, label: `${m.name} · #${m.customerId}` }));
  return (
    <Select<number>
      size="small"
      value={null}
      showSearch={{ optionFilterProp: 'label' }}
      loading={q.isPending}
      placeholder={t('sim.pickMember')}
      options={options}
      onChange={(v) => {
        const o = options.find((x) => x.value === v);
        if (o) onPick(o);
      }}
      style={{ width: '100%', marginBottom: 16 }}
      notFoundContent={t('common.noData')}
    />
  );
};

const ActionForm = ({ group }: { group: TGroup | undefined }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<TActionForm>();
  const type = Form.useWatch('type', form) ?? 'message';
  const customerMode = Form.useWatch('customerMode', form) ?? 'existing';
  const target = Form.useWatch('target', form) ?? 'group';
  const formGroupId = Form.useWatch('groupId', form);
  const [picked, setPicked] = useState<{ value: number; label: string }[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  // Follow the group picked for the chat, so "say something in this group" is one click.
  useEffect(() => {
    if (group) form.setFieldValue('groupId', group.id);
  }, [group, form]);

  const run = useMutation({
    mutationFn: (body: TSimBody) => api<Record<string, unknown>>('/api/sim/actions', { method: 'POST', body, silent: true }),
    onSuccess: (r) => {
      setResult({ ok: true, text: JSON.stringify(r, null, 2) });
      if (typeof r.customerId === 'number') form.setFieldsValue({ customerId: r.customerId, customerMode: 'existing' });
      for (const key of ['customers', 'customer', 'groups', 'group', 'orders', 'dashboard-summary', 'staff']) {
        void qc.invalidateQueries({ queryKey: [key] });
      }
    },
    onError: (err) => setResult({ ok: false, text: errorText(err) }),
  });

  const needsCustomer = !(type === 'add_staff' && customerMode === 'new');
  const needsStaff = type === 'add_staff' || type === 'delete_staff' || (type === 'message' && target === 'staff');
  const needsGroup = type === 'join_group' || type === 'leave_group' || (type === 'message' && target === 'group');

  return (
    <Form<TActionForm>
      form={form}
      layout="vertical"
      initialValues={{
        type: 'message',
        customerMode: 'existing',
        target: 'group',
        by: 'customer',
        joinScene: 3,
        newGender: 0,
        groupId: group?.id,
      }}
      onFinish={(v) => {
        setResult(null);
        run.mutate(toBody(v));
      }}
    >
      <Form.Item name="type" label={t('sim.actionType')}>
        <Select options={ACTION_TYPES.map((a) => ({ value: a, label: t(`sim.actions.${a}`) }))} data-testid="sim-action-type" />
      </Form.Item>
      {type === 'add_staff' ? (
        <Form.Item name="customerMode">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'existing', label: t('sim.existingCustomer') },
              { value: 'new', label: t('sim.newCustomer') },
            ]}
          />
        </Form.Item>
      ) : null}
      {needsCustomer ? (
        <Form.Item
          name="customerId"
          label={t('common.customer')}
          rules={[{ required: true, message: t('sim.customerRequired') }]}
          extra={t('sim.customerHint')}
        >
          <CustomerSelect style={{ width: '100%' }} known={picked} />
        </Form.Item>
      ) : null}
      {needsCustomer && (type === 'leave_group' || (type === 'message' && target === 'group')) && formGroupId ? (
        <MemberPicker
          groupId={formGroupId}
          onPick={(o) => {
            setPicked([o]);
            form.setFieldsValue({ customerId: o.value });
          }}
        />
      ) : null}
      {needsCustomer ? null : (
        <Flex gap={12}>
          <Form.Item
            name="newName"
            label={t('sim.newName')}
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: t('sim.newNameRequired') }, { max: 64 }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="newGender" label={t('customers.fields.gender')} style={{ width: 120 }}>
            <Select
              options={[
                { value: 0, label: t('gender.0') },
                { value: 1, label: t('gender.1') },
                { value: 2, label: t('gender.2') },
              ]}
            />
          </Form.Item>
        </Flex>
      )}
      {type === 'message' ? (
        <Form.Item name="target" label={t('sim.messageTarget')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'group', label: t('sim.inGroup') },
              { value: 'staff', label: t('sim.toStaff') },
            ]}
          />
        </Form.Item>
      ) : null}
      {needsStaff ? (
        <Form.Item name="staffId" label={t('common.staff')} rules={[{ required: true, message: t('sim.staffRequired') }]}>
          <StaffSelect status="active" style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {needsGroup ? (
        <Form.Item name="groupId" label={t('sim.group')} rules={[{ required: true, message: t('sim.groupRequired') }]}>
          <GroupSelect style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {type === 'add_staff' || type === 'join_group' ? (
        <Form.Item name="state" label={t('sim.state')} extra={t('sim.stateHint')} rules={[{ max: 30 }]}>
          <Input maxLength={30} />
        </Form.Item>
      ) : null}
      {type === 'delete_staff' ? (
        <Form.Item name="by" label={t('sim.deletedBy')}>
          <Radio.Group
            options={[
              { value: 'customer', label: t('sim.byCustomer') },
              { value: 'staff', label: t('sim.byStaff') },
            ]}
          />
        </Form.Item>
      ) : null}
      {type === 'join_group' ? (
        <Form.Item name="joinScene" label={t('groups.joinScene')}>
          <Select options={[1, 2, 3].map((s) => ({ value: s, label: t(`groups.joinScenes.${s}`) }))} />
        </Form.Item>
      ) : null}
      {type === 'message' ? (
        <Form.Item
          name="content"
          label={t('sim.content')}
          rules={[{ required: true, whitespace: true, message: t('sim.contentRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="sim-content" />
        </Form.Item>
      ) : null}
      {type === 'order' ? (
        <>
          <Flex gap={12} wrap>
            <Form.Item name="amountYuan" label={t('sim.amount')} rules={[{ required: true, message: t('sim.amountRequired') }]}>
              <InputNumber min={0.01} max={1_000_000} precision={2} prefix="¥" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="storeId" label={t('common.store')}>
              <StoreSelect />
            </Form.Item>
            <Form.Item name="staffId" label={t('orders.staff')}>
              <StaffSelect />
            </Form.Item>
          </Flex>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="baseline">
                    <Form.Item name={[f.name, 'sku']} noStyle rules={[{ required: true, whitespace: true }]}>
                      <Input placeholder={t('orders.sku')} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, whitespace: true }]}>
                      <Input placeholder={t('orders.itemName')} style={{ flex: 1 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} max={1000} precision={0} placeholder={t('orders.quantity')} style={{ width: 70 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'priceYuan']} noStyle rules={[{ required: true }]}>
                      <InputNumber min={0} precision={2} prefix="¥" placeholder={t('orders.price')} style={{ width: 110 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
                  {t('sim.addItem')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </>
      ) : null}
      <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={run.isPending} block data-testid="sim-submit">
        {t('sim.submit')}
      </Button>
      {result ? (
        <Alert
          style={{ marginTop: 16 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          title={result.ok ? t('sim.resultOk') : t('sim.resultFailed')}
          description={
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 240, overflow: 'auto' }}>
              {result.text}
            </pre>
          }
          data-testid="sim-result"
        />
      ) : null}
    </Form>
  );
};

export const SimulatorPage = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const groupIdParam = Number(params.get('group'));
  const groupId = Number.isInteger(groupIdParam) && groupIdParam > 0 ? groupIdParam : undefined;
  const group = useQuery({
    queryKey: ['group', groupId, 'detail'],
    queryFn: ({ signal }) => api<TGroup>(`/api/groups/${groupId}`, { signal }),
    enabled: groupId !== undefined,
  });

  return (
    <>
      <PageHeader title={t('sim.title')} extra={<SimStatusBar />} />
      <Typography.Paragraph type="secondary">{t('sim.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={t('sim.chat')}
            extra={
              <Space>
                <GroupSelect
                  value={groupId}
                  onChange={(v) =>
                    setParams(
                      (prev) => {
                        const next = new URLSearchParams(prev);
                        if (v) next.set('group', String(v));
                        else next.delete('group');
                        return next;
                      },
                      { replace: true },
                    )
                  }
                />
                {groupId ? <Link to={`/groups/${groupId}`}>{t('sim.openGroup')}</Link> : null}
              </Space>
            }
          >
            {group.data ? (
              <ChatView group={group.data} />
            ) : group.isError ? (
              <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(group.error)} />
            ) : (
              <Empty description={t('sim.pickGroup')} style={{ padding: 48 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('sim.actAsCustomer')}>
            <ActionForm group={group.data} />
          </Card>
        </Col>
      </Row>
    </>
  );
};
