import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('start-up configuration', () => {
  it('stops production start-up with one clear line naming the missing variable', () => {
    const result = start({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'x'.repeat(40) });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: JWT_REFRESH_SECRET is required when NODE_ENV=production');
  });

  it('names a malformed value', () => {
    const result = start({ NODE_ENV: 'development', PORT: 'not-a-port', DATA_DIR: '' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: PORT /);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
