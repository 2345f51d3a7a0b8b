import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { GroupSelect } from '../../components/group-select.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { contentSummary, PROGRESS_COLOR, type TGroupCalendar } from './types.ts';

const mondayOf = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');

/** One group's week of SOP steps from every calendar, as a 7-day grid. */
export const GroupCalendarView = () => {
  const { t } = useTranslation();
  const [groupId, setGroupId] = useState<number | undefined>();
  const [monday, setMonday] = useState(() => mondayOf(dayjs()));
  const from = monday.format('YYYY-MM-DD');
  const to = monday.add(6, 'day').format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['sops', 'group-calendar', groupId, from],
    queryFn: () => api<TGroupCalendar>(`/api/sops/groups/${groupId}/calendar`, { query: { from, to } }),
    enabled: groupId !== undefined,
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <GroupSelect
          value={groupId}
          onChange={(v) => setGroupId(v)}
          placeholder={t('sops.groupView.pickGroup')}
          style={{ width: 320 }}
        />
        <Space.Compact>
          <Button
            icon={<LeftOutlined />}
            onClick={() => setMonday((m) => m.subtract(7, 'day'))}
            aria-label={t('sops.groupView.prevWeek')}
          />
          <Button onClick={() => setMonday(mondayOf(dayjs()))}>{t('sops.groupView.thisWeek')}</Button>
          <Button
            icon={<RightOutlined />}
            onClick={() => setMonday((m) => m.add(7, 'day'))}
            aria-label={t('sops.groupView.nextWeek')}
          />
        </Space.Compact>
        <Typography.Text type="secondary">
          {from} ~ {to}
        </Typography.Text>
      </Flex>
      {groupId === undefined ? (
        <Empty description={t('sops.groupView.pickGroup')} />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : (
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(140px, 1fr))', gap: 8, overflowX: 'auto' }}
          data-testid="sop-group-week"
        >
          {q.data?.days.map((d) => (
            <Card
              key={d.date}
              size="small"
              title={`${t(`sops.weekday.${d.weekday}`)} ${d.date.slice(5)}`}
              styles={{ body: { padding: 8 } }}
            >
              {d.steps.length === 0 ? (
                <Typography.Text type="secondary">{t('sops.groupView.emptyDay')}</Typography.Text>
              ) : (
                <Flex vertical gap={6}>
                  {d.steps.map((s) => (
                    <Tooltip key={s.id} title={contentSummary(s.content)}>
                      <div style={{ borderLeft: '3px solid #1677ff', paddingLeft: 6 }}>
                        <Typography.Text strong>{dayjs(s.dueAt).format('HH:mm')}</Typography.Text>{' '}
                        <Typography.Text>{s.title}</Typography.Text>
                        <div>
                          {s.column ? <Tag>{s.column}</Tag> : null}
                          <Tag color={PROGRESS_COLOR[s.progress]}>{t(`sops.plans.progress.${s.progress}`)}</Tag>
                        </div>
                      </div>
                    </Tooltip>
                  ))}
                </Flex>
              )}
            </Card>
          ))}
        </div>
      )}
    </>
  );
};
