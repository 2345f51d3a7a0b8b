import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { CalendarEditor } from './calendar-editor.tsx';
import { SopList } from './sop-list.tsx';
import type { TSopCalendar } from './types.ts';

/** The group SOP calendars: list, create/edit, apply now, progress, delete. */
export const CalendarList = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const apply = useMutation({
    mutationFn: (id: number) =>
      api<{ planned: number; cancelled: number }>(`/api/sops/calendars/${id}/apply`, { method: 'POST' }),
    onSuccess: (r) => {
      void message.success(t('sops.calendar.applied', r));
      void qc.invalidateQueries({ queryKey: ['sops'] });
    },
  });
  return (
    <SopList<TSopCalendar>
      kind="calendar"
      columns={[
        { title: t('sops.calendar.col.timeline'), dataIndex: 'timeline', render: (v: string) => t(`sops.timeline.${v}`) },
        {
          title: t('sops.calendar.col.columns'),
          dataIndex: 'columns',
          render: (cols: TSopCalendar['columns']) => (
            <Flex gap={4} wrap>
              {cols.map((c) => (
                <Tag key={c.name} color={c.color}>
                  {c.name}
                </Tag>
              ))}
            </Flex>
          ),
        },
        {
          title: t('sops.calendar.col.targets'),
          key: 'targets',
          render: (_, c) =>
            t('sops.calendar.targetsText', {
              stores: c.targets.storeIds.length,
              kinds: c.targets.groupKinds.map((k) => t(`sops.groupKind.${k}`, { defaultValue: k })).join('、') || '—',
              groups: c.targets.groupIds.length,
            }),
        },
        { title: t('sops.calendar.col.items'), key: 'items', align: 'right', render: (_, c) => c.items.length },
      ]}
      trailingColumns={[
        {
          title: t('sops.calendar.col.appliedAt'),
          dataIndex: 'appliedAt',
          render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
        },
      ]}
      rowActions={(c) => (
        <Button
          size="small"
          icon={<ThunderboltOutlined />}
          loading={apply.isPending && apply.variables === c.id}
          onClick={() => apply.mutate(c.id)}
          data-testid={`sop-calendar-apply-${c.id}`}
        >
          {t('sops.calendar.apply')}
        </Button>
      )}
      editor={({ open, item, onClose }) => <CalendarEditor open={open} calendar={item} onClose={onClose} />}
    />
  );
};
