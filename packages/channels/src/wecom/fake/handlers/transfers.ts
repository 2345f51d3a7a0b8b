import { FakeApiError, type FakeRequest, type FakeRoutes, nowSec, optStr, page, reqStr, strList } from '../fake-core.ts';
import { type FakeWecomState, followKey } from '../fake-state.ts';
import { staffOrThrow } from './customers.ts';

/**
 * Customer transfers. Documents:
 * - 分配在职成员的客户 https://developer.work.weixin.qq.com/document/path/92125 (external_userid ≤ 100 per call; a
 *   customer can be transferred at most twice in 90 days; the customer has 24 h to refuse, then the takeover
 *   completes). Per-customer errcodes: 84061 no relation, 40128 transferred too often (客户转接过于频繁).
 * - 查询客户接替状态 transfer_result (status 1 done, 2 waiting, 3 refused, 4 takeover over its limit, 5 no record)
 * - 分配离职成员的客户 https://developer.work.weixin.qq.com/document/path/94081 (resigned/transfer_customer,
 *   resigned/transfer_result, same limits).
 */

const TAKEOVER_DELAY_SEC = 24 * 3600;
const WINDOW_SEC = 90 * 86400;

/** Completes every waiting transfer whose 24 h have passed at `nowS`: the follow moves to the takeover. */
export function settleTransfers(state: FakeWecomState, nowS: number) {
  for (const t of state.transfers) {
    if (t.status !== 2 || t.takeover_time > nowS) continue;
    const from = state.follows.get(followKey(t.handover_userid, t.external_userid));
    if (from) {
      state.follows.delete(followKey(t.handover_userid, t.external_userid));
      state.follows.set(followKey(t.takeover_userid, t.external_userid), {
        ...from,
        userid: t.takeover_userid,
        createtime: t.takeover_time,
        oper_userid: t.takeover_userid,
      });
    }
    t.status = 1;
  }
}

function transferCustomer(req: FakeRequest, resigned: boolean) {
  const handover = reqStr(req, 'handover_userid');
  const takeover = reqStr(req, 'takeover_userid');
  staffOrThrow(req.state, handover);
  const taker = staffOrThrow(req.state, takeover);
  if (!taker.followEnabled)
    throw new FakeApiError(40058, `invalid parameter: takeover_userid ${takeover} is not configured for 客户联系`);
  if (handover === takeover) throw new FakeApiError(40058, 'invalid parameter: handover and takeover must differ');
  const ids = strList(req.body.external_userid, 'external_userid');
  if (ids.length === 0 || ids.length > 100)
    throw new FakeApiError(40058, 'invalid parameter: external_userid must hold 1 to 100 ids');
  const now = nowSec(req);
  const customer = ids.map((external_userid) => {
    if (!req.state.follows.has(followKey(handover, external_userid))) return { external_userid, errcode: 84061 };
    const times = (req.state.transferTimes.get(external_userid) ?? []).filter((t) => t > now - WINDOW_SEC);
    if (times.length >= 2) return { external_userid, errcode: 40128 };
    if (req.state.transfers.some((t) => t.external_userid === external_userid && t.status === 2))
      return { external_userid, errcode: 40128 };
    times.push(now);
    req.state.transferTimes.set(external_userid, times);
    req.state.transfers.push({
      handover_userid: handover,
      takeover_userid: takeover,
      external_userid,
      status: 2,
      takeover_time: now + TAKEOVER_DELAY_SEC,
      resigned,
    });
    return { external_userid, errcode: 0 };
  });
  return { customer };
}

function transferResult(req: FakeRequest, resigned: boolean) {
  const handover = reqStr(req, 'handover_userid');
  const takeover = reqStr(req, 'takeover_userid');
  settleTransfers(req.state, nowSec(req));
  const list = req.state.transfers.filter(
    (t) => t.handover_userid === handover && t.takeover_userid === takeover && t.resigned === resigned,
  );
  const paged = page(list, optStr(req, 'cursor'), 1000);
  return {
    customer: paged.items.map((t) => ({ external_userid: t.external_userid, status: t.status, takeover_time: t.takeover_time })),
    next_cursor: paged.next_cursor,
  };
}

export const transferRoutes: FakeRoutes = {
  'externalcontact/transfer_customer': { method: 'POST', auth: 'token', handler: (req) => transferCustomer(req, false) },
  'externalcontact/transfer_result': { method: 'POST', auth: 'token', handler: (req) => transferResult(req, false) },
  'externalcontact/resigned/transfer_customer': { method: 'POST', auth: 'token', handler: (req) => transferCustomer(req, true) },
  'externalcontact/resigned/transfer_result': { method: 'POST', auth: 'token', handler: (req) => transferResult(req, true) },
};
