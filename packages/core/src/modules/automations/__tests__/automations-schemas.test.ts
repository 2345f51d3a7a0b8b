import { describe, expect, it } from 'vitest';
import { ZCreateAutomation, ZUpdateAutomation } from '../automations.schemas.ts';

const base = {
  name: '规则',
  trigger: { type: 'order_paid', minAmountCents: 100 },
  actions: [{ type: 'create_task', title: '跟进' }],
};
const task = { type: 'create_task', title: 'x' };
const wait = { type: 'wait', amount: 2, unit: 'hours' };

describe('ZCreateAutomation', () => {
  const rows: [string, Record<string, unknown>, string | null][] = [
    ['a minimal rule', {}, null],
    ['an unknown trigger field', { trigger: { type: 'order_paid', minAmount: 5 } }, 'minAmount'],
    ['an unknown trigger type', { trigger: { type: 'teleport' } }, 'trigger'],
    ['an unknown top-level field', { colour: 'red' }, 'colour'],
    ['an unknown condition field', { conditions: { vip: true } }, 'vip'],
    ['an invalid audience', { conditions: { audience: { tag: 3 } } }, 'audience'],
    ['a valid audience', { conditions: { audience: { all: [{ tag: '3' }, { not: { store: '2' } }] } } }, null],
    ['no actions', { actions: [] }, 'at least one action'],
    ['a wait at the end', { actions: [task, wait] }, 'wait must be followed'],
    ['a wait in the middle', { actions: [task, wait, task] }, null],
    ['a wait first, then an action', { actions: [wait, task] }, null],
    ['an unknown action field', { actions: [{ ...task, priority: 1 }] }, 'priority'],
    ['a message without content', { actions: [{ type: 'send_private', content: { materialIds: [] } }] }, 'Content needs'],
    ['a message with text', { actions: [{ type: 'send_private', content: { text: '你好' } }] }, null],
    ['tags: empty list', { actions: [{ type: 'add_tags', tagIds: [] }] }, 'at least one tag'],
    ['a tag trigger without tags', { trigger: { type: 'tag_added', tagIds: [] } }, 'at least one tag'],
    ['inactivity of 0 days', { trigger: { type: 'inactivity', days: 0 } }, 'days'],
    ['date field 31 days early', { trigger: { type: 'date_field', fieldKey: 'birthday', daysBefore: 31 } }, 'daysBefore'],
    [
      'a points reward of 0',
      { actions: [{ type: 'grant_reward', reward: { kind: 'points', amount: 0, name: '积分' } }] },
      'amount',
    ],
    ['a gift of 0', { actions: [{ type: 'grant_reward', reward: { kind: 'gift', amount: 0, name: '礼品' } }] }, null],
    ['a zero loop window', { loopWindowMinutes: 0 }, 'loopWindowMinutes'],
    ['a blank name', { name: '  ' }, 'name'],
  ];
  it.each(rows)('%s', (_name, over, error) => {
    const r = ZCreateAutomation.safeParse({ ...base, ...over });
    if (error === null) {
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    } else {
      expect(r.success).toBe(false);
      const text = JSON.stringify(r.error?.issues);
      expect(text).toContain(error);
    }
  });

  it('fills the defaults: off, 24 h loop window, no conditions', () => {
    const r = ZCreateAutomation.parse(base);
    expect(r).toMatchObject({ enabled: false, loopWindowMinutes: 1440, conditions: {}, description: '' });
  });
});

describe('ZUpdateAutomation', () => {
  it('takes any subset, and checks what it is given', () => {
    expect(ZUpdateAutomation.safeParse({ enabled: true }).success).toBe(true);
    expect(ZUpdateAutomation.safeParse({ actions: [task, wait] }).success).toBe(false);
    expect(ZUpdateAutomation.safeParse({ nmae: 'typo' }).success).toBe(false);
  });
});
