import { eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { assertRole } from '../access/assert-role.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getStaffById, getStaffNames } from '../org/lookups.ts';
import type { TCommissionRule } from './commission-rules.ts';
import type { TReferralProgramme, TSaveReferralProgramme } from './referral.schemas.ts';
import { referralProgrammes } from './referral.tables.ts';

/** The programme's settings as the module's functions use them. */
export type TProgramme = {
  enabled: boolean;
  attributionDays: number;
  refundDays: number;
  level2Enabled: boolean;
  level1CapCents: number | null;
  level2CapCents: number | null;
  staffIds: number[];
  welcomeText: string | null;
  rules: TCommissionRule[];
  updatedAt: Date | null;
  updatedBy: string | null;
};

/** What a tenant has before anyone saves its programme: off, 30-day attribution, 7-day refund window. */
export const DEFAULT_PROGRAMME: TProgramme = {
  enabled: false,
  attributionDays: 30,
  refundDays: 7,
  level2Enabled: false,
  level1CapCents: null,
  level2CapCents: null,
  staffIds: [],
  welcomeText: null,
  rules: [],
  updatedAt: null,
  updatedBy: null,
};

/** The tenant's programme (the defaults until first saved). No role check: every module function may read it. */
export async function loadProgramme(ctx: Ctx): Promise<TProgramme> {
  const [row] = await dbOf(ctx).select().from(referralProgrammes).where(eq(referralProgrammes.tenantId, ctx.actor.tenantId));
  if (!row) return DEFAULT_PROGRAMME;
  return {
    enabled: row.enabled,
    attributionDays: row.attributionDays,
    refundDays: row.refundDays,
    level2Enabled: row.level2Enabled,
    level1CapCents: row.level1CapCents,
    level2CapCents: row.level2CapCents,
    staffIds: row.staffIds,
    welcomeText: row.welcomeText,
    rules: row.rules,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

const toApi = async (ctx: Ctx, p: TProgramme): Promise<TReferralProgramme> => {
  const names = await getStaffNames(ctx, p.staffIds);
  return {
    enabled: p.enabled,
    attributionDays: p.attributionDays,
    refundDays: p.refundDays,
    level2Enabled: p.level2Enabled,
    level1CapCents: p.level1CapCents,
    level2CapCents: p.level2CapCents,
    staffIds: p.staffIds,
    staff: p.staffIds.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    welcomeText: p.welcomeText,
    rules: p.rules,
    updatedAt: p.updatedAt?.toISOString() ?? null,
    updatedBy: p.updatedBy,
  };
};

/** The programme settings, for every role of the console (guides see the rules they earn by). */
export async function getReferralProgramme(ctx: Ctx): Promise<TReferralProgramme> {
  return toApi(ctx, await loadProgramme(ctx));
}

/**
 * Saves the programme (admins and operators); audited with the old and new settings. New rules
 * apply to orders paid from now on; ledger entries already written keep their amounts.
 */
export async function saveReferralProgramme(ctx: Ctx, input: TSaveReferralProgramme): Promise<TReferralProgramme> {
  assertRole(ctx.actor, ['admin', 'operator'], 'change the referral programme');
  const staffIds = [...new Set(input.staffIds)];
  for (const id of staffIds) {
    const member = await getStaffById(ctx, id);
    if (!member) throw new AppError('VALIDATION', `staffIds: staff member ${id} does not exist. Pick staff from the list.`);
    if (member.status !== 'active') {
      throw new AppError('VALIDATION', `staffIds: ${member.name} has resigned. Remove them from the pool.`);
    }
  }
  if (input.enabled && input.rules.length === 0) {
    throw new AppError('VALIDATION', 'rules: an enabled programme needs at least one commission rule. Add a rule first.');
  }
  return inTransaction(ctx, async (tctx) => {
    const before = await loadProgramme(tctx);
    const values = {
      enabled: input.enabled,
      attributionDays: input.attributionDays,
      refundDays: input.refundDays,
      level2Enabled: input.level2Enabled,
      level1CapCents: input.level1CapCents,
      level2CapCents: input.level2CapCents,
      staffIds,
      welcomeText: input.welcomeText || null,
      rules: input.rules,
      updatedAt: tctx.now(),
      updatedBy: tctx.actor.name,
    };
    await dbOf(tctx)
      .insert(referralProgrammes)
      .values({ tenantId: tctx.actor.tenantId, ...values })
      .onConflictDoUpdate({ target: referralProgrammes.tenantId, set: values });
    await recordAudit(tctx, {
      action: 'referral.programme.update',
      targetType: 'referral_programme',
      details: {
        before: { ...before, updatedAt: before.updatedAt?.toISOString() ?? null },
        after: { ...values, updatedAt: values.updatedAt.toISOString() },
      },
    });
    return toApi(tctx, await loadProgramme(tctx));
  });
}
