import { and, asc, count, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { requireChanges } from '../../lib/require-changes.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { TAccount, TCreateAccountRequest, TUpdateAccountRequest } from './access.schemas.ts';
import { accounts } from './access.tables.ts';
import { assertRole } from './assert-role.ts';
import { DEMO_PASSWORDS, hashPassword } from './passwords.ts';
import { toAccount } from './to-account.ts';

// Store managers need a store and guides a staff member, or their data scope would be empty.
function checkScopeFields(role: string, staffId: number | null | undefined, storeId: number | null | undefined) {
  if (role === 'store_manager' && !storeId) throw new AppError('VALIDATION', 'storeId: a store manager needs a store. Pick one.');
  if (role === 'guide' && !staffId)
    throw new AppError('VALIDATION', 'staffId: a guide account needs its staff member. Pick one.');
}

export async function listAccounts(ctx: Ctx, query: TPageQuery): Promise<TPage<TAccount>> {
  assertRole(ctx.actor, ['admin'], 'manage accounts');
  const db = dbOf(ctx);
  const where = eq(accounts.tenantId, ctx.actor.tenantId);
  const [total] = await db.select({ n: count() }).from(accounts).where(where);
  const rows = await db
    .select()
    .from(accounts)
    .where(where)
    .orderBy(asc(accounts.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: rows.map(toAccount), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * Creates a console account (admins only). The password is stored as an argon2id hash.
 * @example
 * await createAccount(ctx, { username: 'li.na', displayName: '李娜', password: '…', role: 'guide', staffId: 7 });
 */
export async function createAccount(ctx: Ctx, input: TCreateAccountRequest): Promise<TAccount> {
  assertRole(ctx.actor, ['admin'], 'manage accounts');
  checkScopeFields(input.role, input.staffId, input.storeId);
  if (DEMO_PASSWORDS.has(input.password)) throw new AppError('VALIDATION', 'password: choose a password of your own.');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tctx) => {
    const [row] = await dbOf(tctx)
      .insert(accounts)
      .values({
        tenantId: ctx.actor.tenantId,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        staffId: input.staffId ?? null,
        storeId: input.storeId ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('CONFLICT', `Username ${input.username} is taken. Choose another.`);
    await recordAudit(tctx, { action: 'account.create', targetType: 'account', targetId: row.id, details: { role: input.role } });
    return toAccount(row);
  });
}

/** Updates an account; a role change is audited. Admins cannot demote themselves (lock-out). */
export async function updateAccount(ctx: Ctx, id: number, input: TUpdateAccountRequest): Promise<TAccount> {
  requireChanges(input);
  const self = ctx.actor.accountId === id;
  const onlyLocale = Object.keys(input).every((k) => k === 'locale');
  if (!(self && onlyLocale)) assertRole(ctx.actor, ['admin'], 'manage accounts');
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const [current] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.tenantId, ctx.actor.tenantId), eq(accounts.id, id)))
      .for('update');
    if (!current) throw notFound('Account', id);
    if (self && ((input.role && input.role !== current.role) || input.status === 'disabled')) {
      throw new AppError('CONFLICT', 'You cannot change your own role or disable yourself. Ask another admin.');
    }
    const role = input.role ?? current.role;
    checkScopeFields(
      role,
      input.staffId === undefined ? current.staffId : input.staffId,
      input.storeId === undefined ? current.storeId : input.storeId,
    );
    const [row] = await db
      .update(accounts)
      .set(input)
      .where(and(eq(accounts.tenantId, ctx.actor.tenantId), eq(accounts.id, id)))
      .returning();
    if (!row) throw notFound('Account', id);
    if (input.role && input.role !== current.role) {
      await recordAudit(tctx, {
        action: 'account.role_change',
        targetType: 'account',
        targetId: id,
        details: { from: current.role, to: input.role, username: current.username },
      });
    }
    return toAccount(row);
  });
}
