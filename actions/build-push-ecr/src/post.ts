import type { ActionIO } from '@mlops-actions/action-kit';
import { STATE, closeDockerSession } from '@mlops-actions/image-build';

/** The post step (runs even when the job failed): removes this job's ECR login unless `logout: false`. */
export async function post(io: ActionIO): Promise<Record<string, string>> {
  const dockerConfig = io.getState(STATE.dockerConfig);
  const said = await closeDockerSession(
    dockerConfig === ''
      ? undefined
      : { dockerConfig, registry: io.getState(STATE.registry), logout: io.getState(STATE.logout) !== 'false' },
    io,
  );
  io.info(`build-push-ecr post: ${said}`);
  return {};
}
