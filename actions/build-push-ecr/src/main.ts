import { ActionFailure, type ActionIO } from '@mlops-actions/action-kit';
import { STATE, checkBuildFiles, readBuildInputs } from '@mlops-actions/image-build';
import { post } from './post.js';

/** build-push-ecr: inputs -> build, push, digest from the registry -> outputs + summary. The post step logs out. */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  if (io.getState(STATE.isPost) === 'true') return post(io);
  io.saveState(STATE.isPost, 'true');

  const inputs = readBuildInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  const files = checkBuildFiles(inputs);
  io.saveState(STATE.logout, String(inputs.logout));

  // The AWS SDK loads only now that the inputs are valid.
  const { DockerRunner } = await import('@mlops-actions/image-build');
  const run = await import('@mlops-actions/image-build/run');
  const clients = { ecr: run.ecrClient(inputs.region), docker: new DockerRunner(process.env) };
  let result;
  try {
    result = await run.buildAndPush(inputs, files, clients, io, {
      env: process.env,
      mask: (secret) => io.setSecret(secret),
      onSession: (dockerConfig, registry) => {
        io.saveState(STATE.dockerConfig, dockerConfig);
        io.saveState(STATE.registry, registry);
      },
    });
  } catch (error) {
    if (error instanceof run.ImageBuildError) await io.summary(run.buildFailureSummary(error, inputs.repository));
    throw error;
  } finally {
    clients.ecr.destroy();
  }

  await io.summary(run.buildSummary(result));
  const outputs: Record<string, string> = {
    registry: result.registry,
    'image-uri': result.imageUri,
    'image-digest': result.digest ?? '',
    'image-uri-digest': result.imageUriDigest ?? '',
    tags: result.tags.join(','),
    'docker-config': result.dockerConfig,
  };
  if (result.scan && !result.scan.passed) {
    const s = result.scan;
    const why =
      s.status === 'COMPLETE'
        ? `${s.blocking.length} finding(s) at or above ${s.threshold}: ${s.blocking
            .slice(0, 5)
            .map((f) => `${f.name} (${f.severity})`)
            .join(', ')}${s.blocking.length > 5 ? ', ...' : ''}`
        : `the scan did not complete (${s.status}${s.description ? `: ${s.description}` : ''})`;
    throw new ActionFailure(`scan gate failed for ${result.imageUriDigest ?? result.imageUri}: ${why}`, outputs);
  }
  return outputs;
}
