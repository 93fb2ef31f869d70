import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from './entities.js';
import { TABLE_OWNERS } from './table-owners.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every source file under `backend/src` but tests and migrations (those describe history), relative to it. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return /(?<!\.spec|\.d)\.ts$/.test(entry.name) ? [relative(SRC, path)] : [];
  });
}

const featureOf = (file: string) => file.split('/')[0];
const isReadModel = (file: string) => /\.quer(y|ies)\.ts$/.test(file);
const TABLE_OF_ENTITY = new Map(
  getMetadataArgsStorage()
    .tables.filter((t) => ENTITIES.includes(t.target as (typeof ENTITIES)[number]))
    .map((t) => [(t.target as { name: string }).name, t.name!]),
);

const SQL_WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/g;
const SQL_READ = /\b(?:FROM|JOIN)\s+([a-z_]+)/g;
// TypeORM: query-builder writes (`.update(Quote)`, `.into(Quote)`) and repositories (`getRepository(User)`).
const ORM_WRITE = /\.(?:update|into)\(\s*([A-Z]\w*)\s*\)|getRepository\(\s*([A-Z]\w*)\s*\)/g;

/** `file table` for every table `file` writes (`writes`) or names (`reads`) without owning it. */
function trespasses(): { writes: string[]; reads: string[] } {
  const writes = new Set<string>();
  const reads = new Set<string>();
  for (const file of sourceFiles()) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const foreign = (table: string | undefined) => table !== undefined && table in TABLE_OWNERS && TABLE_OWNERS[table] !== featureOf(file);
    for (const [, table] of text.matchAll(SQL_WRITE)) if (foreign(table)) writes.add(`${file} ${table}`);
    for (const [, qb, repo] of text.matchAll(ORM_WRITE)) {
      const table = TABLE_OF_ENTITY.get(qb ?? repo);
      if (foreign(table)) writes.add(`${file} ${table}`);
    }
    if (!isReadModel(file)) for (const [, table] of text.matchAll(SQL_READ)) if (foreign(table)) reads.add(`${file} ${table}`);
  }
  return { writes: [...writes].sort(), reads: [...reads].sort() };
}

/**
 * What the code did before the owner rule existed, to move behind the owners' services and read
 * models. The list may only shrink: a new trespass fails, and so does an entry that no longer occurs.
 */
const inFile = (file: string, tables: string[]) => tables.map((table) => `${file} ${table}`);
// The demo seeder backdates what it played through the services, so the story reads as weeks old.
const DEMO_CLOCK = 'demo/demo-clock.ts';
const KNOWN_WRITES = [
  ...inFile(DEMO_CLOCK, ['conversations', 'devices', 'email_outbox', 'messages', 'payments', 'quotes', 'refunds', 'repair_requests', 'repair_status_history']),
].sort();
const KNOWN_READS = [
  ...inFile(DEMO_CLOCK, ['conversations', 'messages', 'payments', 'quotes', 'refunds', 'repair_requests', 'repair_status_history']),
].sort();

describe('table ownership', () => {
  const found = trespasses();

  it('gives every entity’s table an owner, the folder its entity lives in', () => {
    const entityFiles = sourceFiles().filter((file) => file.endsWith('.entity.ts'));
    for (const table of TABLE_OF_ENTITY.values()) {
      const owner = TABLE_OWNERS[table];
      expect({ table, owner }).toEqual({ table, owner: expect.any(String) });
      const declaring = entityFiles.filter((file) => readFileSync(join(SRC, file), 'utf8').includes(`@Entity('${table}')`));
      expect({ table, folders: declaring.map(featureOf) }).toEqual({ table, folders: [owner] });
    }
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...TABLE_OF_ENTITY.values()].sort());
  });

  it('writes a table only from its owner’s folder', () => {
    expect(found.writes).toEqual(KNOWN_WRITES);
  });

  it('names a table in SQL only in its owner’s folder and in read models', () => {
    expect(found.reads).toEqual(KNOWN_READS);
  });

  it('notices a trespass: the scanner sees raw SQL and TypeORM writes', () => {
    expect(found.writes).toContain('demo/demo-clock.ts quotes');
    expect(found.writes).toContain('demo/demo-clock.ts repair_requests');
  });
});
