import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { TOrgUnit, TUnitKind } from '../types.ts';

type TForm = {
  kind: TUnitKind;
  name: string;
  code: string;
  city?: string;
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  status?: TOrgUnit['status'];
};

/** What may sit under a unit: HQ holds regions (or stores directly), a region holds stores. */
export const childKinds = (parent: TOrgUnit | null): TUnitKind[] => {
  if (!parent) return ['hq'];
  if (parent.kind === 'hq') return ['region', 'store'];
  if (parent.kind === 'region') return ['store'];
  return [];
};

export type TUnitEditing = { mode: 'create'; parent: TOrgUnit | null } | { mode: 'edit'; unit: TOrgUnit } | null;

export const UnitFormModal = ({ editing, onClose }: { editing: TUnitEditing; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TForm>();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.mode === 'edit') {
      const u = editing.unit;
      form.setFieldsValue({
        kind: u.kind,
        name: u.name,
        code: u.code,
        city: u.city ?? undefined,
        address: u.address ?? undefined,
        latitude: u.latitude,
        longitude: u.longitude,
        status: u.status,
      });
    } else {
      form.setFieldsValue({ kind: childKinds(editing.parent)[0] });
    }
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (v: TForm) => {
      const body = {
        name: v.name.trim(),
        code: v.code.trim(),
        city: v.city?.trim() || undefined,
        address: v.address?.trim() || undefined,
        latitude: v.latitude ?? undefined,
        longitude: v.longitude ?? undefined,
      };
      if (editing?.mode === 'edit') {
        return api<TOrgUnit>(`/api/org/units/${editing.unit.id}`, { method: 'PATCH', body: { ...body, status: v.status } });
      }
      return api<TOrgUnit>('/api/org/units', {
        method: 'POST',
        body: { ...body, kind: v.kind, parentId: editing?.mode === 'create' ? (editing.parent?.id ?? null) : null },
      });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['org-units'] });
      onClose();
    },
  });

  const kinds = editing?.mode === 'create' ? childKinds(editing.parent) : editing ? [editing.unit.kind] : [];
  const title =
    editing?.mode === 'edit'
      ? t('org.units.editTitle', { name: editing.unit.name })
      : editing?.parent
        ? t('org.units.createUnder', { name: editing.parent.name })
        : t('org.units.createTitle');

  return (
    <Modal
      open={editing !== null}
      title={title}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v))
          .catch(() => undefined)
      }
    >
      <Form<TForm> form={form} layout="vertical">
        <Form.Item name="kind" label={t('org.units.kind')} rules={[{ required: true }]}>
          <Select disabled={kinds.length <= 1} options={kinds.map((k) => ({ value: k, label: t(`org.units.kinds.${k}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              name="name"
              label={t('common.name')}
              rules={[{ required: true, whitespace: true, message: t('org.units.nameRequired') }, { max: 64 }]}
            >
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="code"
              label={t('org.units.code')}
              rules={[
                { required: true, whitespace: true, message: t('org.units.codeRequired') },
                { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('org.units.codeInvalid') },
              ]}
            >
              <Input maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'store' ? (
          <>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="city" label={t('org.units.city')}>
                  <Input maxLength={32} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="address" label={t('org.units.address')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="latitude" label={t('org.units.latitude')}>
                  <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="longitude" label={t('org.units.longitude')}>
                  <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
        {editing?.mode === 'edit' ? (
          <Form.Item name="status" label={t('common.status')}>
            <Select
              options={[
                { value: 'open', label: t('org.units.statuses.open') },
                { value: 'closed', label: t('org.units.statuses.closed') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
};
