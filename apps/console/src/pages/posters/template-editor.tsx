import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  ColorPicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { type PointerEvent as ReactPointerEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, errorText } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import {
  ELEMENTS,
  elementBox,
  issuePaths,
  LIMITS,
  outOfBounds,
  POSTER_USES,
  previewLayout,
  rescaleLayout,
  type TElement,
  type TPosterImage,
  type TPosterLayout,
  type TPosterTemplate,
  type TPosterUse,
  type TTextBox,
} from './poster-api.ts';

const PREVIEW_WIDTH = 360;
const SIZE_PRESETS = [
  { key: 'phone', width: 750, height: 1334 },
  { key: 'tall', width: 1080, height: 1920 },
  { key: 'card', width: 750, height: 1000 },
  { key: 'square', width: 800, height: 800 },
] as const;
const ELEMENT_COLORS: Record<TElement, string> = {
  avatar: '#13c2c2',
  name: '#722ed1',
  title: '#fa541c',
  subtitle: '#eb2f96',
  qr: '#1677ff',
};

const hex = (v: { toHexString: () => string }) => v.toHexString().slice(0, 7).toUpperCase();
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

type TSample = { name: string; title: string; subtitle: string };

/** Create or edit a poster template: controls on the left, the server-rendered preview with draggable boxes on the right. */
export const TemplateEditor = ({ id }: { id: number | null }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();

  const existing = useQuery({
    queryKey: ['poster-template', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<TPosterTemplate>(`/api/poster-templates/${id}`, { signal }),
  });
  const builtin = useQuery({
    queryKey: ['poster-builtin'],
    enabled: id === null,
    queryFn: ({ signal }) => api<{ layout: TPosterLayout }>('/api/poster-templates/builtin', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const source = id === null ? builtin : existing;

  const [name, setName] = useState('');
  const [uses, setUses] = useState<TPosterUse[]>(['generic']);
  const [defaultFor, setDefaultFor] = useState<TPosterUse[]>([]);
  const [layout, setLayout] = useState<TPosterLayout | null>(null);
  const [sample, setSample] = useState<TSample>({ name: '', title: '', subtitle: '' });
  const [selected, setSelected] = useState<TElement>('qr');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ path: string; message: string }[]>([]);
  const [triedSave, setTriedSave] = useState(false);

  // Load once: the template (or the built-in layout for a new one) seeds the editor.
  const seeded = useRef(false);
  useEffect(() => {
    if (seeded.current) return;
    if (id !== null && existing.data) {
      seeded.current = true;
      setName(existing.data.name);
      setUses(existing.data.uses);
      setDefaultFor(existing.data.defaultFor);
      setLayout(existing.data.layout);
    } else if (id === null && builtin.data) {
      seeded.current = true;
      setName(t('posters.newTemplateName'));
      setLayout(builtin.data.layout);
    }
  }, [id, existing.data, builtin.data, t]);

  const change = (fn: (l: TPosterLayout) => TPosterLayout) => {
    setLayout((l) => (l ? fn(l) : l));
    setDirty(true);
    setServerIssues([]);
  };
  const setBox = <K extends TElement>(el: K, patch: Partial<TPosterLayout[K]>) =>
    change((l) => ({ ...l, [el]: { ...l[el], ...patch } }));

  // The live preview: the server renders the unsaved layout, debounced while the user edits or drags.
  const [preview, setPreview] = useState<{ url: string; width: number; height: number } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const problems = useMemo(() => (layout ? outOfBounds(layout) : []), [layout]);
  useEffect(() => {
    if (!layout || problems.length > 0) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setPreviewing(true);
      previewLayout(
        {
          layout,
          name: sample.name || undefined,
          title: sample.title || undefined,
          subtitle: sample.subtitle || undefined,
        },
        controller.signal,
        Math.min(layout.width, PREVIEW_WIDTH * 2),
      )
        .then((url) => {
          setPreview((old) => {
            if (old) URL.revokeObjectURL(old.url);
            return { url, width: layout.width, height: layout.height };
          });
          setPreviewError(null);
        })
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setPreviewError(errorText(err));
        })
        .finally(() => setPreviewing(false));
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [layout, sample, problems.length]);
  // Free the last preview's object URL when the editor closes.
  const lastPreview = useRef<string | null>(null);
  useEffect(() => {
    lastPreview.current = preview?.url ?? null;
  }, [preview]);
  useEffect(
    () => () => {
      if (lastPreview.current) URL.revokeObjectURL(lastPreview.current);
    },
    [],
  );

  // Dragging a box on the preview moves the element; coordinates are the poster's pixels.
  const drag = useRef<{ el: TElement; startX: number; startY: number; x: number; y: number } | null>(null);
  const scale = layout ? PREVIEW_WIDTH / layout.width : 1;
  const onPointerDown = (el: TElement) => (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!layout) return;
    const b = elementBox(layout, el);
    drag.current = { el, startX: e.clientX, startY: e.clientY, x: b.x, y: b.y };
    setSelected(el);
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || !layout) return;
    const b = elementBox(layout, d.el);
    const x = clamp(Math.round(d.x + (e.clientX - d.startX) / scale), 0, layout.width - b.w);
    const y = clamp(Math.round(d.y + (e.clientY - d.startY) / scale), 0, layout.height - b.h);
    if (x !== b.x || y !== b.y) setBox(d.el, { x, y } as never);
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const upload = async (file: File) => {
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      void message.error(t('posters.editor.imageType'));
      return;
    }
    if (file.size > LIMITS.maxImageBytes) {
      void message.error(t('posters.editor.imageTooLarge'));
      return;
    }
    const fd = new FormData();
    fd.append('file', file);
    setUploading(true);
    try {
      const image = await api<TPosterImage>('/api/poster-images', { method: 'POST', body: fd });
      change((l) => ({
        ...l,
        background: { kind: 'image', imageId: image.id, color: l.background.kind === 'color' ? l.background.color : '#FFFFFF' },
      }));
      if (layout && Math.abs(image.width / image.height - layout.width / layout.height) > 0.02) {
        void message.info(t('posters.editor.imageCropped', { w: image.width, h: image.height }));
      }
    } catch {
      // The API helper already showed the error.
    } finally {
      setUploading(false);
    }
  };

  const issueFor = (prefix: string) => serverIssues.filter((i) => i.path.startsWith(prefix));
  const nameError = triedSave && !name.trim() ? t('posters.editor.nameRequired') : issueFor('name')[0]?.message;
  const usesError = triedSave && uses.length === 0 ? t('posters.editor.usesRequired') : issueFor('uses')[0]?.message;

  const save = async () => {
    setTriedSave(true);
    if (!layout || !name.trim() || uses.length === 0 || problems.length > 0) {
      void message.error(t('posters.editor.fixErrors'));
      return;
    }
    setSaving(true);
    try {
      const body = { name: name.trim(), uses, layout };
      const saved =
        id === null
          ? await api<TPosterTemplate>('/api/poster-templates', { method: 'POST', body, silent: true })
          : await api<TPosterTemplate>(`/api/poster-templates/${id}`, { method: 'PATCH', body, silent: true });
      // Defaults: set those ticked, clear those unticked (only uses the template still serves).
      const wanted = defaultFor.filter((u) => uses.includes(u));
      for (const u of wanted.filter((u) => !saved.defaultFor.includes(u))) {
        await api('/api/poster-defaults', { method: 'PUT', body: { use: u, templateId: saved.id } });
      }
      for (const u of saved.defaultFor.filter((u) => !wanted.includes(u))) {
        await api('/api/poster-defaults', { method: 'PUT', body: { use: u, templateId: null } });
      }
      void qc.invalidateQueries({ queryKey: ['poster-templates'] });
      void qc.invalidateQueries({ queryKey: ['poster-template', saved.id] });
      void qc.invalidateQueries({ queryKey: ['poster-defaults'] });
      void message.success(t('common.saved'));
      setDirty(false);
      navigate('/posters');
    } catch (err) {
      const issues = issuePaths(err);
      setServerIssues(issues);
      void message.error(issues.length ? t('posters.editor.fixErrors') : errorText(err));
      if (err instanceof ApiError && err.status === 404) void qc.invalidateQueries({ queryKey: ['poster-templates'] });
    } finally {
      setSaving(false);
    }
  };

  const back = () => navigate('/posters');
  const title = id === null ? t('posters.newTemplate') : t('posters.editor.editTitle', { name: existing.data?.name ?? '' });

  if (source.isError) {
    return (
      <>
        <PageHeader title={title} extra={<Button onClick={back}>{t('posters.backToList')}</Button>} />
        <QueryError error={source.error} onRetry={() => void source.refetch()} />
      </>
    );
  }
  if (!layout) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const textControls = (el: 'name' | 'title' | 'subtitle') => {
    const b: TTextBox = layout[el];
    return (
      <>
        {el !== 'name' ? (
          <Form.Item label={t('posters.editor.defaultText')} extra={t('posters.editor.defaultTextHint')}>
            <Input
              value={b.text ?? ''}
              maxLength={LIMITS.maxTextLength}
              showCount
              onChange={(e) => setBox(el, { text: e.target.value })}
              data-testid={`poster-${el}-text`}
            />
          </Form.Item>
        ) : null}
        <Space wrap>
          <Form.Item label={t('posters.editor.width')}>
            <InputNumber
              min={LIMITS.minTextWidth}
              max={layout.width}
              value={b.width}
              onChange={(v) => v !== null && setBox(el, { width: v })}
            />
          </Form.Item>
          <Form.Item label={t('posters.editor.fontSize')}>
            <InputNumber
              min={LIMITS.minFontSize}
              max={LIMITS.maxFontSize}
              value={b.fontSize}
              onChange={(v) => v !== null && setBox(el, { fontSize: v })}
            />
          </Form.Item>
          <Form.Item label={t('posters.editor.maxLines')}>
            <InputNumber
              min={1}
              max={LIMITS.maxLines}
              value={b.maxLines}
              onChange={(v) => v !== null && setBox(el, { maxLines: v })}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item label={t('posters.editor.color')}>
            <ColorPicker disabledAlpha value={b.color} onChangeComplete={(c) => setBox(el, { color: hex(c) })} showText />
          </Form.Item>
          <Form.Item label={t('posters.editor.align')}>
            <Segmented
              value={b.align}
              onChange={(v) => setBox(el, { align: v as TTextBox['align'] })}
              options={(['left', 'center', 'right'] as const).map((a) => ({
                value: a,
                label: t(`posters.editor.alignOption.${a}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('posters.editor.bold')}>
            <Switch checked={b.bold} onChange={(v) => setBox(el, { bold: v })} />
          </Form.Item>
        </Space>
      </>
    );
  };

  const elementCard = (el: TElement) => {
    const box = elementBox(layout, el);
    const out = problems.includes(el);
    const serverErrors = issueFor(`layout.${el}`);
    const canHide = el !== 'qr';
    return (
      <Card
        key={el}
        size="small"
        title={
          <Space>
            <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: ELEMENT_COLORS[el] }} />
            {t(`posters.element.${el}`)}
          </Space>
        }
        extra={
          canHide ? (
            <Switch
              size="small"
              checked={box.visible}
              checkedChildren={t('posters.editor.shown')}
              unCheckedChildren={t('posters.editor.hidden')}
              onChange={(v) => setBox(el, { visible: v } as never)}
              data-testid={`poster-${el}-visible`}
            />
          ) : null
        }
        style={{ marginBottom: 12, borderColor: selected === el ? ELEMENT_COLORS[el] : undefined }}
        onClick={() => setSelected(el)}
        data-testid={`poster-element-${el}`}
      >
        {out ? <Alert type="error" showIcon title={t('posters.editor.outOfBounds')} style={{ marginBottom: 8 }} /> : null}
        {serverErrors.map((i) => (
          <Alert key={i.path + i.message} type="error" showIcon title={i.message} style={{ marginBottom: 8 }} />
        ))}
        <Space wrap>
          <Form.Item label="X">
            <InputNumber min={0} max={layout.width} value={box.x} onChange={(v) => v !== null && setBox(el, { x: v } as never)} />
          </Form.Item>
          <Form.Item label="Y">
            <InputNumber
              min={0}
              max={layout.height}
              value={box.y}
              onChange={(v) => v !== null && setBox(el, { y: v } as never)}
            />
          </Form.Item>
          {el === 'avatar' ? (
            <Form.Item label={t('posters.editor.size')}>
              <InputNumber
                min={LIMITS.minAvatarSize}
                max={LIMITS.maxAvatarSize}
                value={layout.avatar.size}
                onChange={(v) => v !== null && setBox('avatar', { size: v })}
              />
            </Form.Item>
          ) : null}
          {el === 'qr' ? (
            <Form.Item label={t('posters.editor.size')} extra={t('posters.editor.qrSizeHint')}>
              <InputNumber
                min={LIMITS.minQrSize}
                max={LIMITS.maxQrSize}
                value={layout.qr.size}
                onChange={(v) => v !== null && setBox('qr', { size: v })}
                data-testid="poster-qr-size"
              />
            </Form.Item>
          ) : null}
        </Space>
        {el === 'avatar' ? (
          <Form.Item label={t('posters.editor.shape')}>
            <Segmented
              value={layout.avatar.shape}
              onChange={(v) => setBox('avatar', { shape: v as TPosterLayout['avatar']['shape'] })}
              options={(['circle', 'rounded', 'square'] as const).map((s) => ({
                value: s,
                label: t(`posters.editor.shapeOption.${s}`),
              }))}
            />
          </Form.Item>
        ) : null}
        {el === 'qr' ? (
          <Space wrap>
            <Form.Item label={t('posters.editor.qrColor')}>
              <ColorPicker
                disabledAlpha
                value={layout.qr.color}
                onChangeComplete={(c) => setBox('qr', { color: hex(c) })}
                showText
              />
            </Form.Item>
            <Form.Item label={t('posters.editor.qrBackground')}>
              <ColorPicker
                disabledAlpha
                value={layout.qr.background}
                onChangeComplete={(c) => setBox('qr', { background: hex(c) })}
                showText
              />
            </Form.Item>
          </Space>
        ) : null}
        {el === 'name' || el === 'title' || el === 'subtitle' ? textControls(el) : null}
      </Card>
    );
  };

  const bg = layout.background;
  return (
    <>
      <PageHeader
        title={title}
        extra={
          <>
            {dirty ? (
              <Popconfirm title={t('posters.editor.discardConfirm')} onConfirm={back}>
                <Button icon={<ArrowLeftOutlined />}>{t('posters.backToList')}</Button>
              </Popconfirm>
            ) : (
              <Button icon={<ArrowLeftOutlined />} onClick={back}>
                {t('posters.backToList')}
              </Button>
            )}
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="poster-save">
              {t('common.save')}
            </Button>
          </>
        }
      />
      <Row gutter={24}>
        <Col xs={24} lg={13} xl={12}>
          <Form layout="vertical" component="div" size="small">
            <Card size="small" title={t('posters.editor.basics')} style={{ marginBottom: 12 }}>
              <Form.Item
                label={t('posters.editor.name')}
                required
                validateStatus={nameError ? 'error' : undefined}
                help={nameError}
              >
                <Input
                  value={name}
                  maxLength={60}
                  onChange={(e) => {
                    setName(e.target.value);
                    setDirty(true);
                  }}
                  data-testid="poster-name"
                />
              </Form.Item>
              <Form.Item
                label={t('posters.editor.uses')}
                required
                validateStatus={usesError ? 'error' : undefined}
                help={usesError ?? t('posters.editor.usesHint')}
              >
                <Checkbox.Group
                  value={uses}
                  onChange={(v) => {
                    setUses(v as TPosterUse[]);
                    setDirty(true);
                  }}
                  options={POSTER_USES.map((u) => ({ value: u, label: t(`posters.use.${u}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('posters.editor.defaultFor')} extra={t('posters.editor.defaultForHint')}>
                <Checkbox.Group
                  value={defaultFor.filter((u) => uses.includes(u))}
                  onChange={(v) => {
                    setDefaultFor(v as TPosterUse[]);
                    setDirty(true);
                  }}
                  options={uses.map((u) => ({ value: u, label: t(`posters.use.${u}`) }))}
                />
              </Form.Item>
            </Card>
            <Card size="small" title={t('posters.editor.canvas')} style={{ marginBottom: 12 }}>
              <Space wrap>
                <Form.Item label={t('posters.editor.preset')}>
                  <Select
                    style={{ width: 200 }}
                    value={SIZE_PRESETS.find((p) => p.width === layout.width && p.height === layout.height)?.key ?? null}
                    placeholder={t('posters.editor.custom')}
                    onChange={(k) => {
                      const p = SIZE_PRESETS.find((x) => x.key === k);
                      if (p) change((l) => rescaleLayout(l, p.width, p.height));
                    }}
                    options={SIZE_PRESETS.map((p) => ({
                      value: p.key,
                      label: `${t(`posters.editor.presetOption.${p.key}`)} ${p.width}×${p.height}`,
                    }))}
                  />
                </Form.Item>
                <Form.Item label={t('posters.editor.width')}>
                  <InputNumber
                    min={LIMITS.minWidth}
                    max={LIMITS.maxWidth}
                    value={layout.width}
                    onChange={(v) => v !== null && change((l) => ({ ...l, width: v }))}
                  />
                </Form.Item>
                <Form.Item label={t('posters.editor.height')}>
                  <InputNumber
                    min={LIMITS.minHeight}
                    max={LIMITS.maxHeight}
                    value={layout.height}
                    onChange={(v) => v !== null && change((l) => ({ ...l, height: v }))}
                  />
                </Form.Item>
              </Space>
            </Card>
            <Card size="small" title={t('posters.editor.background')} style={{ marginBottom: 12 }}>
              <Form.Item>
                <Segmented
                  value={bg.kind}
                  onChange={(k) =>
                    change((l) => {
                      const base = l.background.kind === 'gradient' ? l.background.from : l.background.color;
                      if (k === 'color') return { ...l, background: { kind: 'color', color: base } };
                      if (k === 'gradient')
                        return { ...l, background: { kind: 'gradient', from: base, to: '#FFFFFF', angle: 0 } };
                      return l;
                    })
                  }
                  options={[
                    { value: 'color', label: t('posters.editor.bgColor') },
                    { value: 'gradient', label: t('posters.editor.bgGradient') },
                    { value: 'image', label: t('posters.editor.bgImage'), disabled: bg.kind !== 'image' },
                  ]}
                />
              </Form.Item>
              <Space wrap align="start">
                {bg.kind === 'color' || bg.kind === 'image' ? (
                  <Form.Item label={bg.kind === 'image' ? t('posters.editor.bgFallback') : t('posters.editor.color')}>
                    <ColorPicker
                      disabledAlpha
                      value={bg.color}
                      showText
                      onChangeComplete={(c) => change((l) => ({ ...l, background: { ...bg, color: hex(c) } }))}
                    />
                  </Form.Item>
                ) : null}
                {bg.kind === 'gradient' ? (
                  <>
                    <Form.Item label={t('posters.editor.gradientFrom')}>
                      <ColorPicker
                        disabledAlpha
                        value={bg.from}
                        showText
                        onChangeComplete={(c) => change((l) => ({ ...l, background: { ...bg, from: hex(c) } }))}
                      />
                    </Form.Item>
                    <Form.Item label={t('posters.editor.gradientTo')}>
                      <ColorPicker
                        disabledAlpha
                        value={bg.to}
                        showText
                        onChangeComplete={(c) => change((l) => ({ ...l, background: { ...bg, to: hex(c) } }))}
                      />
                    </Form.Item>
                    <Form.Item label={t('posters.editor.angle')}>
                      <InputNumber
                        min={0}
                        max={359}
                        value={bg.angle}
                        suffix="°"
                        onChange={(v) => v !== null && change((l) => ({ ...l, background: { ...bg, angle: v } }))}
                      />
                    </Form.Item>
                  </>
                ) : null}
                <Form.Item label={t('posters.editor.bgImage')} extra={t('posters.editor.imageHint')}>
                  <Space>
                    <Upload
                      accept="image/png,image/jpeg"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void upload(file);
                        return Upload.LIST_IGNORE;
                      }}
                    >
                      <Button icon={<UploadOutlined />} loading={uploading} data-testid="poster-upload">
                        {bg.kind === 'image' ? t('posters.editor.replaceImage') : t('posters.editor.uploadImage')}
                      </Button>
                    </Upload>
                    {bg.kind === 'image' ? (
                      <>
                        <img
                          src={`/api/poster-images/${bg.imageId}`}
                          alt=""
                          style={{ height: 40, borderRadius: 4, border: '1px solid #eee' }}
                        />
                        <Button
                          size="small"
                          onClick={() => change((l) => ({ ...l, background: { kind: 'color', color: bg.color } }))}
                        >
                          {t('posters.editor.removeImage')}
                        </Button>
                      </>
                    ) : null}
                  </Space>
                </Form.Item>
              </Space>
              {issueFor('layout.background').map((i) => (
                <Alert key={i.path} type="error" showIcon title={i.message} />
              ))}
            </Card>
            {ELEMENTS.map(elementCard)}
          </Form>
        </Col>
        <Col xs={24} lg={11} xl={12}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Card size="small" title={t('posters.editor.preview')} extra={previewing ? <Spin size="small" /> : null}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('posters.editor.dragHint')}
              </Typography.Paragraph>
              {problems.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 8 }}
                  title={t('posters.editor.previewPaused', {
                    list: problems.map((p) => t(`posters.element.${p}`)).join(t('common.listSep')),
                  })}
                />
              ) : null}
              {previewError ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={previewError} /> : null}
              <div
                style={{
                  position: 'relative',
                  width: PREVIEW_WIDTH,
                  height: Math.round(layout.height * scale),
                  background: '#f0f0f0',
                  userSelect: 'none',
                  touchAction: 'none',
                  margin: '0 auto',
                  boxShadow: '0 1px 6px rgba(0,0,0,0.12)',
                }}
                data-testid="poster-preview"
              >
                {/* A preview of another canvas size would be stretched: show none until the new one arrives. */}
                {preview && preview.width === layout.width && preview.height === layout.height ? (
                  <img
                    src={preview.url}
                    alt={t('posters.editor.preview')}
                    draggable={false}
                    style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', opacity: problems.length ? 0.4 : 1 }}
                  />
                ) : null}
                {ELEMENTS.map((el) => {
                  const b = elementBox(layout, el);
                  if (!b.visible) return null;
                  return (
                    <div
                      key={el}
                      role="presentation"
                      title={t(`posters.element.${el}`)}
                      onPointerDown={onPointerDown(el)}
                      onPointerMove={onPointerMove}
                      onPointerUp={onPointerUp}
                      onPointerCancel={onPointerUp}
                      data-testid={`poster-box-${el}`}
                      style={{
                        position: 'absolute',
                        left: b.x * scale,
                        top: b.y * scale,
                        width: b.w * scale,
                        height: b.h * scale,
                        border: `${selected === el ? 2 : 1}px dashed ${problems.includes(el) ? '#ff4d4f' : ELEMENT_COLORS[el]}`,
                        background: selected === el ? `${ELEMENT_COLORS[el]}1A` : 'transparent',
                        cursor: 'move',
                        boxSizing: 'border-box',
                      }}
                    />
                  );
                })}
              </div>
            </Card>
            <Card size="small" title={t('posters.editor.sample')} style={{ marginTop: 12 }}>
              <Flex vertical gap={8}>
                <Input
                  addonBefore={t('posters.element.name')}
                  placeholder="王芳"
                  maxLength={LIMITS.maxTextLength}
                  value={sample.name}
                  onChange={(e) => setSample((s) => ({ ...s, name: e.target.value }))}
                />
                <Input
                  addonBefore={t('posters.element.title')}
                  placeholder={layout.title.text}
                  maxLength={LIMITS.maxTextLength}
                  value={sample.title}
                  onChange={(e) => setSample((s) => ({ ...s, title: e.target.value }))}
                />
                <Input
                  addonBefore={t('posters.element.subtitle')}
                  placeholder={layout.subtitle.text}
                  maxLength={LIMITS.maxTextLength}
                  value={sample.subtitle}
                  onChange={(e) => setSample((s) => ({ ...s, subtitle: e.target.value }))}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('posters.editor.sampleHint')}
                </Typography.Text>
              </Flex>
            </Card>
          </div>
        </Col>
      </Row>
    </>
  );
};
