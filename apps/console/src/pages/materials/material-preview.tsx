import { Descriptions, Flex, Image, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { formatBytes, type TMaterial } from './types.ts';

/** A material shown whole: the image, the video player, the file's link, or the card's fields. */
export const MaterialPreview = ({ material, onClose }: { material: TMaterial | null; onClose: () => void }) => {
  const { t } = useTranslation();
  const m = material;
  return (
    <Modal open={m !== null} title={m?.title} footer={null} onCancel={onClose} width={640} destroyOnHidden>
      {m ? (
        <Flex vertical gap={12}>
          {(m.type === 'image' || m.type === 'poster') && m.fileUrl ? (
            <Image src={m.fileUrl} alt={m.title} style={{ maxHeight: 420, objectFit: 'contain' }} />
          ) : null}
          {m.type === 'video' && m.fileUrl ? (
            // biome-ignore lint/a11y/useMediaCaption: operators' own product videos carry no caption track
            <video src={m.fileUrl} controls style={{ width: '100%', maxHeight: 420 }} />
          ) : null}
          {m.type === 'file' && m.fileUrl ? (
            <Typography.Link href={m.fileUrl} target="_blank" rel="noreferrer">
              {t('materials.download')}: {m.fileName}
            </Typography.Link>
          ) : null}
          {m.type === 'link' && m.linkUrl ? (
            <Typography.Link href={m.linkUrl} target="_blank" rel="noreferrer">
              {m.linkUrl}
            </Typography.Link>
          ) : null}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('materials.fields.type')}>{t(`materials.types.${m.type}`)}</Descriptions.Item>
            {m.description ? (
              <Descriptions.Item label={t('materials.fields.description')}>{m.description}</Descriptions.Item>
            ) : null}
            {m.appId ? <Descriptions.Item label={t('materials.fields.appId')}>{m.appId}</Descriptions.Item> : null}
            {m.pagePath ? <Descriptions.Item label={t('materials.fields.pagePath')}>{m.pagePath}</Descriptions.Item> : null}
            {m.byteSize ? (
              <Descriptions.Item label={t('materials.fields.size')}>
                {formatBytes(m.byteSize)} · {m.mimeType}
              </Descriptions.Item>
            ) : null}
            {m.tags.length ? (
              <Descriptions.Item label={t('materials.fields.tags')}>
                {m.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('materials.fields.usageCount')}>{m.usageCount}</Descriptions.Item>
            <Descriptions.Item label={t('materials.fields.createdAt')}>
              {formatDateTime(m.createdAt)} {m.createdBy ? `· ${m.createdBy}` : ''}
            </Descriptions.Item>
          </Descriptions>
        </Flex>
      ) : null}
    </Modal>
  );
};
