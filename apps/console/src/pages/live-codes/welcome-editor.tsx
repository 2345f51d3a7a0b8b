import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type TAttachment, type TAttachmentType, type TMessageContent, WELCOME_VARIABLES } from './types.ts';

const MAX_ATTACHMENTS = 9;
const TYPES: TAttachmentType[] = ['image', 'link', 'miniprogram', 'video', 'file'];

const blank = (type: TAttachmentType): TAttachment => {
  switch (type) {
    case 'image':
    case 'video':
      return { type, url: '' };
    case 'link':
      return { type, title: '', url: '' };
    case 'miniprogram':
      return { type, title: '', appId: '', page: '' };
    case 'file':
      return { type, url: '' };
  }
};

/** What is missing in a welcome message, as i18n keys (empty when it can be saved). */
export function welcomeProblems(content: TMessageContent | null | undefined): string[] {
  if (!content) return [];
  const problems: string[] = [];
  if (!content.text?.trim() && content.attachments.length === 0) problems.push('liveCodes.welcome.empty');
  for (const a of content.attachments) {
    const missing =
      (a.type === 'link' && (!a.title.trim() || !a.url.trim())) ||
      (a.type === 'miniprogram' && (!a.title.trim() || !a.appId.trim() || !a.page.trim())) ||
      ((a.type === 'image' || a.type === 'video' || a.type === 'file') && !a.url.trim());
    if (missing) {
      problems.push('liveCodes.welcome.attachmentIncomplete');
      break;
    }
  }
  return problems;
}

const AttachmentFields = ({ value, onChange }: { value: TAttachment; onChange: (a: TAttachment) => void }) => {
  const { t } = useTranslation();
  const field = (key: string, v: string | undefined, placeholder: string, set: (s: string) => TAttachment, max = 2048) => (
    <Input
      key={key}
      size="small"
      value={v ?? ''}
      maxLength={max}
      placeholder={placeholder}
      onChange={(e) => onChange(set(e.target.value))}
    />
  );
  switch (value.type) {
    case 'image':
    case 'video':
      return field('url', value.url, t('liveCodes.welcome.url'), (url) => ({ ...value, url }));
    case 'file':
      return (
        <Flex vertical gap={4}>
          {field('url', value.url, t('liveCodes.welcome.url'), (url) => ({ ...value, url }))}
          {field('name', value.name, t('liveCodes.welcome.fileName'), (name) => ({ ...value, name: name || undefined }), 256)}
        </Flex>
      );
    case 'link':
      return (
        <Flex vertical gap={4}>
          {field('title', value.title, t('liveCodes.welcome.linkTitle'), (title) => ({ ...value, title }), 128)}
          {field('url', value.url, t('liveCodes.welcome.url'), (url) => ({ ...value, url }))}
          {field(
            'description',
            value.description,
            t('liveCodes.welcome.description'),
            (description) => ({ ...value, description: description || undefined }),
            512,
          )}
          {field('picUrl', value.picUrl, t('liveCodes.welcome.picUrl'), (picUrl) => ({ ...value, picUrl: picUrl || undefined }))}
        </Flex>
      );
    case 'miniprogram':
      return (
        <Flex vertical gap={4}>
          {field('title', value.title, t('liveCodes.welcome.mpTitle'), (title) => ({ ...value, title }), 64)}
          {field('appId', value.appId, t('liveCodes.welcome.appId'), (appId) => ({ ...value, appId }), 64)}
          {field('page', value.page, t('liveCodes.welcome.page'), (page) => ({ ...value, page }), 1024)}
          {field('picUrl', value.picUrl, t('liveCodes.welcome.picUrl'), (picUrl) => ({ ...value, picUrl: picUrl || undefined }))}
        </Flex>
      );
  }
};

type TProps = { value?: TMessageContent | null; onChange?: (v: TMessageContent | null) => void };

/**
 * The welcome message of a code: the default text, or the code's own text plus up to 9 attachments
 * (image, link, mini-program card, video, file) with {customer_name}, {staff_name}, {store_name}.
 */
export const WelcomeEditor = ({ value, onChange }: TProps) => {
  const { t } = useTranslation();
  const textRef = useRef<TextAreaRef>(null);
  const content = value ?? null;
  const set = (next: Partial<TMessageContent>) => onChange?.({ text: '', attachments: [], ...content, ...next });

  const insert = (variable: string) => {
    const text = content?.text ?? '';
    const el = textRef.current?.resizableTextArea?.textArea;
    const at = el ? el.selectionStart : text.length;
    const token = `{${variable}}`;
    set({ text: `${text.slice(0, at)}${token}${text.slice(at)}` });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <Flex vertical gap={8}>
      <Radio.Group
        value={content ? 'custom' : 'default'}
        onChange={(e) =>
          onChange?.(e.target.value === 'custom' ? { text: t('liveCodes.welcome.sample'), attachments: [] } : null)
        }
        options={[
          { value: 'default', label: t('liveCodes.welcome.useDefault') },
          { value: 'custom', label: t('liveCodes.welcome.useCustom') },
        ]}
      />
      {content ? (
        <>
          <Input.TextArea
            ref={textRef}
            value={content.text ?? ''}
            maxLength={4000}
            showCount
            autoSize={{ minRows: 3, maxRows: 8 }}
            placeholder={t('liveCodes.welcome.textPlaceholder')}
            onChange={(e) => set({ text: e.target.value })}
            data-testid="live-code-welcome-text"
          />
          <Flex gap={6} align="center" wrap>
            <Typography.Text type="secondary">{t('liveCodes.welcome.insert')}</Typography.Text>
            {WELCOME_VARIABLES.map((v) => (
              <Tag.CheckableTag key={v} checked={false} onChange={() => insert(v)}>
                {t(`liveCodes.variables.${v}`)} {`{${v}}`}
              </Tag.CheckableTag>
            ))}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('liveCodes.welcome.variableHelp')}
          </Typography.Text>
          {content.attachments.map((a, i) => (
            // Attachments have no identity of their own; their position is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Card key={i} size="small">
              <Flex gap={8} align="flex-start">
                <Select<TAttachmentType>
                  size="small"
                  value={a.type}
                  style={{ width: 120 }}
                  onChange={(type) => set({ attachments: content.attachments.map((old, j) => (j === i ? blank(type) : old)) })}
                  options={TYPES.map((type) => ({ value: type, label: t(`liveCodes.welcome.types.${type}`) }))}
                />
                <div style={{ flex: 1 }}>
                  <AttachmentFields
                    value={a}
                    onChange={(next) => set({ attachments: content.attachments.map((old, j) => (j === i ? next : old)) })}
                  />
                </div>
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => set({ attachments: content.attachments.filter((_, j) => j !== i) })}
                />
              </Flex>
            </Card>
          ))}
          <Space>
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              disabled={content.attachments.length >= MAX_ATTACHMENTS}
              onClick={() => set({ attachments: [...content.attachments, blank('image')] })}
            >
              {t('liveCodes.welcome.addAttachment')}
            </Button>
            <Typography.Text type="secondary">
              {t('liveCodes.welcome.attachmentCount', { n: content.attachments.length, max: MAX_ATTACHMENTS })}
            </Typography.Text>
          </Space>
        </>
      ) : (
        <Typography.Text type="secondary">{t('liveCodes.welcome.defaultHint')}</Typography.Text>
      )}
    </Flex>
  );
};
