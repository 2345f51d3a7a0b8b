import {
  AppstoreOutlined,
  FileImageOutlined,
  FileOutlined,
  LinkOutlined,
  PictureOutlined,
  PlusOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import {
  CONTENT_VARIABLES,
  isImageMaterial,
  MATERIAL_TYPES,
  renderPreview,
  type TMaterial,
  type TMaterialType,
  type TScript,
  unknownVariables,
} from '../pages/materials/types.ts';
import type { TPage } from '../types.ts';

/**
 * A content reference as every send stores it (the server's `TContentRef`): text with
 * `{{variables}}`, up to 9 materials from the library, and/or a script whose text goes first.
 */
export type TContentRefValue = { text?: string; materialIds: number[]; scriptId?: number };

export const EMPTY_CONTENT: TContentRefValue = { text: '', materialIds: [] };

/** A value from a form or the server as a complete TContentRefValue (a missing `materialIds` is []). */
export const normalizeContent = (value: Partial<TContentRefValue> | null | undefined): TContentRefValue => ({
  ...value,
  text: value?.text ?? '',
  materialIds: value?.materialIds ?? [],
});

/** What keeps a content reference from being saved, as i18n keys (empty when it is fine). */
export function contentRefProblems(value: Partial<TContentRefValue> | null | undefined): string[] {
  const v = normalizeContent(value);
  const problems: string[] = [];
  if (!v.text?.trim() && v.materialIds.length === 0 && v.scriptId === undefined) problems.push('materials.editor.empty');
  if (unknownVariables(v.text ?? '').length > 0) problems.push('materials.editor.unknownVariable');
  if (v.materialIds.length > 9) problems.push('materials.editor.tooMany');
  return problems;
}

/**
 * An antd Form rule for a ContentEditor field.
 * @example
 * <Form.Item name="content" rules={[contentRule(t)]}><ContentEditor /></Form.Item>
 */
export const contentRule = (t: (key: string) => string) => ({
  validator: async (_: unknown, value: Partial<TContentRefValue> | null | undefined) => {
    const [problem] = contentRefProblems(value);
    if (problem) throw new Error(t(problem));
  },
});

export const materialTypeIcon = (type: TMaterialType): ReactNode => {
  switch (type) {
    case 'image':
      return <PictureOutlined />;
    case 'video':
      return <VideoCameraOutlined />;
    case 'file':
      return <FileOutlined />;
    case 'link':
      return <LinkOutlined />;
    case 'miniprogram':
      return <AppstoreOutlined />;
    case 'poster':
      return <FileImageOutlined />;
  }
};

/** A small square preview: the image itself for images and posters, else the type's icon. */
export const MaterialThumb = ({ material, size = 40 }: { material: TMaterial; size?: number }) =>
  isImageMaterial(material) && material.fileUrl ? (
    <img
      src={material.fileUrl}
      alt={material.title}
      width={size}
      height={size}
      loading="lazy"
      style={{ objectFit: 'cover', borderRadius: 4, background: '#f5f5f5' }}
    />
  ) : (
    <Flex
      align="center"
      justify="center"
      style={{ width: size, height: size, borderRadius: 4, background: '#f5f5f5', fontSize: size / 2.2, color: '#8c8c8c' }}
    >
      {materialTypeIcon(material.type)}
    </Flex>
  );

/** Materials by id (for showing chosen ones), in the order of `ids`. */
export const useMaterialsByIds = (ids: readonly number[]) =>
  useQuery({
    queryKey: ['materials', 'byIds', [...ids].sort((a, b) => a - b).join(',')],
    queryFn: () => api<TPage<TMaterial>>('/api/materials', { query: { ids: [...ids], pageSize: 50 } }),
    enabled: ids.length > 0,
    staleTime: 30_000,
  });

type TPickerProps = {
  open: boolean;
  /** Ids chosen so far (kept, in order, and extended by the new choice). */
  selected: number[];
  max?: number;
  onOk: (ids: number[]) => void;
  onCancel: () => void;
};

/** A modal to choose up to `max` materials: search, type filter, thumbnails, paging. */
export const MaterialPickerModal = ({ open, selected, max = 9, onOk, onCancel }: TPickerProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<TMaterialType | undefined>();
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<number[]>(selected);
  const q = useDebounced(search.trim());
  // Start from the caller's choice each time the modal opens (React's "adjust state on a prop change").
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setChosen(selected);
  }
  const list = useQuery({
    queryKey: ['materials', 'picker', q, type, page],
    queryFn: () => api<TPage<TMaterial>>('/api/materials', { query: { q, type, page, pageSize: 8 } }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const toggle = (id: number, on: boolean) =>
    setChosen((prev) => (on ? (prev.includes(id) || prev.length >= max ? prev : [...prev, id]) : prev.filter((x) => x !== id)));
  return (
    <Modal
      open={open}
      title={t('materials.editor.pickTitle', { max })}
      width={760}
      onCancel={onCancel}
      onOk={() => onOk(chosen)}
      okText={t('materials.editor.pickOk', { count: chosen.length })}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('materials.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          data-testid="material-picker-search"
        />
        <Select<TMaterialType>
          allowClear
          style={{ width: 160 }}
          placeholder={t('materials.fields.type')}
          value={type}
          onChange={(v) => {
            setType(v);
            setPage(1);
          }}
          options={MATERIAL_TYPES.map((v) => ({ value: v, label: t(`materials.types.${v}`) }))}
        />
      </Flex>
      {chosen.length >= max ? (
        <Alert type="info" showIcon title={t('materials.editor.maxReached', { max })} style={{ marginBottom: 8 }} />
      ) : null}
      <Table<TMaterial>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('materials.empty') }}
        pagination={{
          current: page,
          pageSize: 8,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        rowSelection={{
          selectedRowKeys: chosen,
          preserveSelectedRowKeys: true,
          hideSelectAll: true,
          onSelect: (row, on) => toggle(row.id, on),
          getCheckboxProps: (row) => ({
            disabled: !chosen.includes(row.id) && chosen.length >= max,
            'data-testid': `material-pick-${row.id}`,
          }),
        }}
        columns={[
          { key: 'thumb', width: 56, render: (_, m) => <MaterialThumb material={m} /> },
          {
            title: t('materials.fields.title'),
            dataIndex: 'title',
            render: (title: string, m) => (
              <Flex vertical>
                <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                  {title}
                </Typography.Text>
                <Space size={2} wrap>
                  {m.tags.map((tag) => (
                    <Tag key={tag} style={{ marginInlineEnd: 2 }}>
                      {tag}
                    </Tag>
                  ))}
                </Space>
              </Flex>
            ),
          },
          {
            title: t('materials.fields.type'),
            dataIndex: 'type',
            width: 110,
            render: (v: TMaterialType) => t(`materials.types.${v}`),
          },
          { title: t('materials.fields.usageCount'), dataIndex: 'usageCount', width: 90 },
        ]}
      />
    </Modal>
  );
};

const useScriptSearch = (q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['scripts', 'picker', q],
    queryFn: () => api<TPage<TScript>>('/api/scripts', { query: { q, enabled: 'true', pageSize: 20 } }),
    enabled,
    placeholderData: keepPreviousData,
  });

const useScript = (id: number | undefined) =>
  useQuery({
    queryKey: ['scripts', 'one', id],
    queryFn: () => api<TScript>(`/api/scripts/${id}`, { silent: true }),
    enabled: id !== undefined,
    staleTime: 30_000,
  });

type TProps = {
  value?: Partial<TContentRefValue> | null;
  onChange?: (v: TContentRefValue) => void;
  disabled?: boolean;
  /** Offer the script picker (default true). */
  allowScript?: boolean;
  /** At most this many materials (WeCom allows 9 attachments). */
  maxMaterials?: number;
  rows?: number;
  placeholder?: string;
  'data-testid'?: string;
};

/**
 * A form control for a content reference: a text area with variable buttons and a live preview,
 * materials chosen from the library (up to 9, in order) and optionally a script. Use it inside an
 * antd `Form.Item` (it takes `value`/`onChange`) with `contentRule(t)`.
 * @example
 * <Form.Item name="content" label={t('x.content')} rules={[contentRule(t)]}>
 *   <ContentEditor data-testid="broadcast-content" />
 * </Form.Item>
 */
export const ContentEditor = ({
  value,
  onChange,
  disabled,
  allowScript = true,
  maxMaterials = 9,
  rows = 4,
  placeholder,
  'data-testid': testId = 'content-editor',
}: TProps) => {
  const { t } = useTranslation();
  const textRef = useRef<TextAreaRef>(null);
  const [picking, setPicking] = useState(false);
  const [scriptSearch, setScriptSearch] = useState('');
  const v = normalizeContent(value);
  const set = (next: Partial<TContentRefValue>) => onChange?.({ ...v, ...next });
  const text = v.text ?? '';

  const chosen = useMaterialsByIds(v.materialIds);
  const byId = new Map((chosen.data?.items ?? []).map((m) => [m.id, m]));
  const scripts = useScriptSearch(useDebounced(scriptSearch.trim()), allowScript && !disabled);
  const script = useScript(v.scriptId);
  const scriptOptions = (scripts.data?.items ?? []).map((s) => ({ value: s.id, label: s.title }));
  if (script.data && !scriptOptions.some((o) => o.value === script.data.id))
    scriptOptions.unshift({ value: script.data.id, label: script.data.title });

  const insert = (variable: string) => {
    const el = textRef.current?.resizableTextArea?.textArea;
    const at = el ? el.selectionStart : text.length;
    const token = `{{${variable}}}`;
    set({ text: `${text.slice(0, at)}${token}${text.slice(at)}` });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const unknown = unknownVariables(text);
  const previewText = [script.data && v.scriptId !== undefined ? renderPreview(script.data.body) : '', renderPreview(text)]
    .filter((s) => s.trim())
    .join('\n');

  return (
    <Flex vertical gap={8} data-testid={testId}>
      {allowScript ? (
        <Select<number>
          allowClear
          disabled={disabled}
          value={v.scriptId}
          placeholder={t('materials.editor.scriptPlaceholder')}
          showSearch={{ filterOption: false, onSearch: setScriptSearch }}
          loading={scripts.isFetching}
          options={scriptOptions}
          notFoundContent={t('common.noData')}
          onChange={(id) => set({ scriptId: id ?? undefined })}
          data-testid={`${testId}-script`}
        />
      ) : null}
      <Space size={4} wrap>
        <Typography.Text type="secondary">{t('materials.editor.insertVariable')}</Typography.Text>
        {CONTENT_VARIABLES.map((name) => (
          <Button key={name} size="small" disabled={disabled} onClick={() => insert(name)} data-testid={`${testId}-var-${name}`}>
            {t(`materials.variables.${name}`)}
          </Button>
        ))}
      </Space>
      <Input.TextArea
        ref={textRef}
        value={text}
        disabled={disabled}
        rows={rows}
        maxLength={4000}
        showCount
        placeholder={placeholder ?? t('materials.editor.textPlaceholder')}
        onChange={(e) => set({ text: e.target.value })}
        data-testid={`${testId}-text`}
      />
      {unknown.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('materials.editor.unknownVariables', {
            names: unknown.join(', '),
            allowed: CONTENT_VARIABLES.join(', '),
          })}
        />
      ) : null}
      <Flex gap={6} wrap align="center">
        {v.materialIds.map((id) => {
          const m = byId.get(id);
          return (
            <Tag
              key={id}
              closable={!disabled}
              onClose={(e) => {
                e.preventDefault();
                set({ materialIds: v.materialIds.filter((x) => x !== id) });
              }}
              style={{ display: 'inline-flex', alignItems: 'center', gap: 6, padding: 4 }}
              data-testid={`${testId}-material-${id}`}
            >
              {m ? <MaterialThumb material={m} size={24} /> : null}
              <Tooltip title={m ? t(`materials.types.${m.type}`) : undefined}>
                <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {m ? m.title : chosen.isLoading ? `#${id}` : t('materials.editor.missing', { id })}
                </span>
              </Tooltip>
            </Tag>
          );
        })}
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled || v.materialIds.length >= maxMaterials}
          onClick={() => setPicking(true)}
          data-testid={`${testId}-add-material`}
        >
          {t('materials.editor.addMaterial', { count: v.materialIds.length, max: maxMaterials })}
        </Button>
      </Flex>
      {previewText || v.materialIds.length > 0 ? (
        <div
          style={{
            background: '#f6ffed',
            border: '1px solid #b7eb8f',
            borderRadius: 6,
            padding: '6px 10px',
            whiteSpace: 'pre-wrap',
          }}
          data-testid={`${testId}-preview`}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('materials.editor.preview')}
          </Typography.Text>
          <div>{previewText}</div>
          {v.materialIds.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('materials.editor.previewAttachments', { count: v.materialIds.length })}
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
      <MaterialPickerModal
        open={picking}
        selected={v.materialIds}
        max={maxMaterials}
        onCancel={() => setPicking(false)}
        onOk={(ids) => {
          set({ materialIds: ids });
          setPicking(false);
        }}
      />
    </Flex>
  );
};
