import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { ContentEditor, contentRule, EMPTY_CONTENT } from '../../components/content-editor.tsx';
import { GroupMultiSelect } from '../../components/group-multi-select.tsx';
import { useStores } from '../../lib/queries.ts';
import { GROUP_KINDS, type TSopCalendar, type TSopCalendarItem, type TSopColumn, WEEKDAYS } from './types.ts';

type TForm = {
  name: string;
  timeline: 'daily' | 'weekly';
  columns: TSopColumn[];
  storeIds: number[];
  groupKinds: string[];
  groupIds: number[];
  delivery: 'auto' | 'task';
  horizonDays: number;
  active: boolean;
};

const COLORS = ['#fa8c16', '#1677ff', '#f5222d', '#52c41a', '#722ed1', '#13c2c2'];
const DEFAULT_COLUMNS: TSopColumn[] = [
  { name: '每日好物', color: COLORS[0] ?? '#fa8c16' },
  { name: '精选推荐', color: COLORS[1] ?? '#1677ff' },
  { name: '限时秒杀', color: COLORS[2] ?? '#f5222d' },
  { name: '知识分享', color: COLORS[3] ?? '#52c41a' },
];

type TItemDraft = TSopCalendarItem & { key: string };
let keySeq = 0;
const withKey = (i: TSopCalendarItem): TItemDraft => ({ ...i, key: `k${++keySeq}` });

/** The item dialog: time, title, content of one slot in the grid. */
const ItemModal = ({
  item,
  onOk,
  onRemove,
  onCancel,
}: {
  item: TItemDraft | null;
  onOk: (i: TItemDraft) => void;
  onRemove: (i: TItemDraft) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const isNew = item?.id === undefined && item?.title === '';
  return (
    <Modal
      open={!!item}
      title={isNew ? t('sops.calendar.addItem') : t('sops.calendar.editItem')}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
      onOk={() =>
        form
          .validateFields()
          .then((v) => {
            if (item) onOk({ ...item, title: v.title, time: v.time.format('HH:mm'), content: v.content });
          })
          .catch(() => undefined)
      }
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex justify="space-between">
          {item && !isNew ? (
            <Button danger icon={<DeleteOutlined />} onClick={() => onRemove(item)} data-testid="sop-item-remove">
              {t('sops.calendar.removeItem')}
            </Button>
          ) : (
            <span />
          )}
          <Space>
            <CancelBtn />
            <OkBtn />
          </Space>
        </Flex>
      )}
    >
      <Form
        key={item?.key}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={item ? { title: item.title, time: dayjs(`2000-01-01T${item.time}`), content: item.content } : undefined}
      >
        <Form.Item
          name="time"
          label={t('sops.calendar.itemTime')}
          rules={[{ required: true, message: t('sops.calendar.itemTimeRequired') }]}
        >
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="sop-item-time" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('sops.calendar.itemTitle')}
          rules={[{ required: true, whitespace: true, message: t('sops.calendar.itemTitleRequired') }]}
        >
          <Input maxLength={100} data-testid="sop-item-title" />
        </Form.Item>
        <Form.Item name="content" label={t('sops.calendar.itemContent')} rules={[contentRule(t)]}>
          <ContentEditor />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/**
 * Creates or edits a group SOP calendar: name, timeline, columns, targets, and the grid of
 * columns × weekdays (or × every day) holding the items. Saving applies it to the groups.
 */
export const CalendarEditor = ({
  calendar,
  open,
  onClose,
}: {
  calendar: TSopCalendar | null;
  open: boolean;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TForm>();
  const { stores } = useStores();
  const [items, setItems] = useState<TItemDraft[]>([]);
  const [editing, setEditing] = useState<TItemDraft | null>(null);
  const timeline = Form.useWatch('timeline', form) ?? 'weekly';
  const delivery = Form.useWatch('delivery', form);
  const columns: TSopColumn[] = (Form.useWatch('columns', form) ?? []).filter((c: TSopColumn | undefined) => c?.name);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      calendar
        ? {
            name: calendar.name,
            timeline: calendar.timeline,
            columns: calendar.columns,
            storeIds: calendar.targets.storeIds,
            groupKinds: calendar.targets.groupKinds,
            groupIds: calendar.targets.groupIds,
            delivery: calendar.delivery,
            horizonDays: calendar.horizonDays,
            active: calendar.status === 'active',
          }
        : {
            name: '',
            timeline: 'weekly',
            columns: DEFAULT_COLUMNS,
            storeIds: [],
            groupKinds: [],
            groupIds: [],
            delivery: 'task',
            horizonDays: 7,
            active: true,
          },
    );
    setItems((calendar?.items ?? []).map(withKey));
  }, [open, calendar, form]);

  const save = useMutation({
    mutationFn: async (v: TForm) => {
      const body = {
        name: v.name,
        timeline: v.timeline,
        columns: v.columns,
        targets: { storeIds: v.storeIds ?? [], groupKinds: v.groupKinds ?? [], groupIds: v.groupIds ?? [] },
        delivery: v.delivery,
        horizonDays: v.horizonDays,
        status: v.active ? 'active' : 'paused',
        // Items whose column was removed or renamed away are dropped.
        items: items
          .filter((i) => v.columns.some((c) => c.name === i.column))
          .map(({ key: _key, ...i }) => ({ ...i, weekday: v.timeline === 'weekly' ? i.weekday : null })),
      };
      return calendar
        ? api<TSopCalendar>(`/api/sops/calendars/${calendar.id}`, { method: 'PATCH', body })
        : api<TSopCalendar>('/api/sops/calendars', { method: 'POST', body });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['sops'] });
      onClose();
    },
  });

  const days: (number | null)[] = timeline === 'weekly' ? [...WEEKDAYS] : [null];
  const cellItems = (column: string, day: number | null) =>
    items
      .filter((i) => i.column === column && (timeline === 'daily' || i.weekday === day))
      .sort((a, b) => a.time.localeCompare(b.time));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1100}
      title={calendar ? t('sops.calendar.edit') : t('sops.calendar.new')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="sop-calendar-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<TForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!v.storeIds?.length && !v.groupKinds?.length && !v.groupIds?.length) {
            form.setFields([{ name: 'storeIds', errors: [t('sops.calendar.targetsRequired')] }]);
            return;
          }
          save.mutate(v);
        }}
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label={t('sops.calendar.name')}
            rules={[{ required: true, whitespace: true, message: t('sops.calendar.nameRequired') }]}
            style={{ minWidth: 280, flex: 1 }}
          >
            <Input maxLength={64} data-testid="sop-calendar-name" />
          </Form.Item>
          <Form.Item name="timeline" label={t('sops.calendar.col.timeline')}>
            <Radio.Group
              optionType="button"
              options={(['weekly', 'daily'] as const).map((v) => ({ value: v, label: t(`sops.timeline.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="horizonDays" label={t('sops.calendar.horizon')} tooltip={t('sops.calendar.horizonHelp')}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item name="active" label={t('common.status')} valuePropName="checked">
            <Switch checkedChildren={t('sops.status.active')} unCheckedChildren={t('sops.status.paused')} />
          </Form.Item>
        </Flex>
        <Form.Item label={t('sops.calendar.columns')} required>
          <Form.List
            name="columns"
            rules={[
              {
                validator: async (_, cols: TSopColumn[] | undefined) => {
                  if (!cols?.length) throw new Error(t('sops.calendar.columnsRequired'));
                  const names = cols.map((c) => c?.name?.trim());
                  if (new Set(names).size !== names.length) throw new Error(t('sops.calendar.columnDuplicate'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex gap={8} wrap align="center">
                {fields.map((f) => (
                  <Space.Compact key={f.key}>
                    <Form.Item name={[f.name, 'color']} noStyle>
                      <Input type="color" style={{ width: 40, padding: 2 }} aria-label="color" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, whitespace: true }]}>
                      <Input placeholder={t('sops.calendar.columnName')} maxLength={20} style={{ width: 120 }} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Space.Compact>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', color: COLORS[fields.length % COLORS.length] })}
                  disabled={fields.length >= 12}
                  data-testid="sop-add-column"
                >
                  {t('sops.calendar.addColumn')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Typography.Text strong>{t('sops.calendar.targets')}</Typography.Text>
        <Flex gap={16} wrap style={{ marginTop: 8 }}>
          <Form.Item name="storeIds" label={t('sops.calendar.targetStores')} style={{ minWidth: 260, flex: 1 }}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={stores.map((s) => ({ value: s.id, label: s.name }))}
              data-testid="sop-target-stores"
            />
          </Form.Item>
          <Form.Item name="groupKinds" label={t('sops.calendar.targetKinds')} style={{ minWidth: 200 }}>
            <Select
              mode="multiple"
              allowClear
              options={GROUP_KINDS.map((k) => ({ value: k, label: t(`sops.groupKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="groupIds" label={t('sops.calendar.targetGroups')} style={{ minWidth: 260, flex: 1 }}>
            <GroupMultiSelect />
          </Form.Item>
        </Flex>
        <Form.Item
          name="delivery"
          label={t('sops.calendar.deliveryLabel')}
          extra={delivery === 'auto' ? t('sops.delivery.autoHelp') : t('sops.delivery.taskHelp')}
        >
          <Radio.Group options={(['task', 'auto'] as const).map((v) => ({ value: v, label: t(`sops.delivery.${v}`) }))} />
        </Form.Item>
      </Form>

      <Typography.Title level={5}>{t('sops.calendar.grid')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sops.calendar.gridHelp')}</Typography.Paragraph>
      {columns.length === 0 ? (
        <Typography.Text type="secondary">{t('sops.calendar.noColumnsYet')}</Typography.Text>
      ) : (
        <Table<TSopColumn>
          size="small"
          bordered
          pagination={false}
          rowKey="name"
          dataSource={columns}
          scroll={{ x: 120 + days.length * 150 }}
          data-testid="sop-calendar-grid"
          columns={[
            {
              title: t('sops.calendar.columns'),
              dataIndex: 'name',
              width: 120,
              fixed: 'left' as const,
              render: (name: string, c) => <Typography.Text style={{ color: c.color, fontWeight: 600 }}>{name}</Typography.Text>,
            },
            ...days.map((day) => ({
              title: day === null ? t('sops.everyDay') : t(`sops.weekday.${day}`),
              key: String(day),
              width: 140,
              render: (_: unknown, c: TSopColumn) => (
                <Flex vertical gap={4}>
                  {cellItems(c.name, day).map((i) => (
                    <Tooltip key={i.key} title={i.content.text}>
                      <Button
                        size="small"
                        style={{ borderColor: c.color, justifyContent: 'flex-start', overflow: 'hidden' }}
                        onClick={() => setEditing(i)}
                      >
                        {i.time} {i.title}
                      </Button>
                    </Tooltip>
                  ))}
                  <Button
                    size="small"
                    type="dashed"
                    icon={<PlusOutlined />}
                    aria-label={t('sops.calendar.addItem')}
                    data-testid={`sop-cell-add-${c.name}-${day ?? 'all'}`}
                    onClick={() =>
                      setEditing(withKey({ column: c.name, weekday: day, time: '10:00', title: '', content: EMPTY_CONTENT }))
                    }
                  />
                </Flex>
              ),
            })),
          ]}
        />
      )}
      <ItemModal
        item={editing}
        onCancel={() => setEditing(null)}
        onRemove={(i) => {
          setItems((list) => list.filter((x) => x.key !== i.key));
          setEditing(null);
        }}
        onOk={(i) => {
          setItems((list) => (list.some((x) => x.key === i.key) ? list.map((x) => (x.key === i.key ? i : x)) : [...list, i]));
          setEditing(null);
        }}
      />
    </Drawer>
  );
};
