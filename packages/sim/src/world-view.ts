import type { TValueSegment } from './segments.ts';
import type { TWorld } from './world.ts';

// The small read model the behaviour model plans from: who is where, who follows whom, which
// groups have room. Built from the database (load-world-view.ts) or straight from a generated world
// (worldToView), so the planner can be tested without a database. Ids are Pond ids.

export type TViewCustomer = {
  id: number;
  storeId: number | null;
  name: string;
  gender: number;
  createdAt: Date;
  /** Staff the customer is in relation with now (follows not deleted). */
  staffIds: number[];
  /** Groups the customer is a member of now. */
  groupIds: number[];
  valueSegment: TValueSegment;
};

export type TViewGroup = {
  id: number;
  storeId: number | null;
  ownerStaffId: number | null;
  name: string;
  /** Current members, customers and staff (group_chats.member_count). */
  memberCount: number;
  memberCap: number;
};

export type TViewStaff = { id: number; storeId: number | null; role: string; name: string };

export type TViewStore = { id: number; name: string };

/**
 * A contact way (a live code, a fission participant's or a referrer's code) or a join way (a group
 * code) of the virtual WeCom, by the state Pond gave it (`lc…`, `fi…`, `rf…`, `gc…`).
 */
export type TViewWay = { configId: string; kind: 'contact' | 'join'; state: string };

/** A check-in campaign running in groups: members post its keyword there. */
export type TViewCheckin = { groupIds: number[]; keyword: string };

export type TWorldView = {
  customers: TViewCustomer[];
  groups: TViewGroup[];
  staff: TViewStaff[];
  stores: TViewStore[];
  /** Acquisition entry points customers can scan; none in a freshly generated world. */
  ways?: TViewWay[];
  /** Active check-in campaigns with a keyword. */
  checkins?: TViewCheckin[];
};

/**
 * The view of a generated world as it stands at its `now`, using refs as ids (as if seeded into an
 * empty database).
 * @example
 * const view = worldToView(generateWorld({ seed: 1, customers: 2_000 }));
 */
export function worldToView(world: TWorld): TWorldView {
  const staffIds = new Map<number, number[]>();
  for (const f of world.follows) {
    if (f.deletedAt !== null) continue;
    const list = staffIds.get(f.customerRef) ?? [];
    list.push(f.staffRef);
    staffIds.set(f.customerRef, list);
  }
  const groupIds = new Map<number, number[]>();
  const memberCount = new Map<number, number>();
  for (const m of [...world.staffMembers, ...world.groupMembers]) {
    if (m.leftAt !== null) continue;
    memberCount.set(m.groupRef, (memberCount.get(m.groupRef) ?? 0) + 1);
    if (m.customerRef === null) continue;
    const list = groupIds.get(m.customerRef) ?? [];
    list.push(m.groupRef);
    groupIds.set(m.customerRef, list);
  }
  return {
    customers: world.customers.map((c) => ({
      id: c.ref,
      storeId: c.storeRef,
      name: c.name,
      gender: c.gender,
      createdAt: c.createdAt,
      staffIds: staffIds.get(c.ref) ?? [],
      groupIds: groupIds.get(c.ref) ?? [],
      valueSegment: c.valueSegment,
    })),
    groups: world.groups.map((g) => ({
      id: g.ref,
      storeId: g.storeRef,
      ownerStaffId: g.ownerStaffRef,
      name: g.name,
      memberCount: memberCount.get(g.ref) ?? 0,
      memberCap: g.memberCap,
    })),
    staff: world.staff.map((s) => ({ id: s.ref, storeId: s.storeRef, role: s.role, name: s.name })),
    stores: world.orgUnits.filter((u) => u.kind === 'store').map((u) => ({ id: u.ref, name: u.name })),
  };
}
