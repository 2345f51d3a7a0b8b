import { AimOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Image, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useStores } from '../../lib/queries.ts';
import { DistanceText } from './distance-text.tsx';
import { qrSrc, type TPreview, type TReason, type TRoutedStore } from './types.ts';

const REASON_COLOR: Record<TReason, string> = {
  nearest: 'green',
  fallback_out_of_range: 'orange',
  fallback_no_location: 'gold',
  chosen: 'blue',
  unavailable: 'red',
};

/** The map-less "test a location" box: where would a customer standing here be sent? */
export const LocationTest = ({ codeId }: { codeId: number }) => {
  const { t } = useTranslation();
  const { stores } = useStores();
  const located = stores.filter((s) => s.latitude !== null && s.longitude !== null);
  const [lat, setLat] = useState<number | null>(null);
  const [lng, setLng] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const preview = useMutation({
    mutationFn: (at: { lat: number; lng: number } | null) =>
      api<TPreview>(`/api/store-codes/${codeId}/preview`, {
        query: at ? { lat: at.lat.toFixed(6), lng: at.lng.toFixed(6) } : {},
      }),
  });
  const run = () => {
    if (lat === null || lng === null) {
      setMissing(true);
      return;
    }
    setMissing(false);
    preview.mutate({ lat, lng });
  };
  const result = preview.data;

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('storeCodes.test.intro')}
      </Typography.Paragraph>
      <Flex wrap gap={12} align="center">
        <InputNumber<number>
          value={lat}
          onChange={setLat}
          min={-90}
          max={90}
          step={0.0001}
          precision={6}
          placeholder={t('storeCodes.test.lat')}
          style={{ width: 160 }}
          data-testid="store-code-test-lat"
        />
        <InputNumber<number>
          value={lng}
          onChange={setLng}
          min={-180}
          max={180}
          step={0.0001}
          precision={6}
          placeholder={t('storeCodes.test.lng')}
          style={{ width: 160 }}
          data-testid="store-code-test-lng"
        />
        <Select<number>
          placeholder={t('storeCodes.test.fromStore')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          value={null}
          onChange={(id) => {
            const s = located.find((x) => x.id === id);
            if (!s) return;
            setLat(s.latitude);
            setLng(s.longitude);
          }}
          options={located.map((s) => ({ value: s.id, label: s.city ? `${s.name} · ${s.city}` : s.name }))}
        />
        <Button type="primary" icon={<AimOutlined />} onClick={run} loading={preview.isPending} data-testid="store-code-test-run">
          {t('storeCodes.test.run')}
        </Button>
        <Button onClick={() => preview.mutate(null)} loading={preview.isPending}>
          {t('storeCodes.test.runNoLocation')}
        </Button>
      </Flex>
      {missing ? <Alert type="warning" showIcon title={t('storeCodes.test.coordsRequired')} /> : null}
      {result ? (
        <Card size="small" title={t('storeCodes.test.result')} data-testid="store-code-test-result">
          <Flex wrap gap={24}>
            <Descriptions column={1} size="small" style={{ minWidth: 280, flex: 1 }}>
              <Descriptions.Item label={t('storeCodes.test.reason')}>
                <Tag color={REASON_COLOR[result.reason]}>{t(`storeCodes.reasons.${result.reason}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('storeCodes.test.store')}>
                {result.store ? (
                  <span data-testid="store-code-test-store">
                    {result.store.name}
                    {result.store.address ? <Typography.Text type="secondary"> · {result.store.address}</Typography.Text> : null}
                  </span>
                ) : (
                  t('storeCodes.test.nobody')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('storeCodes.test.distance')}>
                <DistanceText metres={result.store?.distanceMetres} />
              </Descriptions.Item>
              <Descriptions.Item label={t('storeCodes.test.target')}>
                {result.target ? t(`storeCodes.form.targetKinds.${result.target.kind}`) : '—'}
                {result.target?.staffName ? ` · ${t('storeCodes.test.staff', { name: result.target.staffName })}` : null}
              </Descriptions.Item>
            </Descriptions>
            {result.target?.qrText ? (
              <Image src={qrSrc(result.target.qrText, 240)} width={140} height={140} alt="QR" />
            ) : result.store ? (
              <Typography.Text type="secondary">{t('storeCodes.test.noQr')}</Typography.Text>
            ) : null}
          </Flex>
          <Typography.Text type="secondary">
            {t('storeCodes.test.skipped', { closed: result.skipped.closed, noCoords: result.skipped.noCoordinates })}
          </Typography.Text>
          {result.nearest.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('storeCodes.test.nearest')}
              </Typography.Title>
              <Table<TRoutedStore & { inRadius: boolean }>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={result.nearest}
                columns={[
                  { title: t('storeCodes.test.store'), dataIndex: 'name' },
                  { title: t('org.units.city'), dataIndex: 'city', render: (v: string | null) => v ?? '—' },
                  {
                    title: t('storeCodes.test.distance'),
                    dataIndex: 'distanceMetres',
                    render: (v: number | null) => <DistanceText metres={v} />,
                  },
                  {
                    title: '',
                    dataIndex: 'inRadius',
                    render: (v: boolean) =>
                      v ? (
                        <Tag color="green">{t('storeCodes.test.inRadius')}</Tag>
                      ) : (
                        <Tag>{t('storeCodes.test.outOfRadius')}</Tag>
                      ),
                  },
                ]}
              />
            </>
          ) : null}
        </Card>
      ) : null}
    </Flex>
  );
};
