import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { StoreSelect } from '../../components/store-select.tsx';
import { MAX_PAGE_SIZE, useOrgUnits } from '../../lib/queries.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import type { TOrgUnit, TPage } from '../../types.ts';
import type { TCodeOption, TParticipation, TStoreCodeBody, TStoreCodeDetail, TTargetKind } from './types.ts';

type TFormValues = {
  name: string;
  headline?: string;
  radiusMetres: number;
  fallbackStoreId?: number;
  participation: TParticipation;
  storeIds?: number[];
  regionIds?: number[];
};

type TTargetDraft = { kind: TTargetKind; refId: number | null };

const TARGET_KINDS: TTargetKind[] = ['guides', 'live_code', 'group_code'];

/** The stores of the tenant that take part under a participation setting (as the server computes it). */
export function participatingStores(units: TOrgUnit[], participation: TParticipation, unitIds: number[]): TOrgUnit[] {
  const ids = new Set(unitIds);
  return units
    .filter((u) => u.kind === 'store')
    .filter((s) =>
      participation === 'stores'
        ? ids.has(s.id)
        : participation === 'regions'
          ? s.parentId !== null && ids.has(s.parentId)
          : true,
    )
    .sort((a, b) => (a.city ?? '').localeCompare(b.city ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/** Live codes and group codes a store can show, for the per-store target pickers. */
const useCodeOptions = (enabled: boolean) => {
  const live = useQuery({
    queryKey: ['store-codes', 'live-code-options'],
    queryFn: ({ signal }) =>
      api<TPage<TCodeOption>>('/api/live-codes', { signal, silent: true, query: { page: 1, pageSize: MAX_PAGE_SIZE } }),
    enabled,
    staleTime: 30_000,
  });
  const group = useQuery({
    queryKey: ['store-codes', 'group-code-options'],
    queryFn: ({ signal }) =>
      api<TPage<TCodeOption>>('/api/group-codes', { signal, silent: true, query: { page: 1, pageSize: MAX_PAGE_SIZE } }),
    enabled,
    staleTime: 30_000,
  });
  return {
    live_code: (live.data?.items ?? []).filter((c) => c.status !== 'archived'),
    group_code: group.data?.items ?? [],
    failed: live.isError || group.isError,
  };
};

/** Create (no `code`) or edit a store code. Store managers see it read-only. */
export const StoreCodeForm = ({ code }: { code?: TStoreCodeDetail }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<TFormValues>();
  const units = useOrgUnits();
  const allUnits = units.data?.items ?? [];
  const stores = allUnits.filter((u) => u.kind === 'store');
  const regions = allUnits.filter((u) => u.kind === 'region');
  const codes = useCodeOptions(canEdit);
  const [targets, setTargets] = useState<Map<number, TTargetDraft>>(new Map());
  const [tablePage, setTablePage] = useState(1);

  useEffect(() => {
    form.resetFields();
    if (code) {
      form.setFieldsValue({
        name: code.name,
        headline: code.headline ?? undefined,
        radiusMetres: code.radiusMetres,
        fallbackStoreId: code.fallbackStoreId,
        participation: code.participation,
        storeIds: code.participation === 'stores' ? code.unitIds : [],
        regionIds: code.participation === 'regions' ? code.unitIds : [],
      });
      setTargets(new Map(code.targets.map((x) => [x.storeId, { kind: x.kind, refId: x.refId }])));
    }
  }, [code, form]);

  const participation = Form.useWatch('participation', form) ?? 'all';
  const storeIds = Form.useWatch('storeIds', form);
  const regionIds = Form.useWatch('regionIds', form);
  const radius = Form.useWatch('radiusMetres', form);
  const members = useMemo(
    () => participatingStores(allUnits, participation, (participation === 'stores' ? storeIds : regionIds) ?? []),
    [allUnits, participation, storeIds, regionIds],
  );
  const incomplete = members.filter((s) => {
    const d = targets.get(s.id);
    return d && d.kind !== 'guides' && d.refId === null;
  }).length;

  const setTarget = (storeId: number, draft: TTargetDraft) =>
    setTargets((prev) => {
      const next = new Map(prev);
      if (draft.kind === 'guides') next.delete(storeId);
      else next.set(storeId, draft);
      return next;
    });

  /** Gives each store the code that was made for it (live codes batch-created per store, store group codes). */
  const matchByStore = (kind: 'live_code' | 'group_code') => {
    const byStore = new Map<number, number>();
    for (const c of [...codes[kind]].sort((a, b) => a.id - b.id)) {
      if (c.storeId !== null && !byStore.has(c.storeId)) byStore.set(c.storeId, c.id);
    }
    const next = new Map(targets);
    let matched = 0;
    for (const s of members) {
      const refId = byStore.get(s.id);
      if (refId !== undefined) {
        next.set(s.id, { kind, refId });
        matched++;
      }
    }
    setTargets(next);
    if (matched) void message.success(t('storeCodes.form.matched', { count: matched }));
    else void message.info(t('storeCodes.form.matchedNone'));
  };

  const save = useMutation({
    mutationFn: (body: TStoreCodeBody) =>
      code
        ? api<TStoreCodeDetail>(`/api/store-codes/${code.id}`, { method: 'PATCH', body })
        : api<TStoreCodeDetail>('/api/store-codes', { method: 'POST', body }),
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['store-codes'] });
      qc.setQueryData(['store-code', saved.id], saved);
      if (!code) navigate(`/store-codes/${saved.id}`);
    },
  });

  const submit = (v: TFormValues) => {
    if (incomplete > 0) return;
    const memberIds = new Set(members.map((s) => s.id));
    save.mutate({
      name: v.name.trim(),
      headline: v.headline?.trim() || null,
      radiusMetres: v.radiusMetres,
      fallbackStoreId: v.fallbackStoreId as number,
      participation: v.participation,
      unitIds: v.participation === 'stores' ? (v.storeIds ?? []) : v.participation === 'regions' ? (v.regionIds ?? []) : [],
      // Only stores that take part; the others' settings are dropped with them.
      targets: [...targets]
        .filter(([storeId, d]) => memberIds.has(storeId) && d.kind !== 'guides')
        .map(([storeId, d]) => ({ storeId, kind: d.kind, refId: d.refId })),
    });
  };

  const codeSelect = (store: TOrgUnit, draft: TTargetDraft) => {
    if (draft.kind === 'guides') return null;
    const options = [...codes[draft.kind]].sort(
      // The store's own codes first.
      (a, b) => Number(b.storeId === store.id) - Number(a.storeId === store.id) || a.name.localeCompare(b.name, 'zh-CN'),
    );
    return (
      <Select<number>
        value={draft.refId ?? undefined}
        status={draft.refId === null ? 'error' : undefined}
        placeholder={t('storeCodes.form.chooseCode')}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 240 }}
        disabled={!canEdit}
        onChange={(refId) => setTarget(store.id, { kind: draft.kind, refId })}
        options={options.map((c) => ({ value: c.id, label: c.storeId === store.id ? `${c.name} ★` : c.name }))}
      />
    );
  };

  const body = (
    <Form<TFormValues>
      form={form}
      layout="vertical"
      disabled={!canEdit}
      initialValues={{ radiusMetres: 3000, participation: 'all', storeIds: [], regionIds: [] }}
      onFinish={submit}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t('storeCodes.form.name')}
            extra={t('storeCodes.form.nameHint')}
            rules={[{ required: true, whitespace: true, message: t('storeCodes.form.nameRequired') }, { max: 64 }]}
          >
            <Input maxLength={64} data-testid="store-code-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="headline" label={t('storeCodes.form.headline')} extra={t('storeCodes.form.headlineHint')}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="radiusMetres"
            label={t('storeCodes.form.radius')}
            extra={t('storeCodes.form.radiusHint', { km: ((radius ?? 0) / 1000).toFixed(1) })}
            rules={[{ required: true, type: 'number', min: 100, max: 100_000, message: t('storeCodes.form.radiusRequired') }]}
          >
            <InputNumber
              min={100}
              max={100_000}
              step={500}
              precision={0}
              suffix={t('storeCodes.form.metres')}
              style={{ width: 200 }}
              data-testid="store-code-radius"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="fallbackStoreId"
            label={t('storeCodes.form.fallback')}
            extra={t('storeCodes.form.fallbackHint')}
            rules={[
              { required: true, message: t('storeCodes.form.fallbackRequired') },
              {
                validator: async (_, id?: number) => {
                  const store = stores.find((s) => s.id === id);
                  if (store && store.status !== 'open') throw new Error(t('storeCodes.form.fallbackClosed'));
                },
              },
            ]}
          >
            <StoreSelect style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="participation" label={t('storeCodes.form.participation')}>
        <Radio.Group
          options={(['all', 'stores', 'regions'] as const).map((p) => ({
            value: p,
            label: t(`storeCodes.form.participations.${p}`),
          }))}
        />
      </Form.Item>
      {participation === 'stores' ? (
        <Form.Item
          name="storeIds"
          rules={[{ required: true, type: 'array', min: 1, message: t('storeCodes.form.unitsRequired') }]}
        >
          <Select
            mode="multiple"
            allowClear
            placeholder={t('storeCodes.form.chooseStores')}
            showSearch={{ optionFilterProp: 'label' }}
            options={stores.map((s) => ({ value: s.id, label: s.city ? `${s.name} · ${s.city}` : s.name }))}
          />
        </Form.Item>
      ) : null}
      {participation === 'regions' ? (
        <Form.Item
          name="regionIds"
          rules={[{ required: true, type: 'array', min: 1, message: t('storeCodes.form.unitsRequired') }]}
        >
          <Select
            mode="multiple"
            allowClear
            placeholder={t('storeCodes.form.chooseRegions')}
            options={regions.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
      ) : null}

      <Typography.Title level={5}>{t('storeCodes.form.targets')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('storeCodes.form.targetsHint')}</Typography.Paragraph>
      {codes.failed ? (
        <Alert type="warning" showIcon title={t('storeCodes.form.codesUnavailable')} style={{ marginBottom: 12 }} />
      ) : null}
      {canEdit ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => matchByStore('live_code')}>{t('storeCodes.form.matchLiveCodes')}</Button>
          <Button onClick={() => matchByStore('group_code')}>{t('storeCodes.form.matchGroupCodes')}</Button>
          <Button onClick={() => setTargets(new Map())}>{t('storeCodes.form.resetTargets')}</Button>
        </Space>
      ) : null}
      <Table<TOrgUnit>
        rowKey="id"
        size="small"
        data-testid="store-code-targets"
        loading={units.isPending}
        dataSource={members}
        locale={{ emptyText: t('storeCodes.form.noStores') }}
        scroll={{ x: 'max-content' }}
        pagination={{ current: tablePage, pageSize: 10, onChange: setTablePage, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: t('common.store'),
            key: 'store',
            render: (_, s) => (
              <Flex gap={6} wrap align="center">
                <span>{s.name}</span>
                {s.status !== 'open' ? <Tag>{t('storeCodes.form.closed')}</Tag> : null}
                {s.latitude === null || s.longitude === null ? <Tag color="orange">{t('storeCodes.form.noCoords')}</Tag> : null}
              </Flex>
            ),
          },
          { title: t('org.units.city'), dataIndex: 'city', render: (v: string | null) => v ?? '—' },
          {
            title: t('storeCodes.form.targetKind'),
            key: 'kind',
            render: (_, s) => {
              const draft = targets.get(s.id) ?? { kind: 'guides' as const, refId: null };
              return (
                <Select<TTargetKind>
                  value={draft.kind}
                  style={{ width: 160 }}
                  disabled={!canEdit}
                  onChange={(kind) => setTarget(s.id, { kind, refId: null })}
                  options={TARGET_KINDS.map((k) => ({ value: k, label: t(`storeCodes.form.targetKinds.${k}`) }))}
                />
              );
            },
          },
          {
            title: t('storeCodes.form.targetCode'),
            key: 'code',
            render: (_, s) => codeSelect(s, targets.get(s.id) ?? { kind: 'guides', refId: null }),
          },
        ]}
      />
      {incomplete > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('storeCodes.form.targetsInvalid', { count: incomplete })}
          style={{ marginTop: 12 }}
        />
      ) : null}
      {canEdit ? (
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="store-code-save">
            {t('common.save')}
          </Button>
          {code ? null : <Button onClick={() => navigate('/store-codes')}>{t('common.cancel')}</Button>}
        </Flex>
      ) : null}
    </Form>
  );

  if (code) return body;
  return (
    <>
      <PageHeader title={t('storeCodes.form.createTitle')} />
      <Card>{body}</Card>
    </>
  );
};
