// Reads jest's --json report and prints the closing line CI reads: "tests: N passed, N failed".
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
for (const suite of report.testResults ?? []) {
  if (suite.status === 'failed') console.log(`FAILED suite: ${suite.name}\n${(suite.message ?? '').slice(0, 4000)}`);
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 || !report.success ? 1 : 0);
