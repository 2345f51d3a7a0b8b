import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { UploadProps } from 'antd';
import { App, Button, Checkbox, Flex, Progress, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api.ts';

const MiB = 1024 * 1024;
// The server's upload-rules.ts (WeCom's limits); checked here first so a big file is not sent for nothing.
const LIMITS: Record<string, number> = {
  png: 10,
  jpg: 10,
  jpeg: 10,
  gif: 10,
  webp: 10,
  mp4: 10,
  pdf: 20,
  docx: 20,
  xlsx: 20,
  pptx: 20,
  zip: 20,
};
const ACCEPT = Object.keys(LIMITS)
  .map((e) => `.${e}`)
  .join(',');

type TUploadState = { name: string; percent: number };

/** Sends one file as multipart with progress (fetch has no upload progress, so XHR). */
function sendUpload(file: File, fields: Record<string, string>, onProgress: (percent: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/materials/upload');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string } } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A non-JSON answer (proxy page): reported by status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else
        reject(
          new ApiError(xhr.status, body?.error?.code ?? `HTTP_${xhr.status}`, body?.error?.message ?? xhr.statusText, undefined),
        );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.send(fd);
  });
}

/** Upload to the library: several files at once, each checked for type and size, with progress. */
export const UploadButton = ({ folderId }: { folderId: number | null }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [uploads, setUploads] = useState<TUploadState[]>([]);
  const [asPoster, setAsPoster] = useState(false);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
    const max = LIMITS[ext];
    if (!max) {
      void message.error(t('materials.uploadHint'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > max * MiB) {
      void message.error(t('materials.tooBig', { name: file.name, max }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const f = file as File;
    const fields: Record<string, string> = {};
    if (folderId) fields.folderId = String(folderId);
    if (asPoster && /\.(png|jpe?g|gif|webp)$/i.test(f.name)) fields.poster = 'true';
    setUploads((u) => [...u, { name: f.name, percent: 0 }]);
    const setPercent = (percent: number) => setUploads((u) => u.map((x) => (x.name === f.name ? { ...x, percent } : x)));
    sendUpload(f, fields, (p) => {
      setPercent(p);
      onProgress?.({ percent: p });
    })
      .then((body) => {
        onSuccess?.(body);
        void message.success(t('materials.uploaded', { name: f.name }));
        void qc.invalidateQueries({ queryKey: ['materials'] });
        void qc.invalidateQueries({ queryKey: ['material-folders'] });
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        void message.error(`${f.name}: ${errorText(err)}`);
      })
      .finally(() => setUploads((u) => u.filter((x) => x.name !== f.name)));
  };

  return (
    <Flex align="center" gap={8}>
      <Checkbox checked={asPoster} onChange={(e) => setAsPoster(e.target.checked)}>
        {t('materials.fields.poster')}
      </Checkbox>
      <Upload
        multiple
        accept={ACCEPT}
        showUploadList={false}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
        data-testid="material-upload"
      >
        <Tooltip title={t('materials.uploadHint')}>
          <Button type="primary" icon={<UploadOutlined />} data-testid="material-upload-button">
            {t('materials.upload')}
          </Button>
        </Tooltip>
      </Upload>
      {uploads.length > 0 ? (
        <Flex vertical style={{ width: 160 }}>
          {uploads.map((u) => (
            <Tooltip key={u.name} title={u.name}>
              <Progress percent={u.percent} size="small" format={(p) => t('materials.uploading', { percent: p ?? 0 })} />
            </Tooltip>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
};
