import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Select, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TSchedule, TScheduleWindow } from './types.ts';

// Every quarter hour, and 24:00 as an end.
const TIMES = Array.from({ length: 97 }, (_, i) => {
  const h = Math.floor(i / 4);
  const m = (i % 4) * 15;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
});
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const MAX_WINDOWS = 6;

export const DEFAULT_SCHEDULE: TSchedule = { weekdays: [1, 2, 3, 4, 5], windows: [{ start: '09:00', end: '18:00' }] };

/** A window ends the next day when its end is at or before its start (22:00–02:00). */
export const crossesMidnight = (w: TScheduleWindow) => w.end <= w.start;

/** `周一至周五 09:00–18:00` style summary of a schedule, for lists. */
export const useScheduleSummary = () => {
  const { t } = useTranslation();
  return (s: TSchedule | null | undefined): string => {
    if (!s) return t('liveCodes.schedule.always');
    const days = s.weekdays
      .slice()
      .sort((a, b) => a - b)
      .map((d) => t(`liveCodes.weekdaysShort.${d}`))
      .join(t('common.listSep'));
    const windows = s.windows
      .map((w) => `${w.start}–${w.end}${crossesMidnight(w) ? t('liveCodes.schedule.nextDay') : ''}`)
      .join(', ');
    return `${days} ${windows}`;
  };
};

type TProps = {
  value?: TSchedule | null;
  onChange?: (v: TSchedule | null) => void;
  /** The text of the switch that turns the schedule on. */
  toggleLabel?: string;
  testId?: string;
};

/**
 * A schedule: weekdays and time windows in Asia/Shanghai (a window may run past midnight). Off
 * (null) means always on duty, or — for a pool member — the code's schedule.
 */
export const ScheduleEditor = ({ value, onChange, toggleLabel, testId }: TProps) => {
  const { t } = useTranslation();
  const on = !!value;
  const set = (next: Partial<TSchedule>) => onChange?.({ ...(value ?? DEFAULT_SCHEDULE), ...next });
  const setWindow = (i: number, w: TScheduleWindow) =>
    set({ windows: (value?.windows ?? []).map((old, j) => (j === i ? w : old)) });
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <Flex gap={8} align="center">
        <Switch size="small" checked={on} onChange={(checked) => onChange?.(checked ? DEFAULT_SCHEDULE : null)} />
        <Typography.Text>{toggleLabel ?? t('liveCodes.schedule.toggle')}</Typography.Text>
      </Flex>
      {value ? (
        <>
          <Checkbox.Group
            value={value.weekdays}
            onChange={(days) => set({ weekdays: (days as number[]).slice().sort((a, b) => a - b) })}
            options={WEEKDAYS.map((d) => ({ value: d, label: t(`liveCodes.weekdaysShort.${d}`) }))}
          />
          {value.weekdays.length === 0 ? (
            <Typography.Text type="danger">{t('liveCodes.schedule.noWeekday')}</Typography.Text>
          ) : null}
          {value.windows.map((w, i) => (
            // Windows have no identity of their own; their position is their key.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Flex key={i} gap={8} align="center" wrap>
              <Select
                size="small"
                value={w.start}
                onChange={(start) => setWindow(i, { ...w, start })}
                options={TIMES.slice(0, 96).map((v) => ({ value: v, label: v }))}
                showSearch
                style={{ width: 96 }}
              />
              <span>–</span>
              <Select
                size="small"
                value={w.end}
                onChange={(end) => setWindow(i, { ...w, end })}
                options={TIMES.map((v) => ({ value: v, label: v }))}
                showSearch
                style={{ width: 96 }}
              />
              {crossesMidnight(w) ? <Tag color="purple">{t('liveCodes.schedule.crossesMidnight')}</Tag> : null}
              {value.windows.length > 1 ? (
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  onClick={() => set({ windows: value.windows.filter((_, j) => j !== i) })}
                />
              ) : null}
            </Flex>
          ))}
          {value.windows.length < MAX_WINDOWS ? (
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() => set({ windows: [...value.windows, { start: '18:00', end: '22:00' }] })}
            >
              {t('liveCodes.schedule.addWindow')}
            </Button>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('liveCodes.schedule.hint')}
          </Typography.Text>
        </>
      ) : null}
    </Flex>
  );
};
