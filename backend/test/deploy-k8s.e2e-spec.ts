import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { configuredEnvNames, REPO_ROOT } from './support/deploy-config.js';
import { cleanUpProcesses, tempDir } from './support/processes.js';
import { checkedFetch } from './support/checked-fetch.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const available = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (!available) console.warn('deploy-k8s.e2e: skipped — needs kubectl (its built-in kustomize renders deploy/k8s)');

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

/** `kubectl kustomize` of an overlay, from a scratch copy of deploy/k8s with the example secrets filled in. */
function render(overlay: string): K8sObject[] {
  const root = join(tempDir('k8s'), 'k8s');
  cpSync(join(REPO_ROOT, 'deploy/k8s'), root, { recursive: true });
  copyFileSync(join(root, 'overlays/production/secrets.env.example'), join(root, 'overlays/production/secrets.env'));
  const run = spawnSync('kubectl', ['kustomize', join(root, overlay)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed: ${run.stderr}`);
  return parseAllDocuments(run.stdout).map((doc) => unwrapSecretData(doc.toJS()));
}

/** kustomize wraps long base64 values at 70 columns; the API server's decoder skips line breaks, the schema's "byte" format does not. */
function unwrapSecretData(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  return { ...object, data: Object.fromEntries(Object.entries(object.data as Record<string, string>).map(([k, v]) => [k, v.replace(/\s+/g, '')])) };
}

/** Validates `object` against the Kubernetes OpenAPI schema of its kind (kubernetes-models); throws on a violation. */
async function validate(object: K8sObject): Promise<void> {
  const group = object.apiVersion.includes('/') ? object.apiVersion : `v1`;
  const models = (await import(`kubernetes-models/${group}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[object.kind];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

const containers = (o: K8sObject): any[] => o.spec.template.spec.containers;

(available ? describe : describe.skip)('deploy/k8s: Kustomize base and production overlay', () => {
  const objects = { base: render('base'), production: render('overlays/production') };
  const production = objects.production;
  const find = (kind: string, name: string) => production.find((o) => o.kind === kind && o.metadata.name === name)!;
  const deployments = production.filter((o) => o.kind === 'Deployment');
  const config = find('ConfigMap', 'repairhub-config').data as Record<string, string>;
  afterAll(() => cleanUpProcesses());

  it('renders only objects that are valid against the Kubernetes schemas', async () => {
    for (const object of [...objects.base, ...production]) await expect(validate(object)).resolves.toBeUndefined();
    // The validator is not a rubber stamp.
    const broken = structuredClone(deployments[0]);
    broken.spec.replicas = 'two';
    await expect(validate(broken)).rejects.toThrow(/replicas/);
  });

  it('runs one Deployment per role, each with requests, probes, its Service, and the shared environment', () => {
    expect(deployments.map((d) => [d.metadata.name, containers(d)[0].env.find((e: any) => e.name === 'APP_ROLE').value])).toEqual([
      ['repairhub-api', 'api'],
      ['repairhub-realtime', 'realtime'],
      ['repairhub-worker', 'worker'],
    ]);
    for (const d of deployments) {
      const [app] = containers(d);
      expect(app.image).toBe('registry.example.com/repairhub:1.0.0');
      expect(app.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) expect(app[probe].httpGet.port).toBe('http');
      expect(app.envFrom).toEqual([{ configMapRef: { name: 'repairhub-config' } }, { secretRef: { name: 'repairhub-secrets' } }]);
      const service = find('Service', d.metadata.name);
      expect(d.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
      // Kubernetes waits this long after SIGTERM: more than the app's drain (SHUTDOWN_GRACE_MS) plus its in-flight work.
      expect(d.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(config.SHUTDOWN_GRACE_MS) + 20_000);
    }
    expect(find('Deployment', 'repairhub-api').spec.replicas).toBe(3);
  });

  it('scales and protects api and realtime, and runs migrations as a Job', () => {
    for (const role of ['api', 'realtime']) {
      expect(find('HorizontalPodAutoscaler', `repairhub-${role}`).spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `repairhub-${role}` });
      expect(find('PodDisruptionBudget', `repairhub-${role}`).spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/component': role });
    }
    expect(find('HorizontalPodAutoscaler', 'repairhub-api').spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
    expect(containers(find('Job', 'repairhub-migrate'))[0].command).toEqual(['node', 'backend/dist/database/migrate.js']);
  });

  it('routes Socket.IO to realtime with sticky sessions and the rest to api', () => {
    const realtime = find('Ingress', 'repairhub-realtime');
    expect(realtime.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(realtime.spec.rules[0]).toMatchObject({ host: 'repair.example.com', http: { paths: [{ path: '/socket.io/', backend: { service: { name: 'repairhub-realtime' } } }] } });
    expect(find('Ingress', 'repairhub-api').spec.rules[0].http.paths[0]).toMatchObject({ path: '/', backend: { service: { name: 'repairhub-api' } } });
  });

  it('lets only the ingress reach api and realtime, and only RepairHub reach PostgreSQL and Redis', () => {
    const fromIngress = find('NetworkPolicy', 'repairhub-from-ingress').spec;
    expect(fromIngress.podSelector.matchExpressions[0].values).toEqual(['api', 'realtime']);
    expect(fromIngress.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 3000 }] }]);
    expect(find('NetworkPolicy', 'repairhub-no-ingress').spec).toMatchObject({ policyTypes: ['Ingress'] });
    expect(find('NetworkPolicy', 'repairhub-no-ingress').spec.ingress).toBeUndefined();
    for (const [name, port] of [['postgresql', 5432], ['redis', 6379]] as const) {
      expect(find('NetworkPolicy', `${name}-from-repairhub`).spec).toMatchObject({
        podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
        ingress: [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'repairhub' } } }], ports: [{ port }] }],
      });
    }
    // Every RepairHub pod carries the label PostgreSQL and Redis admit.
    for (const o of [...deployments, find('Job', 'repairhub-migrate')]) expect(o.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('repairhub');
  });

  it('keeps attachments in a bucket, since pods share no disk', () => {
    expect(config.S3_BUCKET).toMatch(/\S/);
    const secret = find('Secret', 'repairhub-secrets');
    expect(Object.keys(secret.data ?? secret.stringData)).toEqual(expect.arrayContaining(['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'SMTP_URL', 'TURN_SECRET']));
  });

    it('sets only environment variables the app reads', () => {
    const known = configuredEnvNames();
    const names = [
      ...Object.keys(config),
      ...Object.keys(find('Secret', 'repairhub-secrets').data ?? find('Secret', 'repairhub-secrets').stringData),
      ...production.filter((o) => o.spec?.template).flatMap((o) => containers(o).flatMap((c) => (c.env ?? []).map((e: any) => e.name))),
    ];
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  describe('probes', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t?.close());

    it('point at routes that answer 200 on a running instance', async () => {
      const paths = new Set(deployments.flatMap((d) => ['startupProbe', 'livenessProbe', 'readinessProbe'].map((p) => containers(d)[0][p].httpGet.path as string)));
      expect([...paths].sort()).toEqual(['/api/v1/health', '/api/v1/health/live', '/api/v1/health/ready']);
      // A database outage makes pods not ready; it must not fail liveness and restart them all.
      for (const deployment of deployments) expect(containers(deployment)[0].livenessProbe.httpGet.path).toBe('/api/v1/health/live');
      for (const path of paths) expect((await checkedFetch(`${t.baseUrl}${path}`)).status).toBe(200);
    });
  });
});
