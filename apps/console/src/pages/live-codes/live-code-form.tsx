import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Divider, Drawer, Flex, Form, Input, InputNumber, Radio, Select, Switch, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { TagSelect } from '../../components/tag-select.tsx';
import { ScheduleEditor } from './schedule-editor.tsx';
import { StaffPicker } from './staff-picker.tsx';
import { REMARK_VARIABLES, type TFolder, type TLiveCode, type TMessageContent, type TSchedule } from './types.ts';
import { WelcomeEditor, welcomeProblems } from './welcome-editor.tsx';

type TPoolRow = { staffId?: number; weight: number; dailyCap?: number | null; schedule?: TSchedule | null };

type TFormValues = {
  name: string;
  channelName: string;
  folderId?: number | null;
  status: 'active' | 'paused';
  pool: TPoolRow[];
  schedule: TSchedule | null;
  dailyCap?: number | null;
  backupStaffIds: number[];
  tagIds: number[];
  remarkTemplate?: string;
  welcome: TMessageContent | null;
  skipVerify: boolean;
};

const initialValues = (code: TLiveCode | null, folderId: number | null): TFormValues =>
  code
    ? {
        name: code.name,
        channelName: code.channelName,
        folderId: code.folderId,
        status: code.status === 'paused' ? 'paused' : 'active',
        pool: code.pool.map((m) => ({ staffId: m.staffId, weight: m.weight, dailyCap: m.dailyCap, schedule: m.schedule })),
        schedule: code.schedule,
        dailyCap: code.dailyCap,
        backupStaffIds: code.backupStaff.map((s) => s.staffId),
        tagIds: code.tagIds,
        remarkTemplate: code.remarkTemplate ?? '',
        welcome: code.welcome,
        skipVerify: code.skipVerify,
      }
    : {
        name: '',
        channelName: '',
        folderId,
        status: 'active',
        pool: [{ weight: 1 }],
        schedule: null,
        dailyCap: null,
        backupStaffIds: [],
        tagIds: [],
        remarkTemplate: '{channel}-{date}',
        welcome: null,
        skipVerify: true,
      };

const previewRemark = (template: string, channel: string, t: (k: string) => string) =>
  template
    .replace(/\{channel\}/g, channel || t('liveCodes.form.channelSample'))
    .replace(/\{date\}/g, new Date().toISOString().slice(0, 10).replace(/-/g, ''))
    .replace(/\{staff_name\}/g, t('liveCodes.variables.sampleStaff'))
    .replace(/\{customer_name\}/g, t('liveCodes.variables.sampleCustomer'))
    .replace(/\{store_name\}/g, t('liveCodes.variables.sampleStore'))
    .slice(0, 20);

/** Create or edit a live code in a drawer: pool with weights, schedules, caps, backups, tags, remark, welcome. */
export const LiveCodeForm = ({
  open,
  code,
  folders,
  defaultFolderId,
  onClose,
  onSaved,
}: {
  open: boolean;
  code: TLiveCode | null;
  folders: TFolder[];
  defaultFolderId: number | null;
  onClose: () => void;
  onSaved: (code: TLiveCode) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TFormValues>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(code, defaultFolderId));
  }, [open, code, defaultFolderId, form]);
  const known = useMemo(
    () => new Map([...(code?.pool ?? []), ...(code?.backupStaff ?? [])].map((s) => [s.staffId, s.name])),
    [code],
  );
  const pool = Form.useWatch('pool', form) ?? [];
  const remark = Form.useWatch('remarkTemplate', form) ?? '';
  const channel = Form.useWatch('channelName', form) ?? '';
  const weights = new Set(pool.map((p) => p?.weight ?? 1));

  const save = useMutation({
    mutationFn: (v: TFormValues) => {
      const body = {
        name: v.name.trim(),
        channelName: v.channelName.trim(),
        folderId: v.folderId ?? null,
        status: v.status,
        pool: v.pool.map((p) => ({
          staffId: p.staffId,
          weight: p.weight ?? 1,
          dailyCap: p.dailyCap ?? null,
          schedule: p.schedule ?? null,
        })),
        schedule: v.schedule ?? null,
        dailyCap: v.dailyCap ?? null,
        backupStaffIds: v.backupStaffIds ?? [],
        tagIds: v.tagIds ?? [],
        remarkTemplate: v.remarkTemplate?.trim() || null,
        welcome: v.welcome,
        skipVerify: v.skipVerify,
      };
      return code
        ? api<TLiveCode>(`/api/live-codes/${code.id}`, { method: 'PATCH', body })
        : api<TLiveCode>('/api/live-codes', { method: 'POST', body });
    },
    onSuccess: (saved) => {
      void message.success(code ? t('common.saved') : t('liveCodes.form.created'));
      if (saved.syncError) void message.warning(t('liveCodes.syncErrorToast'));
      onSaved(saved);
    },
  });

  const submit = () =>
    void form
      .validateFields()
      .then((v) => save.mutate(v))
      .catch(() => undefined);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={code ? t('liveCodes.form.editTitle', { name: code.name }) : t('liveCodes.form.createTitle')}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="live-code-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<TFormValues> form={form} layout="vertical" requiredMark="optional">
        <Typography.Title level={5}>{t('liveCodes.form.basics')}</Typography.Title>
        <Form.Item
          name="name"
          label={t('liveCodes.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('liveCodes.form.nameRequired') },
            { max: 64, message: t('liveCodes.form.tooLong', { max: 64 }) },
          ]}
        >
          <Input maxLength={64} placeholder={t('liveCodes.form.namePlaceholder')} data-testid="live-code-name" />
        </Form.Item>
        <Form.Item
          name="channelName"
          label={t('liveCodes.fields.channel')}
          extra={t('liveCodes.form.channelHint')}
          rules={[
            { required: true, whitespace: true, message: t('liveCodes.form.channelRequired') },
            { max: 32, message: t('liveCodes.form.tooLong', { max: 32 }) },
          ]}
        >
          <Input maxLength={32} placeholder={t('liveCodes.form.channelSample')} data-testid="live-code-channel" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="folderId" label={t('liveCodes.fields.folder')} style={{ minWidth: 220 }}>
            <Select
              allowClear
              placeholder={t('liveCodes.folders.none')}
              options={folders.map((f) => ({ value: f.id, label: f.name }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('common.status')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'active', label: t('liveCodes.status.active') },
                { value: 'paused', label: t('liveCodes.status.paused') },
              ]}
            />
          </Form.Item>
        </Flex>

        <Divider />
        <Typography.Title level={5}>{t('liveCodes.form.pool')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('liveCodes.form.poolHint')}</Typography.Paragraph>
        <Form.List
          name="pool"
          rules={[
            {
              validator: async (_, rows: TPoolRow[] | undefined) => {
                if (!rows || rows.length === 0) throw new Error(t('liveCodes.form.poolRequired'));
                const ids = rows.map((r) => r?.staffId).filter((id): id is number => id !== undefined);
                if (new Set(ids).size !== ids.length) throw new Error(t('liveCodes.form.poolDuplicate'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" data-testid={`live-code-pool-${index}`}>
                  <Flex gap={8} wrap align="flex-start">
                    <Form.Item
                      name={[field.name, 'staffId']}
                      label={t('common.staff')}
                      rules={[{ required: true, message: t('liveCodes.form.staffRequired') }]}
                      style={{ minWidth: 220, flex: 1, marginBottom: 8 }}
                    >
                      <StaffPicker known={known} testId={`live-code-pool-staff-${index}`} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'weight']}
                      label={t('liveCodes.fields.weight')}
                      tooltip={t('liveCodes.form.weightHint')}
                      rules={[{ required: true, message: t('liveCodes.form.weightRequired') }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={1} max={100} precision={0} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'dailyCap']}
                      label={t('liveCodes.fields.ownCap')}
                      tooltip={t('liveCodes.form.ownCapHint')}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber
                        min={1}
                        max={10000}
                        precision={0}
                        style={{ width: 110 }}
                        placeholder={t('liveCodes.form.codeCap')}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.remove')}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  </Flex>
                  <Form.Item name={[field.name, 'schedule']} style={{ marginBottom: 0 }}>
                    <ScheduleEditor toggleLabel={t('liveCodes.schedule.ownToggle')} />
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= 100}
                onClick={() => add({ weight: 1 })}
                data-testid="live-code-pool-add"
              >
                {t('liveCodes.form.addStaff')}
              </Button>
              {weights.size > 1 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('liveCodes.form.weightsActive')}
                </Typography.Text>
              ) : null}
            </Flex>
          )}
        </Form.List>

        <Divider />
        <Typography.Title level={5}>{t('liveCodes.form.routing')}</Typography.Title>
        <Form.Item name="schedule" label={t('liveCodes.fields.schedule')} extra={t('liveCodes.form.scheduleHint')}>
          <ScheduleEditor testId="live-code-schedule" />
        </Form.Item>
        <Form.Item name="dailyCap" label={t('liveCodes.fields.dailyCap')} extra={t('liveCodes.form.capHint')}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} placeholder={t('liveCodes.form.noCap')} />
        </Form.Item>
        <Form.Item name="backupStaffIds" label={t('liveCodes.fields.backups')} extra={t('liveCodes.form.backupHint')}>
          <StaffPicker multiple known={known} testId="live-code-backups" />
        </Form.Item>

        <Divider />
        <Typography.Title level={5}>{t('liveCodes.form.onAdd')}</Typography.Title>
        <Form.Item name="tagIds" label={t('liveCodes.fields.tags')} extra={t('liveCodes.form.tagsHint')}>
          <TagSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="remarkTemplate"
          label={t('liveCodes.fields.remark')}
          rules={[
            { max: 64, message: t('liveCodes.form.tooLong', { max: 64 }) },
            {
              validator: async (_, v: string | undefined) => {
                const unknown = [...(v ?? '').matchAll(/\{([a-z_]+)\}/g)]
                  .map((m) => m[1] ?? '')
                  .filter((name) => !(REMARK_VARIABLES as readonly string[]).includes(name));
                if (unknown.length) throw new Error(t('liveCodes.form.unknownVariable', { name: `{${unknown[0]}}` }));
              },
            },
          ]}
          extra={
            <Flex vertical gap={4}>
              <Flex gap={4} wrap>
                {REMARK_VARIABLES.map((v) => (
                  <Tag.CheckableTag
                    key={v}
                    checked={false}
                    onChange={() => form.setFieldValue('remarkTemplate', `${form.getFieldValue('remarkTemplate') ?? ''}{${v}}`)}
                  >
                    {t(`liveCodes.variables.${v}`)} {`{${v}}`}
                  </Tag.CheckableTag>
                ))}
              </Flex>
              {remark ? <span>{t('liveCodes.form.remarkPreview', { text: previewRemark(remark, channel, t) })}</span> : null}
              <span>{t('liveCodes.form.remarkHint')}</span>
            </Flex>
          }
        >
          <Input maxLength={64} placeholder="{channel}-{date}" data-testid="live-code-remark" />
        </Form.Item>
        <Form.Item
          name="welcome"
          label={t('liveCodes.fields.welcome')}
          rules={[
            {
              validator: async (_, v: TMessageContent | null) => {
                const [problem] = welcomeProblems(v);
                if (problem) throw new Error(t(problem));
              },
            },
          ]}
        >
          <WelcomeEditor />
        </Form.Item>
        <Form.Item
          name="skipVerify"
          label={t('liveCodes.fields.skipVerify')}
          valuePropName="checked"
          extra={t('liveCodes.form.skipVerifyHint')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
};
