// Names of the fission module's jobs (apart from their handlers, so operations can enqueue them).

/** Pushes a campaign's staff pool to every participant's contact way. Payload `{ tenantId, campaignId }`. */
export const FISSION_SYNC_WAYS_JOB = 'fission.sync-ways';
/** Creates a participant's code and, if asked, sends them their link. Payload `ZPrepareParticipantJob`. */
export const FISSION_PREPARE_JOB = 'fission.prepare-participant';
/** Ends campaigns whose window has passed (every minute). */
export const FISSION_SWEEP_JOB = 'fission.sweep';
