import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configuredEnvNames, placeholders, REPO_ROOT } from './support/deploy-config.js';
import { cleanUpProcesses, tempDir } from './support/processes.js';

const available = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
if (!available) console.warn('deploy-compose.e2e: skipped — needs docker-compose (apt-get install docker-compose)');

const SECRETS = {
  JWT_ACCESS_SECRET: 'a'.repeat(48),
  JWT_REFRESH_SECRET: 'r'.repeat(48),
  SERIAL_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  STRIPE_SECRET_KEY: 'sk_test_compose',
  STRIPE_WEBHOOK_SECRET: 'whsec_compose',
};

/** `docker-compose config` of the shipped file with `env` as its .env, run from a scratch copy of the repo's files. */
function composeConfig(env: Record<string, string>) {
  const envFile = join(tempDir('compose'), '.env');
  writeFileSync(envFile, Object.entries(env).map(([name, value]) => `${name}=${value}\n`).join(''));
  return spawnSync('docker-compose', ['--project-directory', REPO_ROOT, '-f', join(REPO_ROOT, 'docker-compose.yml'), '--env-file', envFile, 'config'], {
    encoding: 'utf8',
  });
}

(available ? describe : describe.skip)('docker-compose.yml: the split topology', () => {
  const run = composeConfig(SECRETS);
  const services: Record<string, any> = run.status === 0 ? parse(run.stdout).services : {};
  const apps = ['api1', 'api2', 'realtime1', 'realtime2', 'worker'];
  afterAll(() => cleanUpProcesses());

  it('is valid and runs two api, two realtime and one worker instance of the same image', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(Object.fromEntries(apps.map((name) => [name, services[name]?.environment?.APP_ROLE]))).toEqual({
      api1: 'api',
      api2: 'api',
      realtime1: 'realtime',
      realtime2: 'realtime',
      worker: 'worker',
    });
    for (const name of apps) {
      expect(services[name].build.context.replace(/\/$/, '')).toBe(REPO_ROOT.replace(/\/$/, ''));
      expect(services[name].environment).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379', TRUST_PROXY: '1' });
      expect(services[name].ports).toBeUndefined();
    }
  });

  it('keeps attachments on one volume every instance shares, at the image’s data directory', () => {
    for (const name of apps) expect(services[name].volumes).toEqual([expect.stringMatching(/^appdata:\/app\/\.data(:rw)?$/)]);
    expect(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8')).toMatch(/mkdir -p \/app\/\.data && chown node:node \/app\/\.data\nUSER node/);
  });

  it('passes the optional settings through from .env, empty (unset) when not given', () => {
    const given = composeConfig({ ...SECRETS, S3_BUCKET: 'shop-photos', SMTP_URL: 'smtps://mail.example.com', TURN_SECRET: 't'.repeat(32), SHOP_NAME: 'Fix-It Corner' });
    expect(given.status).toBe(0);
    for (const name of apps) {
      expect(parse(given.stdout).services[name].environment).toMatchObject({ S3_BUCKET: 'shop-photos', SMTP_URL: 'smtps://mail.example.com', TURN_SECRET: 't'.repeat(32), SHOP_NAME: 'Fix-It Corner' });
      expect(services[name].environment).toMatchObject({ S3_BUCKET: '', SMTP_URL: '', TURN_SECRET: '', SHOP_NAME: '' });
    }
  });

  it('sets only variables the app reads', () => {
    const known = configuredEnvNames();
    for (const name of apps) expect(Object.keys(services[name].environment).filter((env) => !known.has(env))).toEqual([]);
  });

  it('publishes only nginx, which sends Socket.IO to the realtime instances and the rest to the api instances', () => {
    expect(Object.entries(services).filter(([, s]) => s.ports).map(([name]) => name)).toEqual(['lb']);
    const template = readFileSync(join(REPO_ROOT, 'deploy/nginx.conf.template'), 'utf8');
    const lb = services.lb.environment;
    expect(placeholders(template).filter((name) => !(name in lb))).toEqual([]);
    expect(lb).toMatchObject({
      API1_UPSTREAM: 'api1:3000',
      API2_UPSTREAM: 'api2:3000',
      REALTIME1_UPSTREAM: 'realtime1:3000',
      REALTIME2_UPSTREAM: 'realtime2:3000',
    });
    expect(template).toMatch(/upstream repairhub_realtime \{\s*ip_hash;/);
    expect(template).toMatch(/location \/socket\.io\/ \{\s*proxy_pass http:\/\/repairhub_realtime;/);
    expect(template).toMatch(/location \/ \{\s*proxy_pass http:\/\/repairhub_api;/);
  });

  it('names a missing secret instead of starting without it', () => {
    const { JWT_ACCESS_SECRET: _omitted, ...rest } = SECRETS;
    const refused = composeConfig(rest);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('set JWT_ACCESS_SECRET in .env');
  });
});

