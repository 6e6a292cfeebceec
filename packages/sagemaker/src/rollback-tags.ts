/** Marks the rollback action leaves on the endpoint, so a repeated rollback knows there is nothing left to undo. */
export const ROLLBACK_TAG = { to: 'mlops:rolled-back-to', from: 'mlops:rolled-back-from', at: 'mlops:rolled-back-at' } as const;
