import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ActionFailure, type ActionIO } from '@mlops-actions/action-kit';
import { awsClientConfig } from '@mlops-actions/aws';
import { prepareGate, readGateInputs, reportMarkdown, type GateReport } from '@mlops-actions/gate';

/** check-gate: inputs -> gate + waivers (validated, no remote call yet) -> queries -> verdict, report, summary. */
export async function main(io: ActionIO): Promise<Record<string, string>> {
  const inputs = readGateInputs(
    (name) => io.input(name),
    (secret) => io.setSecret(secret),
  );
  const now = Date.now();
  const prepared = prepareGate(inputs, now);
  const region = prepared.usesCloudWatch ? awsClientConfig(inputs.region).region : undefined;

  const { runGate, cloudWatchClient } = await import('@mlops-actions/gate/run');
  const report = await runGate(
    { gate: prepared.gate, waivers: prepared.waivers, scope: prepared.scope, failOnWarn: inputs['fail-on-warn'], now },
    {
      ...(region ? { cloudwatch: cloudWatchClient(region) } : {}),
      ...(inputs['prometheus-url']
        ? { prometheus: { url: inputs['prometheus-url'], ...(inputs['prometheus-token'] ? { token: inputs['prometheus-token'] } : {}) } }
        : {}),
    },
    io,
  );

  const reportPath = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs['report-path']);
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n');
  annotate(io, report);
  await io.summary(reportMarkdown(report));

  const outputs = {
    passed: String(report.passed),
    verdict: report.verdict,
    'failed-checks': report.failedChecks.join(','),
    'warned-checks': report.warnedChecks.join(','),
    'waived-checks': report.waivedChecks.join(','),
    report: reportPath,
  };
  if (!report.passed) {
    const failing = report.failedChecks.length > 0 ? report.failedChecks : report.warnedChecks;
    throw new ActionFailure(
      `gate ${report.gate} failed: ${failing.join(', ')} (see the step summary or ${inputs['report-path']})`,
      outputs,
    );
  }
  return outputs;
}

function annotate(io: ActionIO, report: GateReport): void {
  for (const c of report.checks) {
    const line = `${c.id}: ${c.status} — ${c.reason}`;
    if (report.failedChecks.includes(c.id)) io.error(line);
    else if (report.warnedChecks.includes(c.id) || c.status === 'no_data') io.warning(line);
    else io.info(line);
  }
  for (const w of report.waivers.filter((x) => x.state === 'expired'))
    io.warning(`waiver for ${w.check} on ${w.endpoint} (line ${w.line}) expired ${w.expires} and no longer applies`);
}
