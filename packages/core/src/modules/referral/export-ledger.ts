import { and, desc, lt } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import {
  CSV_CONTENT_TYPE,
  centsToYuan,
  csvStream,
  exportFilename,
  formatLocalTime,
  type TSpreadsheetFile,
} from '../customers/export-customers.ts';
import type { TLedgerState } from './ledger-states.ts';
import { joinLedgerReferrer, ledgerConditions } from './list-ledger.ts';
import type { TLedgerFilter } from './referral.schemas.ts';
import { referralLedger, referrers } from './referral.tables.ts';

const PAGE_SIZE = 1000;

const TEXTS = {
  'zh-CN': {
    prefix: '佣金流水',
    header: [
      '流水ID',
      '推荐人ID',
      '推荐人',
      '层级',
      '类型',
      '订单ID',
      '下单客户',
      '订单金额(元)',
      '佣金(元)',
      '状态',
      '发生时间',
      '可结算时间',
      '结算时间',
      '支付时间',
      '支付人',
      '付款凭证',
    ],
    kind: { commission: '佣金', clawback: '退款扣回' },
    state: { pending: '待结算', settled: '已结算', paid: '已支付', reversed: '已冲销' } satisfies Record<TLedgerState, string>,
  },
  en: {
    prefix: 'referral-ledger',
    header: [
      'Entry ID',
      'Referrer ID',
      'Referrer',
      'Level',
      'Kind',
      'Order ID',
      'Customer',
      'Order amount (CNY)',
      'Commission (CNY)',
      'State',
      'Occurred at',
      'Settles after',
      'Settled at',
      'Paid at',
      'Paid by',
      'Payout reference',
    ],
    kind: { commission: 'commission', clawback: 'clawback' },
    state: { pending: 'pending', settled: 'settled', paid: 'paid', reversed: 'reversed' } satisfies Record<TLedgerState, string>,
  },
} as const;

/**
 * The ledger rows of a filter as CSV (UTF-8 with BOM; amounts in yuan, times in the tenant's zone),
 * streamed page by page. Admins and operators only; audited.
 */
export async function exportLedger(
  ctx: Ctx,
  input: { filter: TLedgerFilter; locale?: 'zh-CN' | 'en'; timeZone?: string },
): Promise<TSpreadsheetFile> {
  assertRole(ctx.actor, ['admin', 'operator'], 'export the commission ledger');
  const texts = TEXTS[input.locale ?? 'zh-CN'];
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  const where = await ledgerConditions(ctx, input.filter);
  await recordAudit(ctx, { action: 'referral.ledger.export', targetType: 'referral_ledger', details: { filter: input.filter } });
  const time = (d: Date | null) => (d ? formatLocalTime(d, timeZone) : '');
  let lastId: number | null = null;
  let done = false;
  const nextPage = async () => {
    if (done) return null;
    const rows = await dbOf(ctx)
      .select({ l: referralLedger, referrerName: referrers.name })
      .from(referralLedger)
      .innerJoin(referrers, joinLedgerReferrer)
      .where(lastId === null ? where : and(where, lt(referralLedger.id, lastId)))
      .orderBy(desc(referralLedger.id))
      .limit(PAGE_SIZE);
    if (rows.length < PAGE_SIZE) done = true;
    if (rows.length === 0) return null;
    lastId = rows[rows.length - 1]?.l.id ?? null;
    const names = await getCustomerNames(
      ctx,
      rows.map((r) => r.l.customerId),
    );
    return rows.map(({ l, referrerName }) => [
      l.id,
      l.referrerId,
      referrerName,
      l.level,
      texts.kind[l.kind as 'commission' | 'clawback'] ?? l.kind,
      l.orderId,
      names.get(l.customerId) ?? '',
      centsToYuan(l.orderAmountCents),
      centsToYuan(l.amountCents),
      texts.state[l.state as TLedgerState] ?? l.state,
      time(l.occurredAt),
      time(l.settleAfter),
      time(l.settledAt),
      time(l.paidAt),
      l.paidBy ?? '',
      l.payoutRef ?? '',
    ]);
  };
  return {
    filename: exportFilename(texts.prefix, 'csv', ctx.now(), timeZone),
    contentType: CSV_CONTENT_TYPE,
    body: csvStream([...texts.header], nextPage),
  };
}
