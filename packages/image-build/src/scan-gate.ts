import { DescribeImageScanFindingsCommand, StartImageScanCommand, type ECRClient, type ImageScanFinding } from '@aws-sdk/client-ecr';
import { awsCallFailed, errorName } from './aws-failure.js';
import { SEVERITIES, type Severity } from './build-inputs.js';

export interface Finding {
  readonly name: string;
  readonly severity: string;
  readonly uri: string | undefined;
  readonly description: string | undefined;
}

export interface ScanResult {
  readonly threshold: Severity;
  /** ECR's scan status (COMPLETE, FAILED, UNSUPPORTED_IMAGE, ...) or TIMEOUT. */
  readonly status: string;
  readonly description: string | undefined;
  readonly counts: Readonly<Record<string, number>>;
  /** Findings at or above the threshold: these fail the gate. */
  readonly blocking: readonly Finding[];
  readonly passed: boolean;
  readonly waitedMs: number;
}

export interface ScanWait {
  readonly timeoutMs: number;
  readonly firstPollMs: number;
  readonly maxPollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_SCAN_WAIT: ScanWait = {
  timeoutMs: 15 * 60_000,
  firstPollMs: 1000,
  maxPollMs: 15_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Whether a finding's severity is at or above the threshold (UNDEFINED never is). */
export function atOrAbove(severity: string, threshold: Severity): boolean {
  const rank = SEVERITIES.indexOf(severity as Severity);
  return rank >= 0 && rank <= SEVERITIES.indexOf(threshold);
}

const toFinding = (f: ImageScanFinding): Finding => ({
  name: f.name ?? '',
  severity: f.severity ?? 'UNDEFINED',
  uri: f.uri,
  description: f.description,
});

/**
 * Waits for the image's ECR scan (starting one when the repository does not scan on push), then gates on the
 * threshold. A scan that cannot finish (FAILED, UNSUPPORTED_IMAGE, timeout) fails the gate: it was asked for.
 */
export async function scanGate(
  ecr: ECRClient,
  repository: string,
  digest: string,
  threshold: Severity,
  wait: ScanWait = DEFAULT_SCAN_WAIT,
): Promise<ScanResult> {
  const started = Date.now();
  const imageId = { imageDigest: digest };
  let poll = wait.firstPollMs;
  let requested = false;
  const result = (status: string, description: string | undefined, counts: Record<string, number>, blocking: Finding[]): ScanResult => ({
    threshold,
    status,
    description,
    counts,
    blocking,
    passed: status === 'COMPLETE' && blocking.length === 0,
    waitedMs: Date.now() - started,
  });
  for (;;) {
    try {
      const first = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: repository, imageId, maxResults: 1000 }));
      const status = first.imageScanStatus?.status ?? 'PENDING';
      if (status === 'COMPLETE') {
        const findings = (first.imageScanFindings?.findings ?? []).map(toFinding);
        let next = first.nextToken;
        while (next) {
          const page = await ecr.send(
            new DescribeImageScanFindingsCommand({ repositoryName: repository, imageId, maxResults: 1000, nextToken: next }),
          );
          findings.push(...(page.imageScanFindings?.findings ?? []).map(toFinding));
          next = page.nextToken;
        }
        const counts = { ...(first.imageScanFindings?.findingSeverityCounts ?? {}) };
        return result(
          status,
          first.imageScanStatus?.description,
          counts,
          findings.filter((f) => atOrAbove(f.severity, threshold)),
        );
      }
      if (!['IN_PROGRESS', 'PENDING', 'ACTIVE'].includes(status)) return result(status, first.imageScanStatus?.description, {}, []);
    } catch (error) {
      if (errorName(error) !== 'ScanNotFoundException') throw awsCallFailed('DescribeImageScanFindings', error);
      if (!requested) {
        requested = true;
        try {
          await ecr.send(new StartImageScanCommand({ repositoryName: repository, imageId }));
        } catch (startError) {
          // The scan may have begun on push meanwhile; anything else means there will be no scan.
          if (errorName(startError) !== 'LimitExceededException') throw awsCallFailed('StartImageScan', startError);
        }
      }
    }
    if (Date.now() - started + poll > wait.timeoutMs) {
      return result('TIMEOUT', `no scan result within ${Math.round(wait.timeoutMs / 1000)} s`, {}, []);
    }
    await wait.sleep(poll);
    poll = Math.min(wait.maxPollMs, Math.ceil(poll * 1.5));
  }
}
