// `npm test`: every suite, in order, then one closing line "N passed, N failed".
// `npm test -- --backend` runs only the backend suites (CI repeats those on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const backendOnly = process.argv.includes('--backend');
const results = join(tmpdir(), `repairhub-test-${process.pid}`);
const totals = { passed: 0, failed: 0 };
const failedSteps = [];

/** Reads a Jest/Vitest JSON report (same shape) into the totals. */
function count(file) {
  if (!file || !existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  rmSync(file, { force: true });
}

// No step may hang the run: CI has 90 minutes for everything.
const STEP_TIMEOUT_MS = 40 * 60_000;

function step(label, command, args, { report, env } = {}) {
  process.stdout.write(`\n━━ ${label}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env }, timeout: STEP_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (result.error) process.stdout.write(`${label}: ${result.error.message}\n`);
  count(report);
  if (result.status !== 0) failedSteps.push(label);
  return result.status === 0;
}

const npm = 'npm';
const jestJson = (name) => [`--json`, `--outputFile=${results}-${name}.json`];

const built =
  step('build contracts', npm, ['run', 'build', '-w', '@repairhub/contracts']) &&
  step('type-check and build the API', npm, ['run', 'build', '-w', '@repairhub/backend']);

if (built) {
  if (!backendOnly) step('lint', npm, ['run', 'lint']);
  if (!backendOnly) step('layer rules (dependency-cruiser)', npm, ['run', 'lint:layers']);
  if (!backendOnly) step('type-check the backend tests', npm, ['run', 'typecheck', '-w', '@repairhub/backend']);
  step('contracts unit tests', npm, ['test', '-w', '@repairhub/contracts', '--', ...jestJson('contracts')], { report: `${results}-contracts.json` });
  step('backend unit tests', npm, ['test', '-w', '@repairhub/backend', '--', ...jestJson('unit')], { report: `${results}-unit.json` });
  step('backend e2e tests (real database)', npm, ['run', 'test:e2e', '-w', '@repairhub/backend', '--', ...jestJson('e2e')], {
    report: `${results}-e2e.json`,
  });
  step('OpenAPI lint (spectral:oas)', npm, ['run', 'openapi:lint']);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  if (!backendOnly) {
    for (const [script, label] of [
      ['test:web', 'Angular unit tests'],
      ['build:web', 'build both web apps'],
      ['test:browser', 'browser e2e (Debian chromium)'],
    ]) {
      if (pkg.scripts?.[script]) step(label, npm, ['run', script], { env: { TEST_REPORT: `${results}-${script}.json` }, report: `${results}-${script}.json` });
    }
  }
}

process.stdout.write('\n');
if (failedSteps.length) process.stdout.write(`Failed steps: ${failedSteps.join(', ')}\n`);
if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length;
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(failedSteps.length ? 1 : 0);
