// Hosts one app instance in a worker thread, loaded by Node itself from the compiled build.
// Jest's module runtime cannot require() ES modules on Node 20 (and @nestjs/throttler and
// nestjs-pino require the ESM-only @nestjs/common 12), so e2e tests drive the app over HTTP and
// reach its internals through this small message protocol instead of importing it.
import { parentPort, workerData } from 'node:worker_threads';

const dist = new URL('../../dist/', import.meta.url);
const { createApp } = await import(new URL('app.factory.js', dist).href);
const { loadConfiguration } = await import(new URL('config/configuration.js', dist).href);
const { getDataSourceToken } = await import('@nestjs/typeorm');
const { ExecutionContextHost } = await import('@nestjs/core/internal');

const app = await createApp(loadConfiguration(workerData.env));
await app.listen(0, '127.0.0.1');
const db = app.get(getDataSourceToken());
parentPort.postMessage({ type: 'ready', port: app.getHttpServer().address().port });

const operations = {
  sql: ({ sql, params }) => db.query(sql, params),
  call: async ({ module, exportName, method, args }) => {
    const loaded = await import(new URL(module, dist).href);
    const service = app.get(loaded[exportName]);
    return service[method](...args);
  },
  /**
   * Runs each global guard, in registration order, on a Socket.IO event of a gateway handler, as Nest does
   * for a socket whose handshake set `data.user` (or none). Answers `[{guard, passed} | {guard, error}]`.
   */
  wsGuards: async ({ handler: { module, exportName, method }, user, payload }) => {
    const gateway = (await import(new URL(module, dist).href))[exportName];
    const client = { id: 'guard-test', data: user ? { user } : {}, handshake: { headers: {}, address: '127.0.0.1' }, emit() {} };
    const context = new ExecutionContextHost([client, payload, () => undefined, method], gateway, gateway.prototype[method]);
    context.setType('ws');
    const outcomes = [];
    for (const instance of app.config.getGlobalGuards()) {
      try {
        outcomes.push({ guard: instance.constructor.name, passed: await instance.canActivate(context) });
      } catch (error) {
        outcomes.push({ guard: instance.constructor.name, error: error?.code ?? error?.message });
      }
    }
    return outcomes;
  },
  close: async () => {
    await app.close();
    return null;
  },
};

parentPort.on('message', async ({ id, op, ...input }) => {
  try {
    const result = await operations[op](input);
    parentPort.postMessage({ id, result: JSON.parse(JSON.stringify(result ?? null)) });
    if (op === 'close') parentPort.close();
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error?.name, message: error?.message, code: error?.code } });
  }
});
