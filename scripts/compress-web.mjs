// After `ng build`: writes Brotli and gzip copies of each built app's text assets, which the server
// sends to browsers that accept them (@fastify/static `preCompressed`): smaller downloads without
// compressing on every request.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const APPS = ['dist/customer-portal/browser', 'dist/admin-console/browser'];
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest']);
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.has(extname(entry.name)) && statSync(path).size >= MIN_BYTES) yield path;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const app of APPS) {
  let dir;
  try {
    dir = statSync(join(ROOT, app)).isDirectory() ? join(ROOT, app) : null;
  } catch {
    dir = null;
  }
  if (!dir) continue;
  for (const path of files(dir)) {
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    count += 1;
    before += body.length;
    after += br.length;
  }
}
process.stdout.write(`Compressed ${count} assets: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB (brotli)\n`);
