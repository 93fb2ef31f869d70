import { Writable } from 'node:stream';
import pino from 'pino';
import type { AppConfig } from '../config/configuration.js';
import { loggerOptions, redactTrackingToken } from './logging.js';

describe('loggerOptions', () => {
  it('redacts credentials, cookies, tokens and serial numbers from log lines', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { pinoHttp } = loggerOptions({ log: { level: 'info' } } as AppConfig) as { pinoHttp: pino.LoggerOptions };
    const logger = pino({ level: 'info', redact: pinoHttp.redact }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'refresh_token=abc', 'x-api-key': 'rh_live_123' } },
      body: { email: 'a@b.test', password: 'hunter2-hunter2', refreshToken: 'r-123', serialNumber: 'SN-998877' },
    });
    const line = lines.join('');
    expect(line).toContain('a@b.test');
    for (const secret of ['eyJsecret', 'refresh_token=abc', 'rh_live_123', 'hunter2', 'r-123', 'SN-998877']) {
      expect(line).not.toContain(secret);
    }
  });

  it('logs a failed query’s SQL but not its bind values (TypeORM and PGlite shapes)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { pinoHttp } = loggerOptions({ log: { level: 'info' } } as AppConfig) as { pinoHttp: pino.LoggerOptions };
    const logger = pino({ level: 'info', redact: pinoHttp.redact, serializers: { err: pino.stdSerializers.err } }, sink);
    const driverError = Object.assign(new Error('invalid input syntax'), { query: 'SELECT 1 WHERE serial_hmac = $1', params: ['hmac-canary-1'] });
    const err = Object.assign(new Error('invalid input syntax'), {
      query: 'SELECT 1 WHERE serial_hmac = $1',
      parameters: ['hmac-canary-2'],
      params: ['hmac-canary-3'],
      driverError,
    });
    logger.error({ err, requestId: 'r1' }, 'Unhandled error');
    const line = lines.join('');
    expect(line).toContain('serial_hmac = $1');
    expect(line).not.toContain('hmac-canary');
  });

  it('logs the path of a public status page without its token', () => {
    expect(redactTrackingToken('/api/v1/public/track/Xy_3-abcdef?x=1')).toBe('/api/v1/public/track/[redacted]?x=1');
    expect(redactTrackingToken('/api/v1/repairs/R-1001')).toBe('/api/v1/repairs/R-1001');
  });
});
