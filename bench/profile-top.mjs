// Where a server's CPU went, from a V8 .cpuprofile: self time per function and per package (or
// backend/dist folder), as a share of the busy time (idle excluded) and as ms of CPU per request.
// `node bench/profile-top.mjs <file.cpuprofile> [requests]` prints the same summary the bench prints.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; `backend/dist/auth/...` → `app: auth`; node internals → `node`. */
function areaOf(url) {
  if (!url) return '(native/V8)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + 'node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const dist = url.match(/backend\/dist\/([^/]+)/);
  if (dist) return `app: ${dist[1].replace(/\.js$/, '')}`;
  return url.startsWith('node:') ? 'node' : url.replace(/^file:\/\//, '');
}

export function summarize(file, { label = file, requests = 0, top = 15 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map();
  const byArea = new Map();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += us;
    const fn =
      `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*backend\/dist\//, 'dist/')}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const area = functionName === '(garbage collector)' ? '(garbage collector)' : areaOf(url);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  }
  const perRequest = (us) => (requests > 0 ? ` ${(us / 1000 / requests).toFixed(4)} ms/req` : '');
  const rows = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `    ${((100 * us) / busy).toFixed(1).padStart(5)} %${perRequest(us)}  ${name}`);
  return [
    `  profile ${label}: ${(busy / 1000).toFixed(0)} ms busy${requests > 0 ? ` over ${Math.round(requests)} requests = ${(busy / 1000 / requests).toFixed(3)} ms CPU/request` : ''} (${file})`,
    '   by package / app folder:',
    ...rows(byArea),
    '   by function (self time):',
    ...rows(byFunction),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(summarize(process.argv[2], { requests: Number(process.argv[3] ?? 0) }));
}
