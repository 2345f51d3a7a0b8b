import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { AUTOMATION_RESUME_JOB, continueAutomationRun } from './continue-automation-run.ts';
import { AUTOMATION_SWEEP_RULE_JOB, sweepAutomationRule, sweepAutomations } from './sweep-automations.ts';
import { AUTOMATION_EXECUTE_JOB } from './trigger-automations.ts';

export const AUTOMATION_SWEEP_JOB = 'automations.sweep';

const ZRunJob = z.object({ tenantId: z.number().int().positive(), runId: z.number().int().positive() });
const ZSweepRuleJob = z.object({ tenantId: z.number().int().positive(), ruleId: z.number().int().positive() });

/** The handler of `automations.resume` (and `automations.execute`): continues one run. Exported for tests. */
export const resumeAutomationRun = (deps: Deps, data: unknown) => continueAutomationRun(deps, ZRunJob.parse(data));

/**
 * Queues and schedules of the automations module: `automations.execute` (a matched run's
 * actions), `automations.resume` (after a wait), `automations.sweep` hourly (inactivity and
 * date-field rules once a day from 09:00 Asia/Shanghai; waiting runs that are due) and `automations.sweep-rule` (one rule).
 */
export async function registerAutomationJobs(deps: Deps): Promise<void> {
  await deps.queue.register(AUTOMATION_EXECUTE_JOB, async (data) => {
    await resumeAutomationRun(deps, data);
  });
  await deps.queue.register(AUTOMATION_RESUME_JOB, async (data) => {
    await resumeAutomationRun(deps, data);
  });
  await deps.queue.register(AUTOMATION_SWEEP_RULE_JOB, async (data) => {
    await sweepAutomationRule(deps, ZSweepRuleJob.parse(data));
  });
  await deps.queue.register(AUTOMATION_SWEEP_JOB, async () => {
    await sweepAutomations(deps);
  });
  await deps.queue.schedule(AUTOMATION_SWEEP_JOB, '7 * * * *');
}
