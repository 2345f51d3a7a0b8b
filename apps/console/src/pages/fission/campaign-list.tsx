import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CampaignListPage } from '../../components/campaign-list-page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { rewardLabel, STATUS_COLOR, type TFissionCampaign } from './types.ts';

/** The campaigns, newest first, with their status and key numbers. */
export const CampaignList = () => {
  const { t } = useTranslation();
  return (
    <CampaignListPage<TFissionCampaign>
      section="fission"
      kind="fission"
      endpoint="/api/fission/campaigns"
      columns={[
        {
          title: t('fission.col.name'),
          dataIndex: 'name',
          render: (name: string, c) => <Link to={`/fission/${c.id}`}>{name}</Link>,
        },
        {
          title: t('fission.col.status'),
          dataIndex: 'phase',
          render: (phase: TFissionCampaign['phase']) => <Tag color={STATUS_COLOR[phase]}>{t(`fission.phase.${phase}`)}</Tag>,
        },
        {
          title: t('fission.col.window'),
          key: 'window',
          render: (_, c) => `${formatDateTime(c.startsAt)} ~ ${formatDateTime(c.endsAt)}`,
        },
        { title: t('fission.col.goal'), dataIndex: 'goal', render: (goal: number) => t('fission.goalText', { count: goal }) },
        {
          title: t('fission.col.tiers'),
          key: 'tiers',
          render: (_, c) => (
            <Flex vertical gap={2}>
              {c.tiers.map((tier) => (
                <span key={tier.invites}>
                  {t('fission.tierText', { invites: tier.invites, reward: rewardLabel(tier.reward) })}
                </span>
              ))}
            </Flex>
          ),
        },
        { title: t('fission.col.participants'), dataIndex: 'participants', align: 'right' },
        { title: t('fission.col.counted'), dataIndex: 'counted', align: 'right' },
        { title: t('fission.col.rewards'), dataIndex: 'rewardsGranted', align: 'right' },
      ]}
    />
  );
};
