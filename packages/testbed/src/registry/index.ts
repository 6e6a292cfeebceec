import { randomBytes } from 'node:crypto';
import { startRegistryFront, type FrontPolicy } from './registry-front.js';
import { startRegistryProcess } from './registry-process.js';

export { findDockerEngine, dockerAnswers, type DockerEngine, type DockerEngineOptions, type NoDockerEngine } from './docker-engine.js';
export { startRegistryFront, type FrontPolicy, type RegistryFront, type RegistryRefusal } from './registry-front.js';
export { freePort, startRegistryProcess, type RegistryProcess } from './registry-process.js';

/** The world's container registry: Debian's real registry behind an ECR-like Basic-auth front. */
export interface StartedRegistry {
  /** The front, `http://127.0.0.1:PORT`: ECR's `proxyEndpoint`. */
  readonly frontUrl: string;
  /** `127.0.0.1:PORT`, the registry host of image references. */
  readonly frontHost: string;
  /** The registry itself, without auth (for the ECR service's own calls). */
  readonly backendUrl: string;
  /** The password of user `AWS` at the front (ECR's authorization token is `base64("AWS:" + password)`). */
  readonly password: string;
  /** The registry's filesystem storage root (lets ECR see untagged manifests and push times). */
  readonly storageDir: string;
  readonly pid: number;
  /** Lets the ECR service decide on registry traffic (unknown repositories, immutable tags, pushes). */
  readonly attach: (policy: FrontPolicy | undefined) => void;
  stop(): Promise<void>;
}

export async function startRegistry(options: { password?: string } = {}): Promise<StartedRegistry> {
  const password = options.password ?? randomBytes(24).toString('base64url');
  const registry = await startRegistryProcess();
  try {
    const front = await startRegistryFront({ backendUrl: registry.url, password });
    return {
      frontUrl: front.url,
      frontHost: front.host,
      backendUrl: registry.url,
      password,
      storageDir: registry.storageDir,
      pid: registry.pid,
      attach: (policy) => front.setPolicy(policy),
      async stop() {
        await front.close();
        await registry.stop();
      },
    };
  } catch (error) {
    await registry.stop();
    throw error;
  }
}
