// `npm run test:web`: the Angular unit tests (Vitest + jsdom, headless) of every web project that has
// specs. With TEST_REPORT set (scripts/test.mjs), also writes one Jest-shaped JSON report for all.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = JSON.parse(readFileSync(join(ROOT, 'angular.json'), 'utf8'));

function hasSpecs(dir) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? entry.name !== 'node_modules' && hasSpecs(join(dir, entry.name)) : entry.name.endsWith('.spec.ts'),
  );
}

const projects = Object.entries(workspace.projects)
  .filter(([, project]) => project.architect?.test && hasSpecs(join(ROOT, project.sourceRoot ?? project.root)))
  .map(([name]) => name);

const report = process.env.TEST_REPORT;
const totals = { numPassedTests: 0, numFailedTests: 0, numTotalTests: 0, success: true };
let failed = false;
for (const name of projects) {
  const out = join(tmpdir(), `repairhub-ng-test-${process.pid}-${name}.json`);
  const args = ['ng', 'test', name, '--no-watch', '--no-progress', ...(report ? ['--reporters', 'json', '--reporters', 'default', '--output-file', out] : [])];
  process.stdout.write(`\n▶ ng test ${name}\n`);
  const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) failed = true;
  if (report && existsSync(out)) {
    const partial = JSON.parse(readFileSync(out, 'utf8'));
    totals.numPassedTests += partial.numPassedTests ?? 0;
    totals.numFailedTests += partial.numFailedTests ?? 0;
    totals.numTotalTests += partial.numTotalTests ?? 0;
    rmSync(out, { force: true });
  }
}
if (report) writeFileSync(report, JSON.stringify({ ...totals, success: !failed }));
process.exit(failed ? 1 : 0);
