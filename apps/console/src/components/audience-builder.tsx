import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Avatar,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../api.ts';
import { useTagGroups } from '../lib/queries.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { GroupSelect } from './group-select.tsx';
import { StaffSelect } from './staff-select.tsx';
import { StoreSelect } from './store-select.tsx';

// ---- The expression, as the API takes it (packages/core/src/modules/audiences/audience-expression.ts).

export type TAudienceScalar = string | number | boolean;
export type TAudienceAttrOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';
export type TAudienceExpression =
  | { all: TAudienceExpression[] }
  | { any: TAudienceExpression[] }
  | { not: TAudienceExpression }
  | { tag: string }
  | { untaggedIn: string }
  | { store: string }
  | { staff: string }
  | { inGroup: string }
  | { addedBetween: [string, string] }
  | { attr: string; op: TAudienceAttrOp; value: TAudienceScalar | TAudienceScalar[] };

export type TAudiencePreview = {
  count: number;
  sample: { id: number; name: string; avatar: string | null; storeId: number | null }[];
};

/** Everyone the caller may see: the builder's starting point. */
export const EMPTY_AUDIENCE: TAudienceExpression = { all: [] };

type TLeafKind = 'tag' | 'untaggedIn' | 'store' | 'staff' | 'inGroup' | 'addedBetween' | 'attr';
const LEAF_KINDS: TLeafKind[] = ['tag', 'untaggedIn', 'store', 'staff', 'inGroup', 'addedBetween', 'attr'];
const ATTR_OPS: TAudienceAttrOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'];
const BUILTIN_ATTRS = ['order_count', 'total_spent', 'last_order_date'] as const;
// The builder nests groups this deep at most (the API accepts 8 levels; NOT wrappers count too).
const MAX_GROUP_DEPTH = 3;

type TCustomerField = {
  id: number;
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  options: string[];
};
type TAttrType = TCustomerField['type'] | 'cents' | 'instant';

const isGroup = (e: TAudienceExpression): e is { all: TAudienceExpression[] } | { any: TAudienceExpression[] } =>
  'all' in e || 'any' in e;
const childrenOf = (e: { all: TAudienceExpression[] } | { any: TAudienceExpression[] }) => ('all' in e ? e.all : e.any);
const leafKindOf = (e: TAudienceExpression): TLeafKind | null => {
  for (const k of LEAF_KINDS) if (k in e) return k;
  return null;
};

const blankLeaf = (kind: TLeafKind): TAudienceExpression => {
  switch (kind) {
    case 'addedBetween':
      return { addedBetween: ['', ''] };
    case 'attr':
      return { attr: 'order_count', op: 'gte', value: 1 };
    default:
      return { [kind]: '' } as TAudienceExpression;
  }
};

/**
 * Whether every condition is filled in (ids chosen, dates set, values typed), so the expression can
 * be sent. Forms call it before saving; the builder previews only complete expressions.
 * @example
 * if (!isAudienceComplete(expression)) message.warning(t('audiences.builder.incomplete'));
 */
export const isAudienceComplete = (e: TAudienceExpression): boolean => {
  if ('all' in e) return e.all.every(isAudienceComplete);
  if ('any' in e) return e.any.every(isAudienceComplete);
  if ('not' in e) return isAudienceComplete(e.not);
  if ('addedBetween' in e) return e.addedBetween.every((x) => x.length > 0);
  if ('attr' in e) {
    if (!e.attr) return false;
    if (Array.isArray(e.value)) return e.value.length > 0;
    return e.value !== '';
  }
  const kind = leafKindOf(e);
  return kind !== null && /^[0-9]+$/.test(String((e as Record<string, unknown>)[kind]));
};

/** Counts the conditions (leaves), for summaries like "3 conditions". */
export const countConditions = (e: TAudienceExpression): number => {
  if ('all' in e) return e.all.reduce((n, c) => n + countConditions(c), 0);
  if ('any' in e) return e.any.reduce((n, c) => n + countConditions(c), 0);
  if ('not' in e) return countConditions(e.not);
  return 1;
};

// Local midnight of a day in Asia/Shanghai, as an instant with its offset (the API requires one).
const dayStart = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;
const dayEnd = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T23:59:59+08:00`;
const dayOf = (iso: string): Dayjs | null => (iso ? dayjs(iso.slice(0, 10)) : null);
const idValue = (s: string): number | undefined => (/^[0-9]+$/.test(s) ? Number(s) : undefined);

// ---- Single-choice tag and tag-group selects over the tag library (the shared TagSelect is multiple).

const TagOneSelect = ({ value, onChange }: { value: string; onChange: (id: string) => void }) => {
  const { t } = useTranslation();
  const { data, isPending } = useTagGroups();
  return (
    <Select<number>
      value={idValue(value)}
      onChange={(v) => onChange(String(v))}
      showSearch={{ optionFilterProp: 'label' }}
      loading={isPending}
      placeholder={t('audiences.builder.pickTag')}
      style={{ width: 240 }}
      options={(data?.items ?? []).map((g) => ({
        label: g.name,
        title: g.name,
        options: g.tags.map((tag) => ({ value: tag.id, label: tag.name })),
      }))}
      notFoundContent={t('common.noData')}
      data-testid="audience-tag-select"
    />
  );
};

const TagGroupSelect = ({ value, onChange }: { value: string; onChange: (id: string) => void }) => {
  const { t } = useTranslation();
  const { data, isPending } = useTagGroups();
  return (
    <Select<number>
      value={idValue(value)}
      onChange={(v) => onChange(String(v))}
      showSearch={{ optionFilterProp: 'label' }}
      loading={isPending}
      placeholder={t('audiences.builder.pickTagGroup')}
      style={{ width: 240 }}
      options={(data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
      notFoundContent={t('common.noData')}
    />
  );
};

const useCustomerFields = () =>
  useQuery({
    queryKey: ['customer-fields'],
    queryFn: ({ signal }) => api<{ items: TCustomerField[] }>('/api/customer-fields', { signal }),
    staleTime: 60_000,
  });

// ---- Attribute conditions: field, operator, value (typed by the field).

const AttrEditor = ({
  value,
  onChange,
}: {
  value: { attr: string; op: TAudienceAttrOp; value: TAudienceScalar | TAudienceScalar[] };
  onChange: (e: TAudienceExpression) => void;
}) => {
  const { t } = useTranslation();
  const fields = useCustomerFields();
  const custom = fields.data?.items ?? [];
  const typeOf = (attr: string): TAttrType => {
    if (attr === 'order_count') return 'number';
    if (attr === 'total_spent') return 'cents';
    if (attr === 'last_order_date') return 'instant';
    return custom.find((f) => f.key === attr)?.type ?? 'text';
  };
  const type = typeOf(value.attr);
  const field = custom.find((f) => f.key === value.attr);
  const ops: TAudienceAttrOp[] =
    type === 'boolean'
      ? ['eq', 'ne']
      : type === 'instant'
        ? ['gt', 'gte', 'lt', 'lte']
        : type === 'text' || type === 'select'
          ? ['eq', 'ne', 'in']
          : ATTR_OPS;
  const defaultFor = (ty: TAttrType, op: TAudienceAttrOp): TAudienceScalar | TAudienceScalar[] => {
    if (op === 'in') return [];
    if (ty === 'number' || ty === 'cents') return 0;
    if (ty === 'boolean') return true;
    return '';
  };
  const set = (patch: Partial<typeof value>) => onChange({ ...value, ...patch } as TAudienceExpression);
  const scalar = Array.isArray(value.value) ? undefined : value.value;

  let editor: React.ReactNode;
  if (value.op === 'in') {
    editor = (
      <Select<TAudienceScalar[]>
        mode="tags"
        value={Array.isArray(value.value) ? value.value : []}
        onChange={(v) => set({ value: type === 'number' ? v.map(Number).filter((n) => !Number.isNaN(n)) : v })}
        options={(field?.options ?? []).map((o) => ({ value: o, label: o }))}
        placeholder={t('audiences.builder.values')}
        style={{ minWidth: 220 }}
      />
    );
  } else if (type === 'number') {
    editor = (
      <InputNumber
        value={typeof scalar === 'number' ? scalar : null}
        onChange={(v) => set({ value: v ?? 0 })}
        precision={value.attr === 'order_count' ? 0 : undefined}
        min={value.attr === 'order_count' ? 0 : undefined}
        data-testid="audience-attr-value"
      />
    );
  } else if (type === 'cents') {
    editor = (
      <InputNumber
        value={typeof scalar === 'number' ? scalar / 100 : null}
        onChange={(v) => set({ value: Math.round((v ?? 0) * 100) })}
        min={0}
        precision={2}
        suffix={t('audiences.builder.yuan')}
      />
    );
  } else if (type === 'instant' || type === 'date') {
    editor = (
      <DatePicker
        value={typeof scalar === 'string' && scalar ? dayjs(scalar.slice(0, 10)) : null}
        onChange={(d) => set({ value: d ? (type === 'instant' ? dayStart(d) : d.format('YYYY-MM-DD')) : '' })}
      />
    );
  } else if (type === 'boolean') {
    editor = <Switch checked={scalar === true} onChange={(v) => set({ value: v })} />;
  } else if (type === 'select') {
    editor = (
      <Select<string>
        value={typeof scalar === 'string' && scalar ? scalar : undefined}
        onChange={(v) => set({ value: v })}
        options={(field?.options ?? []).map((o) => ({ value: o, label: o }))}
        style={{ minWidth: 160 }}
      />
    );
  } else {
    editor = (
      <Input
        value={typeof scalar === 'string' ? scalar : ''}
        onChange={(e) => set({ value: e.target.value })}
        style={{ width: 180 }}
      />
    );
  }

  return (
    <Space wrap>
      <Select<string>
        value={value.attr}
        onChange={(attr) => {
          const ty = typeOf(attr);
          const op = ty === 'instant' ? 'gte' : ty === 'number' || ty === 'cents' ? 'gte' : 'eq';
          onChange({ attr, op, value: defaultFor(ty, op) });
        }}
        style={{ minWidth: 160 }}
        loading={fields.isPending}
        options={[
          {
            label: t('audiences.builder.builtinAttrs'),
            options: BUILTIN_ATTRS.map((a) => ({ value: a, label: t(`audiences.builder.attr.${a}`) })),
          },
          ...(custom.length
            ? [{ label: t('audiences.builder.customAttrs'), options: custom.map((f) => ({ value: f.key, label: f.label })) }]
            : []),
        ]}
        data-testid="audience-attr-name"
      />
      <Select<TAudienceAttrOp>
        value={value.op}
        onChange={(op) => set({ op, value: op === 'in' || value.op === 'in' ? defaultFor(type, op) : value.value })}
        style={{ width: 110 }}
        options={ops.map((op) => ({ value: op, label: t(`audiences.builder.op.${op}`) }))}
        data-testid="audience-attr-op"
      />
      {editor}
    </Space>
  );
};

// ---- One condition row.

const LeafEditor = ({ value, onChange }: { value: TAudienceExpression; onChange: (e: TAudienceExpression) => void }) => {
  const { t } = useTranslation();
  if ('tag' in value) return <TagOneSelect value={value.tag} onChange={(tag) => onChange({ tag })} />;
  if ('untaggedIn' in value)
    return <TagGroupSelect value={value.untaggedIn} onChange={(untaggedIn) => onChange({ untaggedIn })} />;
  if ('store' in value)
    return (
      <StoreSelect
        value={idValue(value.store)}
        allowClear={false}
        onChange={(v) => onChange({ store: v === undefined ? '' : String(v) })}
      />
    );
  if ('staff' in value)
    return (
      <StaffSelect
        value={idValue(value.staff)}
        allowClear={false}
        onChange={(v) => onChange({ staff: v === undefined ? '' : String(v) })}
        style={{ width: 220 }}
      />
    );
  if ('inGroup' in value)
    return (
      <GroupSelect
        value={idValue(value.inGroup)}
        allowClear={false}
        onChange={(v) => onChange({ inGroup: v === undefined ? '' : String(v) })}
      />
    );
  if ('addedBetween' in value) {
    const [from, to] = value.addedBetween;
    return (
      <DatePicker.RangePicker
        value={[dayOf(from), dayOf(to)]}
        onChange={(range) => {
          const [a, b] = range ?? [null, null];
          onChange({ addedBetween: [a ? dayStart(a) : '', b ? dayEnd(b) : ''] });
        }}
        placeholder={[t('audiences.builder.from'), t('audiences.builder.to')]}
      />
    );
  }
  if ('attr' in value) return <AttrEditor value={value} onChange={onChange} />;
  return null;
};

type TNodeProps = {
  value: TAudienceExpression;
  onChange: (e: TAudienceExpression) => void;
  onRemove?: () => void;
  depth: number;
  path: string;
};

/** A condition or a group, with its NOT toggle. */
const NodeEditor = ({ value, onChange, onRemove, depth, path }: TNodeProps) => {
  const { t } = useTranslation();
  const negated = 'not' in value;
  const inner = negated ? value.not : value;
  const setInner = (e: TAudienceExpression) => onChange(negated ? { not: e } : e);
  const notToggle = (
    <Tooltip title={t('audiences.builder.notHelp')}>
      <Switch
        size="small"
        checked={negated}
        checkedChildren={t('audiences.builder.not')}
        unCheckedChildren={t('audiences.builder.not')}
        onChange={(on) => onChange(on ? { not: inner } : inner)}
        data-testid={`audience-not-${path}`}
      />
    </Tooltip>
  );
  const remove = onRemove ? (
    <Tooltip title={t('common.remove')}>
      <Button type="text" size="small" icon={<DeleteOutlined />} onClick={onRemove} data-testid={`audience-remove-${path}`} />
    </Tooltip>
  ) : null;

  if (isGroup(inner)) {
    return (
      <GroupEditor
        value={inner}
        onChange={setInner}
        depth={depth}
        path={path}
        header={
          <>
            {depth > 0 ? notToggle : null}
            {remove}
          </>
        }
        negated={negated}
      />
    );
  }
  const kind = leafKindOf(inner);
  return (
    <Flex gap={8} align="center" wrap data-testid={`audience-condition-${path}`}>
      {notToggle}
      <Select<TLeafKind>
        value={kind ?? undefined}
        onChange={(k) => setInner(blankLeaf(k))}
        style={{ width: 150 }}
        options={LEAF_KINDS.map((k) => ({ value: k, label: t(`audiences.builder.kind.${k}`) }))}
        data-testid={`audience-kind-${path}`}
      />
      <LeafEditor value={inner} onChange={setInner} />
      {remove}
    </Flex>
  );
};

const GroupEditor = ({
  value,
  onChange,
  depth,
  path,
  header,
  negated,
}: {
  value: { all: TAudienceExpression[] } | { any: TAudienceExpression[] };
  onChange: (e: TAudienceExpression) => void;
  depth: number;
  path: string;
  header?: React.ReactNode;
  negated: boolean;
}) => {
  const { t } = useTranslation();
  const mode: 'all' | 'any' = 'all' in value ? 'all' : 'any';
  const children = childrenOf(value);
  const setChildren = (next: TAudienceExpression[]) => onChange(mode === 'all' ? { all: next } : { any: next });
  return (
    <Card
      size="small"
      style={{ borderStyle: negated ? 'dashed' : undefined, background: depth % 2 ? 'rgba(0,0,0,0.02)' : undefined }}
      data-testid={`audience-group-${path}`}
    >
      <Flex vertical gap={8}>
        <Flex gap={8} align="center" wrap>
          <Segmented<'all' | 'any'>
            size="small"
            value={mode}
            onChange={(m) => onChange(m === 'all' ? { all: children } : { any: children })}
            options={[
              { value: 'all', label: t('audiences.builder.all') },
              { value: 'any', label: t('audiences.builder.any') },
            ]}
            data-testid={`audience-mode-${path}`}
          />
          <Typography.Text type="secondary">{t(`audiences.builder.${mode}Help`)}</Typography.Text>
          <span style={{ flex: 1 }} />
          {header}
        </Flex>
        {children.length === 0 ? (
          <Typography.Text type="secondary">{t('audiences.builder.everyone')}</Typography.Text>
        ) : (
          children.map((child, i) => (
            <NodeEditor
              // Conditions have no ids of their own; the position is their identity while editing.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={i}
              value={child}
              depth={depth + 1}
              path={`${path}-${i}`}
              onChange={(e) => setChildren(children.map((c, j) => (j === i ? e : c)))}
              onRemove={() => setChildren(children.filter((_, j) => j !== i))}
            />
          ))
        )}
        <Space>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setChildren([...children, blankLeaf('tag')])}
            data-testid={`audience-add-condition-${path}`}
          >
            {t('audiences.builder.addCondition')}
          </Button>
          {depth < MAX_GROUP_DEPTH ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() =>
                setChildren([...children, { [mode === 'all' ? 'any' : 'all']: [blankLeaf('tag')] } as TAudienceExpression])
              }
              data-testid={`audience-add-group-${path}`}
            >
              {t('audiences.builder.addGroup')}
            </Button>
          ) : null}
        </Space>
      </Flex>
    </Card>
  );
};

// ---- The live count.

const AudiencePreview = ({ expression, includeDeleted }: { expression: TAudienceExpression; includeDeleted: boolean }) => {
  const { t } = useTranslation();
  const key = JSON.stringify(expression);
  const debounced = useDebounced(key, 300);
  const complete = isAudienceComplete(expression);
  const preview = useQuery({
    queryKey: ['audience-preview', debounced, includeDeleted],
    queryFn: ({ signal }) =>
      api<TAudiencePreview>('/api/audiences/preview', {
        method: 'POST',
        body: { expression: JSON.parse(debounced) as TAudienceExpression, includeDeleted },
        signal,
        silent: true,
      }),
    enabled: complete && debounced === key,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const stale = !complete || debounced !== key || preview.isFetching;
  return (
    <Card size="small" data-testid="audience-preview">
      <Flex vertical gap={8}>
        <Flex align="baseline" gap={12} wrap>
          <Statistic
            title={t('audiences.builder.count')}
            value={preview.data?.count ?? '-'}
            styles={{ content: { opacity: stale ? 0.5 : 1 } }}
            valueRender={(node) => <span data-testid="audience-count">{node}</span>}
          />
          {!complete ? <Typography.Text type="warning">{t('audiences.builder.incomplete')}</Typography.Text> : null}
        </Flex>
        {preview.isError ? <Alert type="error" showIcon title={errorText(preview.error)} /> : null}
        {preview.isPending && complete ? <Skeleton.Input active size="small" /> : null}
        {preview.data?.sample.length ? (
          <Flex wrap gap={8} data-testid="audience-sample">
            {preview.data.sample.slice(0, 20).map((c) => (
              <Space key={c.id} size={4}>
                <Avatar size="small" src={c.avatar ?? undefined}>
                  {c.name.slice(0, 1)}
                </Avatar>
                <Typography.Text>{c.name}</Typography.Text>
              </Space>
            ))}
          </Flex>
        ) : preview.data ? (
          <Typography.Text type="secondary">{t('audiences.builder.noOne')}</Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
};

type TProps = {
  value?: TAudienceExpression;
  onChange?: (e: TAudienceExpression) => void;
  /** Show the live count and sample (default true). */
  preview?: boolean;
  /** Count deleted customers too (default false). */
  includeDeleted?: boolean;
};

/**
 * Edits an audience expression: nested all/any groups, NOT toggles, and conditions on tags, tag
 * groups, stores, staff, groups, the add date and attributes, with the live count (debounced
 * ~300 ms) and a sample. Works as an antd Form.Item control (value/onChange).
 * @example
 * <Form.Item name="audience" initialValue={EMPTY_AUDIENCE}><AudienceBuilder /></Form.Item>
 */
export const AudienceBuilder = ({ value = EMPTY_AUDIENCE, onChange, preview = true, includeDeleted = false }: TProps) => {
  // The root is always a group; a leaf or NOT given from outside is wrapped in one.
  const root = isGroup(value) ? value : { all: [value] };
  return (
    <Flex vertical gap={12} data-testid="audience-builder">
      <GroupEditor value={root} onChange={(e) => onChange?.(e)} depth={0} path="root" negated={false} />
      {preview ? <AudiencePreview expression={root} includeDeleted={includeDeleted} /> : null}
    </Flex>
  );
};
