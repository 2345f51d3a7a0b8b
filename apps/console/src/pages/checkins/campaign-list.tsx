import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CampaignListPage } from '../../components/campaign-list-page.tsx';
import { PHASE_COLOR, rewardLabel, type TCheckinCampaign } from './types.ts';

/** The check-in campaigns, newest first, with where each stands and today's numbers. */
export const CampaignList = () => {
  const { t } = useTranslation();
  return (
    <CampaignListPage<TCheckinCampaign>
      section="checkins"
      kind="checkin"
      endpoint="/api/checkins"
      columns={[
        {
          title: t('checkins.col.name'),
          dataIndex: 'name',
          render: (name: string, c) => (
            <Flex vertical gap={2}>
              <Link to={`/checkins/${c.id}`}>{name}</Link>
              {c.milestones.length ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 360 }} ellipsis>
                  {c.milestones
                    .map((m) => t(`checkins.milestoneText.${m.kind}`, { days: m.days, reward: rewardLabel(m.reward) }))
                    .join(' · ')}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        },
        {
          title: t('checkins.col.status'),
          dataIndex: 'phase',
          render: (phase: TCheckinCampaign['phase'], c) => (
            <>
              <Tag color={PHASE_COLOR[phase]}>{t(`checkins.phase.${phase}`)}</Tag>
              {c.todayNumber ? (
                <Typography.Text type="secondary">{t('checkins.dayN', { n: c.todayNumber })}</Typography.Text>
              ) : null}
            </>
          ),
        },
        { title: t('checkins.col.dates'), key: 'dates', render: (_, c) => `${c.startDate} ~ ${c.endDate}` },
        { title: t('checkins.col.days'), dataIndex: 'days', render: (n: number) => t('checkins.daysText', { count: n }) },
        {
          title: t('checkins.col.rule'),
          dataIndex: 'missedDayRule',
          render: (r: TCheckinCampaign['missedDayRule']) => t(`checkins.rule.${r}`),
        },
        { title: t('checkins.col.participants'), dataIndex: 'participantCount', align: 'right' },
        { title: t('checkins.col.today'), dataIndex: 'checkedInToday', align: 'right' },
      ]}
    />
  );
};
