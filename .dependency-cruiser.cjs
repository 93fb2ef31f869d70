// Layer rules of the backend and the apps, checked by `npm run lint:layers` (a step of `npm test`).
//   shared       backend/src/{common,config,database,types}: serves every feature, knows none
//   feature      backend/src/<feature>/: its own folder, shared, and other features' public surface
//   composition  backend/src/app/, the top-level files (app.module.ts, main.ts, ...) and CLI entry points: wire features
//   apps, libs   customer-portal, admin-console, libs/*: talk to the backend over HTTP only
const SHARED = '^backend/src/(common|config|database|types)/';
// A command-line entry point is a composition root wherever it lives (its path is part of deployments).
const ENTRY_POINTS = '^backend/src/database/migrate\\.ts$';
const COMPOSITION = ['^backend/src/(app/|[^/]+\\.ts$)', ENTRY_POINTS];
const FEATURE = '^backend/src/(?!common/|config/|database/|types/|app/)[^/]+/';

// A feature's public surface: its Nest module, services, repositories, entities, read models
// (`*.queries.ts`), request/response DTOs and index.ts; plus the few files below that other features
// use today. Anything else in a feature folder is private to it: to share more, add it here, in review.
const EXPORTS = {
  auth: ['session-revocations.ts', 'access-token.verifier.ts', 'auth-throttle.ts'],
  users: ['user.mapper.ts'],
  devices: ['device.mapper.ts', 'serial-cipher.ts'],
  repairs: ['repair-visibility.ts', 'tracking-token.ts', 'repair-cancellation.workflow.ts'],
  quotes: ['quote.mapper.ts', 'quote-jobs.ts'],
  attachments: ['attachment.mapper.ts'],
  appointments: ['slot-calendar.ts'],
  chat: ['chat-broadcaster.ts', 'chat-rooms.ts', 'token-bucket.ts'],
  calls: ['calls.gateway.ts'],
  notifications: ['email-outbox.ts', 'templates/email-templates.ts'],
  integrations: ['webhook-outbox.ts', 'api-key-token.ts'],
  infra: ['redis-connections.ts', 'redis-throttler.storage.ts', 'lifecycle.ts', 'outbox/outbox-poller.ts', 'outbox/retry-backoff.ts'],
};
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PUBLIC = [
  '^backend/src/[^/]+/(index|[^/]+\\.(module|service|repository|entity|queries))\\.ts$',
  '^backend/src/[^/]+/[^/]+/[^/]+\\.(module|service|repository|entity|queries)\\.ts$',
  '^backend/src/[^/]+/dto/[^/]+\\.dto\\.ts$',
  ...Object.entries(EXPORTS).flatMap(([feature, files]) => files.map((file) => `^backend/src/${feature}/${escape(file)}$`)),
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-feature',
      comment: 'common/, config/, database/ serve every feature and know none: invert with a port, or move the code to the feature or to app/.',
      severity: 'error',
      from: { path: SHARED, pathNot: ENTRY_POINTS },
      to: { path: [FEATURE, ...COMPOSITION] },
    },
    {
      name: 'feature-through-public-surface',
      comment: 'A feature reaches another only through its public surface (see PUBLIC and EXPORTS).',
      severity: 'error',
      from: { path: '^backend/src/([^/]+)/' },
      to: { path: FEATURE, pathNot: ['^backend/src/$1/', ...PUBLIC] },
    },
    {
      name: 'feature-imports-no-composition',
      comment: 'app/ and the entry points wire the features; no feature depends on them (specs may use them).',
      severity: 'error',
      from: { path: FEATURE, pathNot: '\\.spec\\.ts$' },
      to: { path: COMPOSITION },
    },
    {
      name: 'apps-never-import-backend',
      comment: 'The apps and the shared libraries talk to the backend over HTTP only.',
      severity: 'error',
      from: { path: '^(customer-portal|admin-console|libs)/' },
      to: { path: '^(backend|ormconfig)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.angular)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.json'] },
  },
};
