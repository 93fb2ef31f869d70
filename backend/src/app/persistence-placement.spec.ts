import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const SHARED_FOLDERS = new Set(['app', 'common', 'config', 'database', 'types']);

/** Every feature folder's source file but tests and migrations, relative to `backend/src`. */
function featureFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (dir === SRC && (!entry.isDirectory() || SHARED_FOLDERS.has(entry.name))) return [];
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : featureFiles(path);
    return /(?<!\.spec|\.d)\.ts$/.test(entry.name) ? [relative(SRC, path)] : [];
  });
}

/** Where a feature keeps its persistence: its repositories, its read models, its entities. */
const PERSISTENCE_FILE = /\.(repository|queries|query|entity)\.ts$/;
const SQL = /\b(?:SELECT\s[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE\s+[a-z_]+(?:\s+[a-z]+)?\s+SET|DELETE\s+FROM)\b/;
const ORM = /\.(?:createQueryBuilder|getRepository|query)\s*[(<]|\bquery(?:Rows|One)\s*[(<]/;

/**
 * Files allowed to hold SQL outside a repository or read model. A new file with SQL fails, and so does
 * an entry whose SQL has moved. The demo clock backdates, across every owner's tables, what the demo
 * seeder played through the services, so the story reads as weeks old; it is not product code.
 */
const KNOWN = ['demo/demo-clock.ts'];

describe('persistence placement', () => {
  const holdingSql = featureFiles()
    .filter((file) => !PERSISTENCE_FILE.test(file))
    .filter((file) => {
      const text = readFileSync(join(SRC, file), 'utf8');
      return SQL.test(text) || ORM.test(text);
    })
    .sort();

  it('keeps a feature’s SQL and query builders in its repositories and read models', () => {
    expect(holdingSql).toEqual([...KNOWN].sort());
  });

  it('sees raw SQL and TypeORM calls (the scanner is not blind)', () => {
    expect(SQL.test('await m.query(`UPDATE quotes SET status = $1 WHERE id = $2`, [s, id])')).toBe(true);
    expect(SQL.test('`SELECT id\n FROM users WHERE email = $1`')).toBe(true);
    expect(ORM.test('this.db.createQueryBuilder(Quote, "q")')).toBe(true);
    expect(ORM.test('m.getRepository(User).update(...)')).toBe(true);
    expect(ORM.test('await queryRows<Row>(m, sql)')).toBe(true);
    expect(SQL.test("`UPDATE quotes q SET status = 'expired'`")).toBe(true);
    expect(SQL.test('Select a device from the list')).toBe(false);
  });
});
