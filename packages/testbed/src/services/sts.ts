import type { RequestContext, SimulatedService } from '../gateway.js';
import { loadServiceModel } from '../service-model.js';

/** STS GetCallerIdentity: who the world's credentials are. */
export function createSts(): SimulatedService {
  return {
    id: 'sts',
    model: loadServiceModel('sts'),
    operations: {
      GetCallerIdentity: (_input: unknown, ctx: RequestContext) => ({
        UserId: 'AROALOCALWORLD:github-actions',
        Account: ctx.accountId,
        Arn: `arn:aws:sts::${ctx.accountId}:assumed-role/github-actions/local-world`,
      }),
    },
  };
}
