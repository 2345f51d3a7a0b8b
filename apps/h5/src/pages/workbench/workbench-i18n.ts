// The workbench's texts: written in Chinese in the code (the default), with an English table. The
// key IS the Chinese text, so the page reads naturally; `TText` makes a text without an English
// entry a type error. `{name}` placeholders are filled from `vars`.

const EN = {
  导购工作台: 'Guide workbench',
  '用你的员工账号登录，查看今日任务、客户和话术。': 'Log in with your staff account to see today’s tasks, customers and scripts.',
  品牌代码: 'Brand code',
  账号: 'Username',
  密码: 'Password',
  登录: 'Log in',
  '登录中…': 'Logging in…',
  '请填写品牌代码、账号和密码。': 'Fill in the brand code, username and password.',
  '账号或密码不正确，请重试。': 'Wrong username or password. Try again.',
  今日任务: 'Today',
  客户: 'Customers',
  话术素材: 'Content',
  我的数据: 'My numbers',
  加载失败: 'Could not load',
  '工作台是导购用的。店长和总部可以在链接后加上 ?staffId=导购编号 预览某位导购的工作台。':
    'The workbench is for guides. Managers and HQ can preview a guide’s workbench by adding ?staffId=<guide id> to the link.',
  预览: 'Preview',
  退出: 'Log out',
  '当前客户：': 'Current customer: ',
  '（当前聊天）': ' (this chat)',
  '（手动选择）': ' (picked)',
  清除: 'Clear',
  '未识别到当前聊天客户，可在「客户」里选择。': 'The chat’s customer was not recognised; pick one under Customers.',
  '浏览器模式：在「客户」里选择当前客户。': 'Browser mode: pick the current customer under Customers.',
  待完成: 'Open',
  已完成: 'Done',
  已跳过: 'Skipped',
  已过期: 'Expired',
  已逾期: 'Overdue',
  已逾期·已提醒: 'Overdue · reminded',
  今日完成: 'Done today',
  '有 {n} 个任务已逾期，请尽快处理。': '{n} tasks are overdue — please handle them soon.',
  '今天没有任务，去看看客户吧～': 'No tasks today — have a look at your customers.',
  'SOP 任务': 'SOP steps',
  客户跟进: 'Follow-ups',
  待确认群发: 'Broadcasts to confirm',
  朋友圈: 'Moments',
  '{n} 待完成': '{n} open',
  '截止 {time}': 'Due {time}',
  '群：{name}': 'Group: {name}',
  '备注：{note}': 'Note: {note}',
  '请在企业微信「客户联系 → 群发助手」里确认发送，然后点完成。':
    'Confirm the send in WeCom (Customer contact → Mass messages), then tap Done.',
  发送并完成: 'Send & done',
  完成: 'Done',
  复制: 'Copy',
  跳过: 'Skip',
  '跳过原因（必填）': 'Reason for skipping (required)',
  确认跳过: 'Skip it',
  取消: 'Cancel',
  '撤销（{time} 前）': 'Undo (until {time})',
  '请填写跳过原因。': 'Give a reason for skipping.',
  '已发送，任务完成': 'Sent; task done',
  已撤销: 'Undone',
  '任务已跳过或已过期，不能完成；跳过的任务可先撤销。': 'This task was skipped or expired; undo a skip first to complete it.',
  '已超过 10 分钟，不能撤销了。需要的话请店长重新派任务。':
    'More than 10 minutes have passed, so it cannot be undone. Ask your manager for a new task.',
  已复制: 'Copied',
  '复制失败，请长按文字复制': 'Could not copy; press and hold the text to copy it',
  '[话术 #{id}]': '[script #{id}]',
  '[素材 ×{n}]': '[materials ×{n}]',
  '搜索姓名、备注、手机号或后4位': 'Search name, remark, phone or its last 4 digits',
  没有找到匹配的客户: 'No matching customers',
  还没有客户: 'No customers yet',
  '{n} 单 · {amount}': '{n} orders · {amount}',
  '加载更多（{shown}/{total}）': 'Load more ({shown}/{total})',
  标签: 'Tags',
  收起: 'Close',
  '＋ 添加': '+ Add',
  还没有标签: 'No tags yet',
  '已移除「{name}」': 'Removed “{name}”',
  '已添加「{name}」': 'Added “{name}”',
  '还没有标签，请让运营在后台创建。': 'No tags yet; ask HQ to create some in the console.',
  '请先写点内容。': 'Write something first.',
  已记录: 'Saved',
  跟进记录: 'Notes',
  '例如：喜欢少糖，周末常来店里': 'e.g. likes less sugar, comes in at weekends',
  保存记录: 'Save note',
  当前客户: 'Current customer',
  设为当前客户: 'Make current',
  无手机号: 'No phone',
  '添加的员工：': 'Added by: ',
  无: 'none',
  待办任务: 'Open tasks',
  所在群: 'Groups',
  不在任何群里: 'Not in any group',
  已退群: 'Left',
  在群: 'Member',
  订单: 'Orders',
  '共 {n} 单 · {amount}': '{n} orders · {amount}',
  还没有订单: 'No orders yet',
  已退款: 'refunded',
  动态: 'Timeline',
  暂无动态: 'Nothing yet',
  添加好友: 'Added',
  删除好友: 'Deleted',
  打标签: 'Tagged',
  移除标签: 'Untagged',
  入群: 'Joined group',
  退群: 'Left group',
  消息: 'Message',
  下单: 'Order',
  退款: 'Refund',
  建档: 'Created',
  资料更新: 'Updated',
  客户交接: 'Handover',
  扫码添加: 'Scanned a code',
  图片: 'Image',
  视频: 'Video',
  文件: 'File',
  链接: 'Link',
  小程序: 'Mini program',
  海报: 'Poster',
  '已发送给 {name}': 'Sent to {name}',
  '先在「客户」里选择当前客户': 'Pick the current customer under Customers first',
  '确认发给{name}': 'Send to {name}?',
  发送: 'Send',
  已发到当前聊天: 'Sent to this chat',
  '发到聊天失败，请重试': 'Could not send to the chat; try again',
  '复制失败，请长按文字手动复制': 'Could not copy; press and hold the text to copy it',
  发到聊天: 'Send to chat',
  全部: 'All',
  没有找到话术: 'No scripts found',
  '用过 {n} 次': 'Used {n}×',
  '附带素材 ×{n}': 'With materials ×{n}',
  没有找到素材: 'No materials found',
  链接已复制: 'Link copied',
  复制失败: 'Could not copy',
  复制链接: 'Copy link',
  话术: 'Scripts',
  素材: 'Materials',
  '搜索话术标题、内容': 'Search script titles and text',
  '搜索素材标题、描述、标签': 'Search material titles, descriptions, tags',
  '发送前请先在「客户」里选择当前客户；也可以复制后在聊天里粘贴。':
    'Pick the current customer under Customers before sending, or copy and paste into the chat.',
  我的客户: 'My customers',
  本周新增: 'New this week',
  本周流失: 'Lost this week',
  本周任务: 'This week’s tasks',
  任务数: 'Tasks',
  完成率: 'Completion',
  '本月业绩（我的客户）': 'This month (my customers)',
  订单数: 'Orders',
  客单价: 'AOV',
  '本月 GMV': 'GMV this month',
  'GMV = 已支付金额减去退款；客单价 = GMV ÷ 订单数；下单客户 {n} 人。完成率 = 已完成 ÷ 已到期任务。':
    'GMV = paid minus refunded; AOV = GMV ÷ orders; {n} purchasing customers. Completion = done ÷ tasks due so far.',
  '登录已过期，请重新登录。': 'Your session expired. Log in again.',
  '品牌代码、账号或密码不正确，请检查后重试。': 'Wrong brand code, username or password. Check and try again.',
  '你没有权限执行这个操作。': 'You are not allowed to do this.',
  '没有找到：可能已被删除，或不是你的客户/任务。请刷新后重试。':
    'Not found: it may have been deleted, or is not your customer/task. Refresh and try again.',
  '操作与当前状态冲突，请刷新后重试。': 'This clashes with the current state. Refresh and try again.',
  '操作太频繁，请稍等一分钟再试。': 'Too many tries; wait a minute.',
  '企业微信接口暂时不可用，请稍后重试。': 'WeCom is unavailable right now; try again later.',
  '服务器出错了，请稍后重试；如果一直出现，请联系管理员。': 'Something went wrong on the server; try again, or tell your admin.',
  '输入有误：{detail}': 'Invalid input: {detail}',
  '请求失败（{status}）': 'Request failed ({status})',
  '网络连接失败，请检查网络后重试。': 'No connection; check the network and try again.',
  加载中: 'Loading',
  重试: 'Retry',
} as const;

export type TText = keyof typeof EN;
export type TLang = 'zh-CN' | 'en';

const LANG_KEY = 'pond.workbench.lang';
let lang: TLang = (() => {
  try {
    return window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
})();

export const getLang = (): TLang => lang;

/** Switches the language (remembered on this device); the page re-renders from its own state. */
export function setLang(next: TLang): void {
  lang = next;
  try {
    window.localStorage.setItem(LANG_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
}

/** The text in the current language, placeholders filled. */
export function tr(text: TText, vars: Record<string, string | number> = {}): string {
  const s: string = lang === 'en' ? EN[text] : text;
  return s.replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}
