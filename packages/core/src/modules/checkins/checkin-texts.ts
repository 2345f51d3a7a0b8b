import { renderTemplate } from './checkin-rules.ts';
import type { TCheckinRefusalReason, TCheckinResult } from './checkins.schemas.ts';

// What customers read in their groups and chats (zh-CN: the customers' language).

type TCampaignText = { name: string; startDate: string; endDate: string; replyText: string; keywords: readonly string[] };

const mmdd = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The group reply to a keyword check-in: the campaign's text for a success, fixed words otherwise. */
export function keywordReplyText(
  campaign: TCampaignText,
  name: string,
  outcome: { ok: true; result: TCheckinResult } | { ok: false; reason: TCheckinRefusalReason },
): string | null {
  if (!outcome.ok) {
    if (outcome.reason === 'NOT_STARTED') return `@${name} 「${campaign.name}」${mmdd(campaign.startDate)}开始，到时再来打卡哦`;
    if (outcome.reason === 'ENDED') return `@${name} 「${campaign.name}」已经结束啦，感谢参与`;
    return null;
  }
  const r = outcome.result;
  if (r.outcome === 'already') return `@${name} 今天已经打过卡啦，已连续打卡 ${r.currentStreak} 天`;
  const lines = [
    renderTemplate(campaign.replyText, {
      name,
      streak: r.currentStreak,
      total: r.totalDays,
      day: r.number,
      campaign: campaign.name,
    }),
  ];
  for (const m of r.newMilestones) {
    lines.push(`🎉 达成「${m.kind === 'streak' ? `连续打卡 ${m.days} 天` : `累计打卡 ${m.days} 天`}」，获得 ${m.rewardName}`);
  }
  return lines.join('\n');
}

/** The group reminder: the campaign's text, how many have not checked in, and how to check in. */
export function groupReminderText(campaign: TCampaignText & { reminderText: string }, pending: number): string {
  const text = renderTemplate(campaign.reminderText, { campaign: campaign.name, name: '大家', streak: '', pending });
  const keyword = campaign.keywords[0];
  const how = keyword ? `在群里发送「${keyword}」即可打卡` : '打开活动页面即可打卡';
  return `${text}\n今天还有 ${pending} 位小伙伴没有打卡，${how}。`;
}

/** The private reminder: the campaign's text, the customer's streak, and their own link. */
export function privateReminderText(
  campaign: TCampaignText & { reminderText: string },
  customer: { name: string; streak: number; total: number },
  link: string,
): string {
  const text = renderTemplate(campaign.reminderText, {
    campaign: campaign.name,
    name: customer.name,
    streak: customer.streak,
    total: customer.total,
    pending: 1,
  });
  const streakLine = customer.streak > 0 ? `你已连续打卡 ${customer.streak} 天，` : '';
  return `${text}\n${streakLine}点这里打卡：${link}`;
}
