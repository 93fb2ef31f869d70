// `npm run test:browser`: starts the app as `npm start` would (built apps, embedded PGlite in a temp
// DATA_DIR, test-mode payments, a free port), runs the browser journeys against it with Node's test
// runner, and stops it. Screenshots land in e2e/screenshots/. With TEST_REPORT set, also writes the
// pass/fail counts there for scripts/test.mjs.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startApp } from './support/app.mjs';
import { E2E_ENV } from './support/target.mjs';

const files = readdirSync(join(ROOT, 'e2e'))
  .filter((name) => name.endsWith('.test.mjs'))
  .map((name) => join('e2e', name));

const app = await startApp(E2E_ENV);
process.stdout.write(`RepairHub under test at ${app.url}\n`);
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.TEST_REPORT) reporters.push('--test-reporter=./e2e/support/json-reporter.mjs', `--test-reporter-destination=${process.env.TEST_REPORT}`);

let code = 1;
try {
  code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...reporters, ...files], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: app.url },
    });
    child.on('exit', (status) => resolve(status ?? 1));
  });
} finally {
  await app.stop();
}
if (code !== 0) process.stdout.write(`\n--- last app output ---\n${app.output().slice(-3000)}\n`);
process.exit(code);
