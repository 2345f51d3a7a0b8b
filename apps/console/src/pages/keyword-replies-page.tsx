import { KeywordRuleList } from './keyword-replies/keyword-rule-list.tsx';

/** Keyword auto-replies (关键词回复): rules, a test box, and each rule's hits. */
export const KeywordRepliesPage = () => <KeywordRuleList />;
