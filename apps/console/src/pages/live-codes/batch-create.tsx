import {
  Alert,
  App,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api.ts';
import { TagSelect } from '../../components/tag-select.tsx';
import { useStores } from '../../lib/queries.ts';
import { ScheduleEditor } from './schedule-editor.tsx';
import type { TBatchResult, TFolder, TMessageContent, TSchedule } from './types.ts';
import { WelcomeEditor, welcomeProblems } from './welcome-editor.tsx';

// Stores per request: small enough to show progress, large enough not to crawl.
const CHUNK = 10;

type TValues = {
  storeIds: number[];
  nameTemplate: string;
  channelTemplate: string;
  folderId?: number | null;
  dailyCap?: number | null;
  schedule: TSchedule | null;
  tagIds: number[];
  remarkTemplate?: string;
  welcome: TMessageContent | null;
  storeManagersAsBackup: boolean;
  skipExisting: boolean;
};

type TResultRow = TBatchResult['results'][number];

/** One code per store with the store's guides as the pool; results per store as the batch runs. */
export const BatchCreate = ({
  open,
  folders,
  onClose,
  onDone,
}: {
  open: boolean;
  folders: TFolder[];
  onClose: () => void;
  onDone: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TValues>();
  const { stores, isPending } = useStores();
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [results, setResults] = useState<TResultRow[]>([]);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setResults([]);
    setDone(0);
    setTotal(0);
    setFatal(null);
  }, [open, form]);

  const run = async (v: TValues) => {
    setRunning(true);
    setResults([]);
    setFatal(null);
    setDone(0);
    setTotal(v.storeIds.length);
    const shared = {
      nameTemplate: v.nameTemplate.trim(),
      channelTemplate: v.channelTemplate.trim(),
      folderId: v.folderId ?? null,
      dailyCap: v.dailyCap ?? null,
      schedule: v.schedule ?? null,
      tagIds: v.tagIds ?? [],
      remarkTemplate: v.remarkTemplate?.trim() || null,
      welcome: v.welcome,
      storeManagersAsBackup: v.storeManagersAsBackup,
      skipExisting: v.skipExisting,
    };
    const all: TResultRow[] = [];
    try {
      for (let i = 0; i < v.storeIds.length; i += CHUNK) {
        const chunk = v.storeIds.slice(i, i + CHUNK);
        const r = await api<TBatchResult>('/api/live-codes/batch', {
          method: 'POST',
          body: { ...shared, storeIds: chunk },
          silent: true,
        });
        all.push(...r.results);
        setResults([...all]);
        setDone(Math.min(v.storeIds.length, i + chunk.length));
      }
      const created = all.filter((r) => r.outcome === 'created').length;
      const failed = all.filter((r) => r.outcome === 'failed').length;
      if (failed) void message.warning(t('liveCodes.batch.doneWithFailures', { created, failed }));
      else void message.success(t('liveCodes.batch.done', { created }));
      onDone();
    } catch (err) {
      setFatal(errorText(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={running ? undefined : onClose}
      closable={!running}
      size="large"
      title={t('liveCodes.batch.title')}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose} disabled={running}>
            {t('common.close')}
          </Button>
          <Button
            type="primary"
            loading={running}
            data-testid="live-code-batch-run"
            onClick={() =>
              void form
                .validateFields()
                .then(run)
                .catch(() => undefined)
            }
          >
            {t('liveCodes.batch.run')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('liveCodes.batch.intro')}</Typography.Paragraph>
      <Form<TValues>
        form={form}
        layout="vertical"
        disabled={running}
        initialValues={{
          storeIds: [],
          nameTemplate: t('liveCodes.batch.nameSample'),
          channelTemplate: '{store_name}',
          schedule: null,
          tagIds: [],
          remarkTemplate: '{channel}-{date}',
          welcome: null,
          storeManagersAsBackup: true,
          skipExisting: true,
        }}
      >
        <Form.Item
          name="storeIds"
          label={t('liveCodes.batch.stores')}
          rules={[{ required: true, type: 'array', min: 1, message: t('liveCodes.batch.storesRequired') }]}
          extra={
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() =>
                form.setFieldValue(
                  'storeIds',
                  stores.filter((s) => s.status === 'open').map((s) => s.id),
                )
              }
            >
              {t('liveCodes.batch.allOpen', { n: stores.filter((s) => s.status === 'open').length })}
            </Button>
          }
        >
          <Select<number[]>
            mode="multiple"
            loading={isPending}
            showSearch={{ optionFilterProp: 'label' }}
            maxTagCount="responsive"
            options={stores.map((s) => ({ value: s.id, label: s.city ? `${s.name} · ${s.city}` : s.name }))}
            placeholder={t('common.store')}
            data-testid="live-code-batch-stores"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="nameTemplate"
            label={t('liveCodes.batch.nameTemplate')}
            style={{ flex: 1, minWidth: 220 }}
            rules={[{ required: true, whitespace: true, message: t('liveCodes.form.nameRequired') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="channelTemplate"
            label={t('liveCodes.batch.channelTemplate')}
            style={{ flex: 1, minWidth: 180 }}
            rules={[{ required: true, whitespace: true, message: t('liveCodes.form.channelRequired') }]}
          >
            <Input maxLength={32} />
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t('liveCodes.batch.templateHint')}
        </Typography.Paragraph>
        <Flex gap={16} wrap>
          <Form.Item name="folderId" label={t('liveCodes.fields.folder')} style={{ minWidth: 200 }}>
            <Select
              allowClear
              placeholder={t('liveCodes.folders.none')}
              options={folders.map((f) => ({ value: f.id, label: f.name }))}
            />
          </Form.Item>
          <Form.Item name="dailyCap" label={t('liveCodes.fields.dailyCap')}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} placeholder={t('liveCodes.form.noCap')} />
          </Form.Item>
        </Flex>
        <Form.Item name="schedule" label={t('liveCodes.fields.schedule')}>
          <ScheduleEditor />
        </Form.Item>
        <Form.Item name="tagIds" label={t('liveCodes.fields.tags')}>
          <TagSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="remarkTemplate" label={t('liveCodes.fields.remark')}>
          <Input maxLength={64} placeholder="{channel}-{date}" />
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
        <Flex gap={24} wrap>
          <Form.Item name="storeManagersAsBackup" label={t('liveCodes.batch.managersAsBackup')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="skipExisting" label={t('liveCodes.batch.skipExisting')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
      {total > 0 ? (
        <Flex vertical gap={8}>
          <Progress percent={Math.round((done / total) * 100)} status={fatal ? 'exception' : running ? 'active' : 'success'} />
          <Typography.Text>{t('liveCodes.batch.progress', { done, total })}</Typography.Text>
        </Flex>
      ) : null}
      {fatal ? <Alert type="error" showIcon title={fatal} style={{ marginTop: 8 }} /> : null}
      {results.length ? (
        <Table<TResultRow>
          size="small"
          style={{ marginTop: 12 }}
          rowKey="storeId"
          dataSource={results}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('common.store'), key: 'store', render: (_, r) => r.storeName ?? `#${r.storeId}` },
            { title: t('liveCodes.fields.name'), dataIndex: 'name', key: 'name', render: (v: string | null) => v ?? '—' },
            {
              title: t('common.status'),
              key: 'outcome',
              render: (_, r) => (
                <Tag color={r.outcome === 'created' ? 'green' : r.outcome === 'skipped' ? 'default' : 'red'}>
                  {t(`liveCodes.batch.outcomes.${r.outcome}`)}
                </Tag>
              ),
            },
            { title: t('liveCodes.batch.error'), dataIndex: 'error', key: 'error', render: (v: string | null) => v ?? '' },
          ]}
        />
      ) : null}
    </Drawer>
  );
};
