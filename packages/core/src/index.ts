// The public surface of @pond/core: what the server, the simulator and tools may use.

export { registerChannels, simulatorOf } from './channels.ts';
export * from './context.ts';
export * from './deps.ts';
export { emitDomainEvent, onDomainEvent, type TDomainEvent, type TDomainEventType } from './events/domain-events.ts';
export { type CreateAppOptions, createApp } from './http/app.ts';
export { registerAllJobs } from './jobs.ts';
export { ConfigError, loadConfig, type TConfig } from './lib/config.ts';
export { createSealer, type Sealer } from './lib/crypto.ts';
export { AppError, type TErrorCode } from './lib/errors.ts';
export { accounts } from './modules/access/access.tables.ts';
export { hashPassword } from './modules/access/passwords.ts';
export { customerEvents, customerFields, customers, follows } from './modules/customers/customers.tables.ts';
export { groupChats, groupMembers, messages } from './modules/groups/groups.tables.ts';
export { sweepInboxAtStart } from './modules/inbox/inbox.jobs.ts';
export { inboxEvents } from './modules/inbox/inbox.tables.ts';
export { ingestEvent, intakeSettled } from './modules/inbox/ingest-event.ts';
export { giveWayToIntake, intakeCounts, shareIntakeCounts } from './modules/inbox/intake-pressure.ts';
export { processInboxEvent } from './modules/inbox/process-inbox-event.ts';
export { orders } from './modules/orders/orders.tables.ts';
export { orgUnits, staff, tenants } from './modules/org/org.tables.ts';
export { enqueueAction } from './modules/outbox/enqueue-action.ts';
export { outboundActions } from './modules/outbox/outbox.tables.ts';
export { performSimAction } from './modules/simulator/perform-sim-action.ts';
export { customerTags, tagGroups, tags } from './modules/tags/tags.tables.ts';
