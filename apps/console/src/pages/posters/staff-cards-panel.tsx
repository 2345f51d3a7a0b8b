import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Row, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiDownload } from '../../api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { StaffSelect } from '../../components/staff-select.tsx';
import { formatDateTime } from '../../lib/format.ts';
import type { TPage } from '../../types.ts';
import type { TPosterDefaults, TPosterTemplate, TStaffCard } from './poster-api.ts';

/** Staff cards (员工名片): pick a staff member, see and download their card, copy the share link; choose the card template. */
export const StaffCardsPanel = ({ canEdit, defaultStaffId }: { canEdit: boolean; defaultStaffId: number | null }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [staffId, setStaffId] = useState<number | undefined>(defaultStaffId ?? undefined);
  const [templateId, setTemplateId] = useState<number | undefined>();

  const templates = useQuery({
    queryKey: ['poster-templates', 'staff_card', 'options'],
    queryFn: ({ signal }) =>
      api<TPage<TPosterTemplate>>('/api/poster-templates', { signal, query: { use: 'staff_card', page: 1, pageSize: 200 } }),
  });
  const defaults = useQuery({
    queryKey: ['poster-defaults'],
    queryFn: ({ signal }) => api<TPosterDefaults>('/api/poster-defaults', { signal }),
  });
  const card = useQuery({
    queryKey: ['staff-card', staffId, templateId],
    enabled: staffId !== undefined,
    queryFn: ({ signal }) => api<TStaffCard>(`/api/staff/${staffId}/card`, { signal, query: { templateId }, silent: true }),
    retry: false,
  });
  const setDefault = useMutation({
    mutationFn: (id: number | null) =>
      api<TPosterDefaults>('/api/poster-defaults', { method: 'PUT', body: { use: 'staff_card', templateId: id } }),
    onSuccess: () => {
      void message.success(t('posters.defaultSaved'));
      void qc.invalidateQueries({ queryKey: ['poster-defaults'] });
      void qc.invalidateQueries({ queryKey: ['poster-templates'] });
      void qc.invalidateQueries({ queryKey: ['staff-card'] });
    },
  });

  const defaultId = defaults.data?.staff_card ?? null;
  const options = [
    { value: 0, label: t('posters.builtin') },
    ...(templates.data?.items ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name })),
  ];
  const shownTemplate = templateId ?? defaultId ?? 0;
  const imageSrc = card.data ? (templateId ? `${card.data.imageUrl}?templateId=${templateId}` : card.data.imageUrl) : null;

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('posters.cards.copied'));
    } catch {
      void message.info(text);
    }
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('posters.cards.pick')} style={{ marginBottom: 16 }}>
          <Form layout="vertical" component="div">
            <Form.Item label={t('common.staff')} extra={t('posters.cards.pickHint')}>
              <StaffSelect
                value={staffId}
                onChange={setStaffId}
                status="active"
                style={{ width: '100%' }}
                testId="staff-card-staff"
              />
            </Form.Item>
            <Form.Item label={t('posters.cards.template')}>
              <Select
                value={shownTemplate}
                loading={templates.isPending}
                onChange={(v) => setTemplateId(v === 0 ? undefined : v)}
                options={options.map((o) => ({
                  ...o,
                  label: o.value === (defaultId ?? 0) ? `${o.label}（${t('posters.cards.isDefault')}）` : o.label,
                }))}
                data-testid="staff-card-template"
              />
            </Form.Item>
            {canEdit ? (
              <Button
                disabled={shownTemplate === (defaultId ?? 0)}
                loading={setDefault.isPending}
                onClick={() => setDefault.mutate(shownTemplate === 0 ? null : shownTemplate)}
              >
                {t('posters.cards.makeDefault')}
              </Button>
            ) : null}
            {templates.isSuccess && templates.data.items.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {t('posters.cards.noTemplates')}
              </Typography.Paragraph>
            ) : null}
          </Form>
        </Card>
        {card.data ? (
          <Card size="small" title={t('posters.cards.details')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('posters.cards.adds')}>{card.data.adds}</Descriptions.Item>
              <Descriptions.Item label={t('posters.cards.lastAdd')}>
                {card.data.lastAddAt ? formatDateTime(card.data.lastAddAt) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('posters.cards.state')}>
                <Typography.Text code>{card.data.state}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('posters.cards.shareLink')}>
                <Typography.Text
                  copyable={{ onCopy: () => void copy(card.data.shareImageUrl) }}
                  ellipsis
                  style={{ maxWidth: 320 }}
                >
                  {card.data.shareImageUrl}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
              {t('posters.cards.shareHint')}
            </Typography.Paragraph>
          </Card>
        ) : null}
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('posters.cards.preview')}
          extra={
            card.data ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void apiDownload(card.data.imageUrl, { templateId, download: 1 }, `staff-card-${card.data.staffId}.png`)
                }
                data-testid="staff-card-download"
              >
                {t('posters.cards.download')}
              </Button>
            ) : null
          }
        >
          {staffId === undefined ? <Empty description={t('posters.cards.pickFirst')} /> : null}
          {card.isFetching && !card.data ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
          {card.isError ? <QueryError error={card.error} onRetry={() => void card.refetch()} /> : null}
          {card.data && imageSrc ? (
            <Flex justify="center">
              <img
                src={imageSrc}
                alt={t('posters.cards.alt', { name: card.data.staffName })}
                style={{ width: 300, maxWidth: '100%', boxShadow: '0 1px 6px rgba(0,0,0,0.12)' }}
                data-testid="staff-card-image"
              />
            </Flex>
          ) : null}
          {card.data ? (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              title={t('posters.cards.qrHint', { name: card.data.staffName })}
            />
          ) : null}
        </Card>
      </Col>
    </Row>
  );
};
