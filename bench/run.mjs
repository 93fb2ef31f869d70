// `npm run bench [-- name ...]`: runs every bench/*.bench.mjs scenario (or the named ones) and prints
// one table of ratios. Each scenario exports `run(lib)` returning rows made with `compare()`.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as lib from './lib.mjs';

const wanted = process.argv.slice(2);
const files = readdirSync(join(lib.ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const rows = [];
for (const file of files) {
  console.error(`▶ ${file}`);
  const scenario = await import(pathToFileURL(join(lib.ROOT, 'bench', file)).href);
  rows.push(...(await scenario.run(lib)));
}
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${lib.DURATION_S}s per measurement\n`);
lib.printTable(rows);
