import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '@repairhub/contracts';

const BACKEND_SRC = fileURLToPath(new URL('../../', import.meta.url));
const CONTRACTS_SRC = fileURLToPath(new URL('../../../../libs/contracts/src/', import.meta.url));

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Dotted upper-case literals are codes wherever they stand; undotted ones only where a code goes (Stripe's `code: 'card_declined'` is not ours). */
const CODE_PATTERNS = [
  /['"`]([A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)+)['"`]/g,
  /\b(?:notFound|conflict|forbidden|unauthenticated|invalid|handshakeError)\(\s*'([^']+)'/g,
  /\b(?:new DomainError|super)\(\s*'[a-z_]+',\s*'([^']+)'/g,
  /\bcode: '([A-Z][A-Z0-9_.]*)'/g,
  /^\s*\d{3}: '([A-Z][A-Z0-9_.]*)',$/gm,
];

function codesIn(text: string): string[] {
  return CODE_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]));
}

describe('the error-code catalogue', () => {
  const backend = sources(BACKEND_SRC);
  const contracts = sources(CONTRACTS_SRC).filter((s) => s.file !== 'errors.ts');
  const catalogued = new Set(Object.keys(ERROR_CODES));

  it('holds every code the backend answers with', () => {
    const missing = new Set(backend.flatMap(({ file, text }) => codesIn(text).filter((code) => !catalogued.has(code)).map((code) => `${code} (${file})`)));
    expect([...missing]).toEqual([]);
  });

  it('holds no code that nothing answers with', () => {
    const used = new Set([...backend, ...contracts].flatMap(({ text }) => codesIn(text)));
    expect([...catalogued].filter((code) => !used.has(code))).toEqual([]);
  });

  it('gives every code a status the problem filter can answer and a meaning', () => {
    for (const [code, { status, meaning }] of Object.entries(ERROR_CODES)) {
      expect([code, status === null || (status >= 400 && status <= 599)]).toEqual([code, true]);
      expect([code, meaning.length > 10]).toEqual([code, true]);
    }
  });

  it('finds codes where they are given, and only there', () => {
    const sample = [
      `throw notFound('QUOTE.NOT_FOUND', 'Quote');`,
      `super('rate_limited', 'RATE_LIMITED', message);`,
      `  500: 'INTERNAL',`,
      `const header = 'X-Request-Id'; const method = 'GET'; const decline = { code: 'card_declined' };`,
    ].join('\n');
    expect(codesIn(sample).sort()).toEqual(['INTERNAL', 'QUOTE.NOT_FOUND', 'QUOTE.NOT_FOUND', 'RATE_LIMITED']);
  });
});
