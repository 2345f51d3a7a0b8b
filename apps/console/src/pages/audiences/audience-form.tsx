import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import {
  AudienceBuilder,
  EMPTY_AUDIENCE,
  isAudienceComplete,
  type TAudienceExpression,
} from '../../components/audience-builder.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { AUDIENCES_KEY, type TSavedAudience } from './types.ts';

type TValues = { name: string; description?: string; expression: TAudienceExpression };

const Editor = ({ audience }: { audience?: TSavedAudience }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TValues>();
  const save = useMutation({
    mutationFn: (v: TValues) => {
      const body = { name: v.name.trim(), description: v.description?.trim() || undefined, expression: v.expression };
      return audience
        ? api<TSavedAudience>(`/api/audiences/${audience.id}`, { method: 'PATCH', body })
        : api<TSavedAudience>('/api/audiences', { method: 'POST', body });
    },
    onSuccess: () => {
      void message.success(t('audiences.saved'));
      void queryClient.invalidateQueries({ queryKey: [AUDIENCES_KEY] });
      navigate('/audiences');
    },
  });
  return (
    <Form<TValues>
      form={form}
      layout="vertical"
      initialValues={{
        name: audience?.name ?? '',
        description: audience?.description ?? '',
        expression: audience?.expression ?? EMPTY_AUDIENCE,
      }}
      onFinish={(v) => {
        if (!isAudienceComplete(v.expression)) {
          void message.warning(t('audiences.incompleteSave'));
          return;
        }
        save.mutate(v);
      }}
    >
      <Card>
        <Form.Item
          name="name"
          label={t('audiences.form.name')}
          rules={[{ required: true, whitespace: true, message: t('audiences.form.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('audiences.form.namePlaceholder')} data-testid="audience-name" />
        </Form.Item>
        <Form.Item name="description" label={t('audiences.form.description')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="expression" label={t('audiences.form.expression')}>
          <AudienceBuilder />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="audience-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate('/audiences')}>{t('common.cancel')}</Button>
        </Space>
      </Card>
    </Form>
  );
};

/** Create (`/audiences/new`) or edit (`/audiences/:id/edit`) a saved audience with the builder. */
export const AudienceForm = () => {
  const { t } = useTranslation();
  const { id } = useParams();
  const audienceId = id ? Number(id) : null;
  const existing = useQuery({
    queryKey: [AUDIENCES_KEY, 'one', audienceId],
    queryFn: ({ signal }) => api<TSavedAudience>(`/api/audiences/${audienceId}`, { signal }),
    enabled: audienceId !== null,
  });
  return (
    <>
      <PageHeader title={audienceId ? t('audiences.editAudience') : t('audiences.newAudience')} />
      {audienceId === null ? (
        <Editor />
      ) : existing.isError ? (
        <QueryError error={existing.error} onRetry={() => void existing.refetch()} />
      ) : existing.data ? (
        <Editor audience={existing.data} />
      ) : (
        <Skeleton active />
      )}
    </>
  );
};
