import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { GroupSelect } from '../../components/group-select.tsx';
import { StaffSelect } from '../../components/staff-select.tsx';
import { type TKeywordTestResult, VERDICT_COLOR } from './types.ts';

/** "Test a message": which rule would answer, and why the other matching rules would not. */
export const KeywordTestBox = () => {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [conversation, setConversation] = useState<'group' | 'private'>('group');
  const [groupId, setGroupId] = useState<number | undefined>();
  const [staffId, setStaffId] = useState<number | undefined>();
  const test = useMutation({
    mutationFn: () =>
      api<TKeywordTestResult>('/api/keyword-replies/test', {
        method: 'POST',
        body: {
          text,
          conversation,
          groupId: conversation === 'group' ? groupId : undefined,
          staffId: conversation === 'private' ? staffId : undefined,
        },
      }),
  });
  const result = test.data;
  return (
    <Card size="small" title={t('keywordReplies.test.title')} style={{ marginBottom: 16 }}>
      <Flex vertical gap={12}>
        <Flex wrap gap={8}>
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => text.trim() && test.mutate()}
            placeholder={t('keywordReplies.test.placeholder')}
            style={{ width: 320 }}
            maxLength={2000}
            data-testid="keyword-test-text"
          />
          <Select<'group' | 'private'>
            value={conversation}
            onChange={setConversation}
            style={{ width: 120 }}
            options={[
              { value: 'group', label: t('keywordReplies.scope.groups') },
              { value: 'private', label: t('keywordReplies.scope.private') },
            ]}
          />
          {conversation === 'group' ? (
            <GroupSelect value={groupId} onChange={(v) => setGroupId(v)} placeholder={t('keywordReplies.test.anyGroup')} />
          ) : (
            <StaffSelect value={staffId} onChange={(v) => setStaffId(v)} placeholder={t('keywordReplies.test.anyStaff')} />
          )}
          <Button
            type="primary"
            disabled={!text.trim()}
            loading={test.isPending}
            onClick={() => test.mutate()}
            data-testid="keyword-test-run"
          >
            {t('keywordReplies.test.run')}
          </Button>
        </Flex>
        {result ? (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="keyword-test-result">
            {result.outcome === 'reply' ? (
              <Alert
                type="success"
                showIcon
                title={t('keywordReplies.test.wouldReply', {
                  name: result.matches.find((m) => m.ruleId === result.ruleId)?.name ?? '',
                })}
                description={
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {result.replyText ?? t('keywordReplies.test.contentError')}
                  </Typography.Text>
                }
              />
            ) : result.outcome === 'outside_hours' ? (
              <Alert type="warning" showIcon title={t('keywordReplies.test.outsideHours')} />
            ) : (
              <Alert
                type="info"
                showIcon
                title={t(result.matches.length ? 'keywordReplies.test.noneInScope' : 'keywordReplies.test.noMatch')}
              />
            )}
            {result.matches.length ? (
              <List
                size="small"
                dataSource={result.matches}
                renderItem={(m) => (
                  <List.Item>
                    <Space wrap>
                      <Tag color={VERDICT_COLOR[m.verdict]}>{t(`keywordReplies.verdict.${m.verdict}`)}</Tag>
                      <Typography.Text strong>{m.name}</Typography.Text>
                      <Typography.Text type="secondary">{t('keywordReplies.test.priority', { n: m.priority })}</Typography.Text>
                      {m.keywords.map((k) => (
                        <Tag key={k}>{k}</Tag>
                      ))}
                    </Space>
                  </List.Item>
                )}
              />
            ) : null}
          </Space>
        ) : null}
      </Flex>
    </Card>
  );
};
