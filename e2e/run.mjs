// `npm run test:browser`: runs the browser journeys with Node's test runner, one file after another.
// Each file starts its own app as `npm start` would (built apps, embedded PGlite in a temp DATA_DIR,
// test-mode payments, a free port; see support/target.mjs): every journey meets the production budgets
// as one shop would, not the sum of all journeys' traffic from 127.0.0.1, where every browser sits.
// Screenshots land in e2e/screenshots/. With TEST_REPORT set, also writes the pass/fail counts there for
// scripts/test.mjs.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support/app.mjs';

const files = readdirSync(join(ROOT, 'e2e'))
  .filter((name) => name.endsWith('.test.mjs'))
  .map((name) => join('e2e', name));

const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.TEST_REPORT) reporters.push('--test-reporter=./e2e/support/json-reporter.mjs', `--test-reporter-destination=${process.env.TEST_REPORT}`);

const env = { ...process.env };
delete env.E2E_BASE_URL;
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...reporters, ...files], { cwd: ROOT, stdio: 'inherit', env });
  child.on('exit', (status) => resolve(status ?? 1));
});
process.exit(code);
