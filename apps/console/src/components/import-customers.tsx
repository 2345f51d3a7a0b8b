import { DownloadOutlined, DownOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Modal, Space, Statistic, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiDownload } from '../api.ts';
import type { TImportResult } from '../types.ts';

const MAX_BYTES = 20 * 1024 * 1024;

/** Import button (CSV/XLSX upload → result modal listing row errors) plus template downloads. */
export const ImportCustomers = () => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setLocalError(null);
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setLocalError(t('customers.import.wrongType'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setLocalError(t('customers.import.tooLarge'));
      return;
    }
    const fd = new FormData();
    fd.append('file', file, file.name);
    setUploading(true);
    try {
      const r = await api<TImportResult>('/api/customers/import', { method: 'POST', body: fd });
      setResult(r);
      void qc.invalidateQueries({ queryKey: ['customers'] });
      void qc.invalidateQueries({ queryKey: ['dashboard-summary'] });
    } catch {
      // The API layer has already shown the error.
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <Space.Compact>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="customer-import">
            {t('customers.import.button')}
          </Button>
        </Upload>
        <Dropdown
          menu={{
            items: [
              { key: 'csv', label: t('customers.import.templateCsv') },
              { key: 'xlsx', label: t('customers.import.templateXlsx') },
            ],
            onClick: ({ key }) =>
              void apiDownload('/api/customers/import/template', { format: key }, `customers-template.${key}`).catch(
                () => undefined,
              ),
          }}
        >
          <Button icon={<DownOutlined />} aria-label={t('customers.import.template')} />
        </Dropdown>
      </Space.Compact>
      <Modal
        open={localError !== null}
        title={t('customers.import.title')}
        onCancel={() => setLocalError(null)}
        onOk={() => setLocalError(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={localError} />
      </Modal>
      <Modal
        open={result !== null}
        title={t('customers.import.resultTitle')}
        width={720}
        onCancel={() => setResult(null)}
        footer={
          <Button type="primary" onClick={() => setResult(null)}>
            {t('common.close')}
          </Button>
        }
      >
        {result ? (
          <>
            <Space size={40} style={{ marginBottom: 16 }}>
              <Statistic title={t('customers.import.total')} value={result.total} />
              <Statistic title={t('customers.import.created')} value={result.created} />
              <Statistic title={t('customers.import.updated')} value={result.updated} />
              <Statistic
                title={t('customers.import.failed')}
                value={result.failed}
                styles={{ content: { color: result.failed > 0 ? '#cf1322' : undefined } }}
              />
            </Space>
            {result.errors.length > 0 ? (
              <>
                <Alert type="warning" showIcon title={t('customers.import.fixHint')} style={{ marginBottom: 12 }} />
                <Table
                  size="small"
                  rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.message}`}
                  dataSource={result.errors}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: t('customers.import.row'), dataIndex: 'row', width: 80 },
                    {
                      title: t('customers.import.column'),
                      dataIndex: 'column',
                      width: 140,
                      render: (v: string | null) => v ?? '—',
                    },
                    { title: t('customers.import.message'), dataIndex: 'message' },
                  ]}
                />
              </>
            ) : (
              <Alert type="success" showIcon title={t('customers.import.allGood')} />
            )}
          </>
        ) : null}
      </Modal>
    </>
  );
};

/** Export dropdown: downloads the list with the current filters as CSV or XLSX. */
export const ExportCustomers = ({ filters }: { filters: Record<string, string | number | boolean | number[] | undefined> }) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (format: string) => {
    setBusy(true);
    try {
      await apiDownload('/api/customers/export', { ...filters, format }, `customers.${format}`);
    } catch {
      // Already shown by the API layer.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'csv', label: t('customers.exportCsv') },
          { key: 'xlsx', label: t('customers.exportXlsx') },
        ],
        onClick: ({ key }) => void run(key),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="customer-export">
        {t('customers.export')} <DownOutlined />
      </Button>
    </Dropdown>
  );
};
