// `npm start`: build whatever is missing or stale, then run API + both apps on one port.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from './freshness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => join(ROOT, ...p);

function run(label, command, args) {
  process.stdout.write(`• ${label}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (isStale(at('libs/contracts/dist/index.js'), [at('libs/contracts/src')])) {
  run('building shared contracts', npm, ['run', 'build', '-w', '@repairhub/contracts']);
}
if (isStale(at('backend/dist/main.js'), [at('backend/src'), at('libs/contracts/dist')])) {
  run('building the API', npm, ['run', 'build', '-w', '@repairhub/backend']);
}
const webSources = ['customer-portal', 'admin-console', 'libs', 'angular.json'].map((p) => at(p));
const webOutputs = [at('dist/customer-portal/browser/index.html'), at('dist/admin-console/browser/index.html')];
if (existsSync(at('angular.json')) && webOutputs.some((out) => isStale(out, webSources))) {
  run('building the web apps (first start takes a minute)', npm, ['run', 'build:web']);
}

const server = spawn(process.execPath, [at('backend/dist/main.js')], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
