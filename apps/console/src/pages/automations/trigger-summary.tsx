import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTrigger } from './types.ts';

/** A trigger in a few words: its type and the fields that narrow it. */
export const TriggerSummary = ({ trigger }: { trigger: TTrigger }) => {
  const { t } = useTranslation();
  const s = (key: string, vars?: Record<string, unknown>) => t(`automations.triggerSummary.${key}`, vars);
  const details: string[] = [];
  switch (trigger.type) {
    case 'customer_added':
      if (trigger.liveCodeIds.length) details.push(s('liveCodes', { ids: trigger.liveCodeIds.map((id) => `#${id}`).join(', ') }));
      if (trigger.statePrefix) details.push(s('statePrefix', { prefix: trigger.statePrefix }));
      if (!trigger.liveCodeIds.length && !trigger.statePrefix) details.push(s('anyChannel'));
      if (trigger.newCustomersOnly) details.push(s('newOnly'));
      break;
    case 'group_joined':
    case 'group_left':
      details.push(trigger.groupIds.length ? s('groups', { count: trigger.groupIds.length }) : s('anyGroup'));
      break;
    case 'message':
      details.push(
        t(`automations.form.scope${trigger.scope === 'any' ? 'Any' : trigger.scope === 'private' ? 'Private' : 'Group'}`),
      );
      if (trigger.keyword) details.push(s('keyword', { keyword: trigger.keyword }));
      break;
    case 'order_paid':
      if (trigger.minAmountCents > 0) details.push(s('minAmount', { amount: (trigger.minAmountCents / 100).toFixed(2) }));
      break;
    case 'tag_added':
    case 'tag_removed':
      details.push(s('tags', { count: trigger.tagIds.length }));
      break;
    case 'inactivity':
      details.push(s('days', { days: trigger.days }));
      break;
    case 'date_field':
      details.push(s('dateField', { field: trigger.fieldKey, days: trigger.daysBefore }));
      break;
    default:
      break;
  }
  return (
    <>
      <Tag color="blue">{t(`automations.trigger.${trigger.type}`)}</Tag>
      {details.length ? <Typography.Text type="secondary">{details.join(' · ')}</Typography.Text> : null}
    </>
  );
};
