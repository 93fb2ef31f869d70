// `npm run bench [-- [--profile] name ...]`: runs every bench/*.bench.mjs scenario (or the named ones)
// and prints one table of ratios. Each scenario exports `run(lib)` returning rows made with `compare()`.
// `--profile` records CPU profiles of our server under each scenario in bench/profiles/ and prints
// its top costs per request (profile-top.mjs).
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
if (args.includes('--profile'))
  process.env.BENCH_PROFILE_DIR = join(import.meta.dirname, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
const lib = await import('./lib.mjs');
const wanted = args.filter((a) => a !== '--profile');
const files = readdirSync(join(lib.ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const startLoad = loadavg()[0];
const rows = [];
for (const file of files) {
  console.error(`▶ ${file}`);
  const scenario = await import(pathToFileURL(join(lib.ROOT, 'bench', file)).href);
  rows.push(...(await scenario.run(lib)));
}
console.log(
  `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${lib.ROUNDS} rounds × ${lib.DURATION_S}s per measurement, ` +
    `load average ${startLoad.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end (per row: at its end)\n`,
);
lib.printTable(rows);
