import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { CustomerSelect } from '../../components/customer-select.tsx';
import { JourneyEditor } from './journey-editor.tsx';
import { SopList } from './sop-list.tsx';
import type { TSopJourney } from './types.ts';

/** Customer journeys: list, create/edit, enrol a customer, progress, delete. */
export const JourneyList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [enrolling, setEnrolling] = useState<TSopJourney | null>(null);
  const [customerId, setCustomerId] = useState<number | undefined>();
  const enroll = useMutation({
    mutationFn: ({ id, customerId }: { id: number; customerId: number }) =>
      api<{ duplicate: boolean; steps: number }>(`/api/sops/journeys/${id}/enrollments`, {
        method: 'POST',
        body: { customerId },
      }),
    onSuccess: (r) => {
      void message.success(r.duplicate ? t('sops.journey.enrolledDuplicate') : t('sops.journey.enrolled', { steps: r.steps }));
      void qc.invalidateQueries({ queryKey: ['sops'] });
      setEnrolling(null);
      setCustomerId(undefined);
    },
  });
  return (
    <>
      <SopList<TSopJourney>
        kind="journey"
        columns={[
          {
            title: t('sops.journey.col.trigger'),
            key: 'trigger',
            render: (_, j) => (
              <>
                {t(`sops.journey.trigger.${j.trigger}`)}
                {j.statePrefix ? <Tag style={{ marginLeft: 4 }}>{j.statePrefix}*</Tag> : null}
                {j.newCustomersOnly ? <Tag style={{ marginLeft: 4 }}>{t('sops.journey.newCustomersOnly')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('sops.journey.col.steps'),
            key: 'steps',
            render: (_, j) => (
              <Flex gap={4} wrap>
                {j.steps.map((s) => (
                  <Tag key={s.id} color={s.condition ? 'orange' : 'blue'} title={s.title}>
                    {t('sops.journey.dayN', { n: s.dayOffset })}
                    {s.time ? ` ${s.time}` : ''}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('sops.journey.col.enrollments'), dataIndex: 'enrollments', align: 'right' },
        ]}
        rowActions={(j) => (
          <Button
            size="small"
            icon={<UserAddOutlined />}
            disabled={j.status !== 'active'}
            onClick={() => setEnrolling(j)}
            data-testid={`sop-journey-enroll-${j.id}`}
          >
            {t('sops.journey.enroll')}
          </Button>
        )}
        editor={({ open, item, onClose }) => <JourneyEditor open={open} journey={item} onClose={onClose} />}
      />
      <Modal
        open={!!enrolling}
        title={`${t('sops.journey.enroll')}：${enrolling?.name ?? ''}`}
        onCancel={() => setEnrolling(null)}
        okButtonProps={{ disabled: !customerId, loading: enroll.isPending }}
        onOk={() => {
          if (enrolling && customerId) enroll.mutate({ id: enrolling.id, customerId });
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('sops.journey.enrollCustomer')}</Typography.Paragraph>
        <CustomerSelect value={customerId} onChange={setCustomerId} style={{ width: '100%' }} />
      </Modal>
    </>
  );
};
